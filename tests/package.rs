//! `lectern package --format scorm12`, run as a real process: the zip's layout and manifest
//! (parsed, never searched as text), the launch page, where the zip goes, the SCORM 1.2
//! budget of the progress code, and errors that leave an earlier zip untouched.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::io::Read;
use std::path::Path;

use common::{copy_fixture, outputs, run};
use roxmltree::{Document, Node};

const CP: &str = "http://www.imsproject.org/xsd/imscp_rootv1p1p2";
const ADLCP: &str = "http://www.adlnet.org/xsd/adlcp_rootv1p2";
const SCHEMAS: [&str; 4] = [
    "imscp_rootv1p1p2.xsd",
    "imsmd_rootv1p2p1.xsd",
    "adlcp_rootv1p2.xsd",
    "ims_xml.xsd",
];

fn path_str(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 temporary path")
}

/// Every file of the zip at `path`, by name, with its bytes.
fn unzip(path: &Path) -> Vec<(String, Vec<u8>)> {
    let file = fs::File::open(path).expect("the zip exists");
    let mut zip = zip::ZipArchive::new(file).expect("a readable zip");
    (0..zip.len())
        .map(|i| {
            let mut entry = zip.by_index(i).expect("an entry");
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).expect("readable");
            (entry.name().expect("a UTF-8 name").to_string(), bytes)
        })
        .collect()
}

/// Runs `lectern package course --format scorm12 --out out`: its exit code, stdout, stderr.
fn run_package(course: &Path, out: &Path) -> (Option<i32>, String, String) {
    let args = ["package", path_str(course), "--format", "scorm12"];
    let output = run(&[&args[..], &["--out", path_str(out)]].concat());
    let (stdout, stderr) = outputs(&output);
    (output.status.code(), stdout, stderr)
}

/// Packages `course` into `out`; panics with the output when it fails.
fn package(course: &Path, out: &Path) -> Vec<(String, Vec<u8>)> {
    let (code, stdout, stderr) = run_package(course, out);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    unzip(out)
}

/// The children of `node` named `name` in the content-packaging namespace.
fn children<'a>(node: Node<'a, 'a>, name: &str) -> Vec<Node<'a, 'a>> {
    node.children()
        .filter(|n| n.has_tag_name((CP, name)))
        .collect()
}

fn one<'a>(node: Node<'a, 'a>, name: &str) -> Node<'a, 'a> {
    let found = children(node, name);
    assert_eq!(
        found.len(),
        1,
        "one <{name}> in <{}>",
        node.tag_name().name()
    );
    found[0]
}

fn text<'a>(node: Node<'a, 'a>, name: &str) -> &'a str {
    one(node, name).text().unwrap_or("")
}

#[test]
fn scorm12_package_has_the_manifest_schemas_site_and_launch_page() {
    let (tmp, course) = copy_fixture("browser-checklist");
    let zip = package(&course, &tmp.path().join("out.zip"));
    let names: Vec<&str> = zip.iter().map(|(n, _)| n.as_str()).collect();
    let manifest = &zip
        .iter()
        .find(|(n, _)| n == "imsmanifest.xml")
        .expect("a manifest at the root")
        .1;
    assert!(!manifest.starts_with(b"\xEF\xBB\xBF"), "a byte order mark");
    let text_of = std::str::from_utf8(manifest).expect("UTF-8");
    let doc = Document::parse(text_of).expect("well-formed XML");
    let root = doc.root_element();
    assert!(root.has_tag_name((CP, "manifest")));
    let metadata = one(root, "metadata");
    assert_eq!(text(metadata, "schema"), "ADL SCORM");
    assert_eq!(text(metadata, "schemaversion"), "1.2");

    let orgs = one(root, "organizations");
    let org = one(orgs, "organization");
    assert_eq!(orgs.attribute("default"), org.attribute("identifier"));
    assert_eq!(text(org, "title"), "Browser checks");
    let item = one(org, "item");
    assert_eq!(text(item, "title"), "Browser checks");
    assert!(
        !item
            .descendants()
            .any(|n| n.has_tag_name((ADLCP, "masteryscore"))),
        "a mastery score for a course without scored assessments"
    );

    let resource = one(one(root, "resources"), "resource");
    assert_eq!(
        item.attribute("identifierref"),
        resource.attribute("identifier")
    );
    assert_eq!(resource.attribute((ADLCP, "scormtype")), Some("sco"));
    assert_eq!(resource.attribute("type"), Some("webcontent"));
    assert_eq!(resource.attribute("href"), Some("scorm.html"));
    let listed: BTreeSet<&str> = children(resource, "file")
        .iter()
        .map(|f| f.attribute("href").expect("a file href"))
        .collect();
    let zipped: BTreeSet<&str> = names
        .iter()
        .copied()
        .filter(|n| *n != "imsmanifest.xml")
        .collect();
    assert_eq!(
        listed, zipped,
        "the resource lists exactly the package's files"
    );

    let expected = [
        "index.html",
        "basics/ticks.html",
        "assets/lectern.js",
        "scorm.html",
        "assets/scorm.js",
    ];
    for name in SCHEMAS.iter().chain(&expected) {
        assert!(names.contains(name), "{name} is missing from {names:?}");
    }
    for schema in SCHEMAS {
        let xsd = &zip.iter().find(|(n, _)| n == schema).unwrap().1;
        let xsd = Document::parse(std::str::from_utf8(xsd).unwrap()).expect(schema);
        assert!(xsd
            .root_element()
            .has_tag_name(("http://www.w3.org/2001/XMLSchema", "schema")));
    }
    assert!(!names.iter().any(|n| n.starts_with('/') || n.contains("..")));
}

