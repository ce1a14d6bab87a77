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
