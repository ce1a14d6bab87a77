//! Asset URLs carry a content hash: every script and stylesheet a built page names exists,
//! and its `?v=` is the hash of what the file holds.

mod common;

use std::path::Path;

/// FNV-1a (32 bits) as 8 hex digits, as the build writes it.
fn version(bytes: &[u8]) -> String {
    let hash = bytes.iter().fold(0x811c_9dc5, |h: u32, &b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    format!("{hash:08x}")
}

/// Every script and stylesheet URL of every page of the site at `out`, checked; returns
/// how many carried a version.
fn check_assets(out: &Path) -> usize {
    let mut versioned = 0;
    for page in common::html_files(out) {
        let html = scraper::Html::parse_document(&std::fs::read_to_string(&page).unwrap());
        let mut urls = common::attrs(&html, "script[src]", "src");
        urls.extend(common::attrs(&html, "link[rel=stylesheet]", "href"));
        for url in urls {
            let (path, v) = url.split_once("?v=").unwrap_or((&url, ""));
            let file = page.parent().unwrap().join(path);
            let bytes = std::fs::read(&file)
                .unwrap_or_else(|_| panic!("{}: {url} is not a file", page.display()));
            if !v.is_empty() {
                assert_eq!(v, version(&bytes), "{}: {url}", page.display());
                versioned += 1;
            }
        }
    }
    versioned
}

#[test]
fn every_asset_url_names_a_file_and_its_content_hash() {
    let (_tmp, out) = common::build_to_temp(&common::repo_root());
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    let page = scraper::Html::parse_document(&html);
    let scripts = common::attrs(&page, "script[src]", "src");
    let js = version(&std::fs::read(out.join("assets/lectern.js")).unwrap());
    assert!(
        scripts.contains(&format!("assets/lectern.js?v={js}")),
        "{scripts:?}"
    );
    assert!(check_assets(&out) >= 40);
}

#[test]
fn an_unchanged_course_keeps_its_asset_urls() {
    let (_a, one) = common::build_to_temp(&common::repo_root());
    let (_b, two) = common::build_to_temp(&common::repo_root());
    let read = |out: &Path| std::fs::read_to_string(out.join("index.html")).unwrap();
    assert_eq!(read(&one), read(&two));
}

/// Each script and stylesheet URL of page `rel` of the site at `out`, by file name → `?v=`.
fn versions_of(out: &Path, rel: &str) -> std::collections::BTreeMap<String, String> {
    let html = std::fs::read_to_string(out.join(rel)).unwrap();
    let page = scraper::Html::parse_document(&html);
    let mut urls = common::attrs(&page, "script[src]", "src");
    urls.extend(common::attrs(&page, "link[rel=stylesheet]", "href"));
    let name = |path: &str| path.rsplit('/').next().unwrap().to_string();
    urls.iter()
        .filter_map(|u| u.split_once("?v="))
        .map(|(path, v)| (name(path), v.to_string()))
        .collect()
}

#[test]
fn the_data_scripts_urls_change_with_a_lessons_items_and_the_rest_do_not() {
    let tmp = tempfile::tempdir().unwrap();
    let (root, course) = (common::repo_root(), tmp.path().join("course"));
    common::copy_dir(&root.join("content"), &course.join("content"));
    for file in ["course.yaml", "lectern.lock"] {
        std::fs::copy(root.join(file), course.join(file)).unwrap();
    }
    let (_a, before) = common::build_to_temp(&course);
    assert!(check_assets(&before) >= 40);
    let lesson = course.join("content/03-delegating-for-development/02-what-delegating-gives.md");
    let text = std::fs::read_to_string(&lesson).unwrap();
    let old = "- [ ] I can tell a stretch task";
    let added = format!("- [ ] I asked the delegate what they want to learn\n{old}");
    assert!(text.contains(old), "the lesson still has `{old}`");
    std::fs::write(&lesson, text.replacen(old, &added, 1)).unwrap();
    let (_b, after) = common::build_to_temp(&course);
    assert!(check_assets(&after) >= 40);
    for (rel, data) in [
        ("index.html", "course-data.js"),
        ("index.html", "progress-index.js"),
        ("certificate.html", "progress-data.js"),
    ] {
        let (one, two) = (versions_of(&before, rel), versions_of(&after, rel));
        let file = std::fs::read(after.join("assets").join(data)).unwrap();
        assert_eq!(two[data], version(&file), "{rel}");
        assert_ne!(one[data], two[data], "{rel}: {data} kept its version");
        // what the theme ships is unchanged; every data script's version follows its text
        let rest = |v: &std::collections::BTreeMap<String, String>| {
            let mut v = v.clone();
            v.retain(|name, _| {
                !name.ends_with("-data.js")
                    && !name.starts_with("modules/")
                    && !["progress-index.js", "course-pages.js"].contains(&name.as_str())
            });
            v
        };
        assert!(rest(&one).len() >= 2, "{rel}: {one:?}");
        assert_eq!(rest(&one), rest(&two), "{rel}");
    }
    // the progress page loads a module's labels from the address its module file gives
    let module = "assets/modules/delegating-for-development";
    let labels_url = |out: &Path| {
        let text = std::fs::read_to_string(out.join(format!("{module}.js"))).unwrap();
        let start = text
            .rfind(", \"assets/modules/")
            .expect("the labels' address")
            + 3;
        text[start..text.rfind('"').unwrap()].to_string()
    };
    let (one, two) = (labels_url(&before), labels_url(&after));
    let (path, v) = two.split_once("?v=").unwrap();
    assert_eq!(path, format!("{module}.labels.js"));
    assert_eq!(v, version(&std::fs::read(after.join(path)).unwrap()));
    assert_ne!(one, two, "the labels' file kept its version");
}