#[test]
fn the_launch_page_holds_the_course_in_a_frame_with_the_runtime() {
    let (tmp, course) = copy_fixture("browser-checklist");
    let zip = package(&course, &tmp.path().join("out.zip"));
    let page = &zip.iter().find(|(n, _)| n == "scorm.html").unwrap().1;
    let html = scraper::Html::parse_document(std::str::from_utf8(page).unwrap());
    assert_eq!(
        common::attrs(&html, "iframe.scorm-frame", "title"),
        ["Browser checks"]
    );
    let scripts = common::attrs(&html, "script", "src");
    let want = [
        "strings.js",
        "course-data.js",
        "progress-index.js",
        "progress-code.js",
        "lectern.js",
        "scorm.js",
    ];
    assert_eq!(scripts, want.map(|s| format!("assets/{s}")));
    assert_eq!(
        common::attrs(&html, "body", "data-course"),
        ["browser-checks"]
    );
    // the normal site is not changed by packaging: no runtime in a build
    let (_t, out) = common::build_to_temp(&course);
    assert!(!out.join("assets/scorm.js").exists() && !out.join("scorm.html").exists());
}

#[test]
fn the_package_goes_beside_public_by_default_and_titles_are_escaped() {
    let (_tmp, course) = copy_fixture("browser-checklist");
    let yaml = fs::read_to_string(course.join("course.yaml")).unwrap();
    let title = r#"Q&A <"Sales"> l'été 営業"#;
    let yaml = yaml.replace(
        "title: Browser checks",
        &format!("title: '{}'", title.replace('\'', "''")),
    );
    fs::write(course.join("course.yaml"), yaml).unwrap();
    let output = run(&["package", path_str(&course), "--format", "scorm12"]);
    let (stdout, stderr) = outputs(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let path = course.join("browser-checks-scorm12.zip");
    assert!(stdout.starts_with("Packaged "), "{stdout}");
    assert!(
        stdout.contains(&format!("into {}", path.display())),
        "{stdout}"
    );
    let zip = unzip(&path);
    let manifest = std::str::from_utf8(&zip[0].1).unwrap();
    assert_eq!(zip[0].0, "imsmanifest.xml", "the manifest comes first");
    let doc = Document::parse(manifest).expect("well-formed XML");
    let titles: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name((CP, "title")))
        .map(|n| n.text().unwrap_or(""))
        .collect();
    assert_eq!(titles, [title, title]);
    let page = &zip.iter().find(|(n, _)| n == "scorm.html").unwrap().1;
    let html = scraper::Html::parse_document(std::str::from_utf8(page).unwrap());
    assert_eq!(common::texts(&html, "title"), [title]);
}

/// A course of one lesson with `n` checklist items.
fn course_with_items(dir: &Path, n: usize) {
    fs::create_dir_all(dir.join("content/01-m")).unwrap();
    fs::write(dir.join("course.yaml"), "id: big\ntitle: Big course\n").unwrap();
    fs::write(
        dir.join("content/_index.md"),
        "---\ntitle: Big course\n---\n",
    )
    .unwrap();
    fs::write(dir.join("content/01-m/_index.md"), "---\ntitle: M\n---\n").unwrap();
    let items: String = (0..n).map(|i| format!("- [ ] Item number {i}\n")).collect();
    fs::write(
        dir.join("content/01-m/01-l.md"),
        format!("---\ntitle: L\n---\n\n{items}"),
    )
    .unwrap();
}

#[test]
fn a_course_whose_progress_code_cannot_fit_suspend_data_is_not_packaged() {
    let tmp = tempfile::tempdir().unwrap();
    let course = tmp.path().join("course");
    course_with_items(&course, 6000);
    let out = tmp.path().join("big.zip");
    let (code, stdout, stderr) = run_package(&course, &out);
    assert_eq!(code, Some(1), "{stdout}");
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        "error: course \"Big course\": its progress code can reach 13,713 characters, more than the 4,096 that SCORM 1.2 keeps (suspend_data)
--> course.yaml
 = help: a learner's progress in it might not be kept by the LMS: split the course into several courses, or track fewer items (each checklist item, quiz question and sort takes room)
"
    );
    assert!(!out.exists(), "a package was written");
}

#[test]
fn a_failed_package_leaves_the_earlier_zip_untouched_and_names_every_problem() {
    let (tmp, course) = copy_fixture("browser-checklist");
    let out = tmp.path().join("out.zip");
    package(&course, &out);
    let before = fs::read(&out).unwrap();
    fs::write(
        course.join("content/01-basics/02-more.md"),
        "---\ntitle: [unclosed\n---\n",
    )
    .unwrap();
    fs::write(
        course.join("content/02-extra/01-last.md"),
        "---\ntitle: Last\nweight: x\n---\n",
    )
    .unwrap();
    let (code, _, stderr) = run_package(&course, &out);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("--> content/01-basics/02-more.md:2:"),
        "{stderr}"
    );
    assert!(
        stderr.contains("--> content/02-extra/01-last.md:3:"),
        "{stderr}"
    );
    assert_eq!(
        fs::read(&out).unwrap(),
        before,
        "the earlier package changed"
    );
    let left: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(
        left.len(),
        2,
        "temporary files left beside the zip: {left:?}"
    );
}

#[test]
fn a_package_into_a_missing_folder_is_a_clear_error() {
    let (tmp, course) = copy_fixture("browser-checklist");
    let out = tmp.path().join("no/such/folder/out.zip");
    let (code, _, stderr) = run_package(&course, &out);
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(
        stderr.lines().take(2).collect::<Vec<_>>(),
        [
            "error: could not write the package: it does not exist".to_string(),
            format!("--> {}", out.display())
        ]
    );
}
