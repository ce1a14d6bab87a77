//! Links and copied files: `.md` links become page links, anchors are kept, files beside
//! lessons and the course's `static/` are copied; and every page of every fixture and of the
//! sample course works from file://: each `href`/`src` is relative, names a file that exists
//! in the output, and each fragment names an id on the target page.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use common::{attrs, build, page};
use scraper::Html;

#[test]
fn markdown_links_are_rewritten_to_the_pages_they_become() {
    let built = build("links");
    let from = page(&built, "basics/from.html");
    assert_eq!(
        attrs(&from, ".lesson-body li a", "href"),
        [
            "../basics/to.html",
            "../basics/to.html#the-details",
            "../more/elsewhere.html",
            "../index.html",
            "#local-heading",
            "../basics/worksheet.pdf",
            "mailto:trainer@example.org",
        ]
    );
    let home = page(&built, "index.html");
    assert_eq!(
        attrs(&home, ".home > p a", "href"),
        ["basics/from.html", "https://example.org/guide"]
    );
    let module = page(&built, "basics/index.html");
    assert_eq!(
        attrs(&module, ".module-overview > p a", "href")[0],
        "../basics/to.html"
    );
}

#[test]
fn static_links_become_relative_to_each_page() {
    let built = build("links");
    let lesson = page(&built, "more/elsewhere.html");
    let hrefs = attrs(&lesson, ".lesson-body a", "href");
    assert_eq!(hrefs[1], "../files/guide.txt?v=2");
    let home = page(&built, "index.html");
    assert_eq!(attrs(&home, ".home img", "src"), ["files/guide.txt"]);
    assert!(built.site.files.contains_key("files/guide.txt"));
}

#[test]
fn files_beside_lessons_are_copied_next_to_their_pages() {
    let built = build("links");
    let from = page(&built, "basics/from.html");
    assert_eq!(
        attrs(&from, ".lesson-body img", "src"),
        ["../basics/team.png"]
    );
    assert_eq!(attrs(&from, ".lesson-body img", "alt"), ["Team diagram"]);
    let elsewhere = page(&built, "more/elsewhere.html");
    assert_eq!(
        attrs(&elsewhere, ".lesson-body img", "src"),
        ["../more/images/chart.png"]
    );
    let fixture = common::fixture("links");
    for (out, src) in [
        ("basics/team.png", "content/01-basics/team.png"),
        ("basics/worksheet.pdf", "content/01-basics/worksheet.pdf"),
        ("more/images/chart.png", "content/02-more/images/chart.png"),
        ("files/guide.txt", "static/files/guide.txt"),
        ("robots.txt", "static/robots.txt"),
    ] {
        match built.site.files.get(out) {
            Some(lectern::Output::Copy(path)) => assert_eq!(path, &fixture.join(src)),
            other => panic!("{out} should be a copy of {src}, got {other:?}"),
        }
    }
}

#[test]
fn copied_files_arrive_byte_for_byte_on_disk() {
    let fixture = common::fixture("links");
    let (_tmp, out) = common::build_to_temp(&fixture);
    for (out_path, src) in [
        ("basics/team.png", "content/01-basics/team.png"),
        ("more/images/chart.png", "content/02-more/images/chart.png"),
        ("files/guide.txt", "static/files/guide.txt"),
    ] {
        assert_eq!(
            fs::read(out.join(out_path)).expect(out_path),
            fs::read(fixture.join(src)).expect(src)
        );
    }
    assert!(
        !out.join("basics/from.md").exists(),
        "sources are not copied"
    );
}

#[test]
fn every_page_of_every_fixture_works_from_disk() {
    let names = common::fixture_names();
    assert!(names.len() >= 8, "fixtures found: {names:?}");
    let mut problems = Vec::new();
    for name in &names {
        let course = common::fixture(name);
        let (_tmp, out) = common::build_to_temp(&course);
        problems.extend(check_site(&format!("{name}/"), &course, &out));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_page_of_the_sample_course_works_from_disk() {
    let root = common::repo_root();
    let (_tmp, out) = common::build_to_temp(&root);
    let pages = common::html_files(&out);
    assert!(pages.len() >= 20, "only {} pages", pages.len());
    let problems = check_site("", &root, &out);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_link_check_catches_what_breaks_file_urls() {
    // The checker itself must notice each kind of bad reference, or the walks above prove nothing.
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let out = tmp.path();
    fs::create_dir_all(out.join("m")).expect("folder");
    fs::write(out.join("m/index.html"), "<p id=here>x</p><p id=été>y</p>").expect("write");
    fs::write(
        out.join("index.html"),
        r##"<a href="/m/index.html">a</a><a href="m/">b</a><a href="m">c</a>
<a href="m/missing.html">d</a><a href="m/index.html#gone">e</a><a href="#nowhere">f</a>
<a href="https://elsewhere.example/">g</a><img src="m/index.html#here"><a href="m/index.html#here">ok</a>
<a href="m/index.html#%C3%A9t%C3%A9">ok, decoded</a><a href="m/index.html#%C3%A9">h</a>"##,
    )
    .expect("write");
    let problems = check_site("", &common::fixture("links"), out);
    let expected = [
        "index.html: `/m/index.html` is not relative",
        "index.html: `m/` names a folder, not a file",
        "index.html: `m` names a folder, not a file",
        "index.html: `m/missing.html` does not exist in the output",
        "index.html: `m/index.html#gone`: no element has id `gone`",
        "index.html: `#nowhere`: no element has id `nowhere`",
        "index.html: `https://elsewhere.example/` leaves the site and is not in the course's content",
        "index.html: `m/index.html#%C3%A9`: no element has id `%C3%A9`",
    ];
    assert_eq!(problems, expected);
}

/// Every problem with the references of the site in `out`, built from the course at `course`;
/// each starts with `label` and the page's path.
fn check_site(label: &str, course: &Path, out: &Path) -> Vec<String> {
    let external = external_urls(course);
    let mut ids: BTreeMap<PathBuf, BTreeSet<String>> = BTreeMap::new();
    let mut problems = Vec::new();
    for file in common::html_files(out) {
        let html = Html::parse_document(&fs::read_to_string(&file).expect("a page"));
        let rel = file
            .strip_prefix(out)
            .expect("inside out")
            .display()
            .to_string();
        for url in references(&html) {
            if let Some(problem) = check_reference(out, &file, &url, &external, &mut ids) {
                problems.push(format!("{label}{rel}: {problem}"));
            }
        }
    }
    problems
}

/// Every `href` and `src` on the page.
fn references(html: &Html) -> Vec<String> {
    let mut urls = attrs(html, "[href]", "href");
    urls.extend(attrs(html, "[src]", "src"));
    urls
}

fn check_reference(
    out: &Path,
    page: &Path,
    url: &str,
    external: &BTreeSet<String>,
    ids: &mut BTreeMap<PathBuf, BTreeSet<String>>,
) -> Option<String> {
    if url.contains(':') && !url.starts_with('#') && url.split('/').next()?.contains(':') {
        // a course's `base_url` (ending in `/`) covers its canonical links, sitemap and 404 page
        let known = |e: &String| e == url || (e.ends_with('/') && url.starts_with(e.as_str()));
        return (!external.iter().any(known))
            .then(|| format!("`{url}` leaves the site and is not in the course's content"));
    }
    if url.starts_with('/') {
        return Some(format!("`{url}` is not relative"));
    }
    let (path, fragment) = url
        .split_once('#')
        .map_or((url, None), |(p, f)| (p, Some(f)));
    // a query (the assets' `?v=` content hash) does not change which file is opened from disk
    let path = path.split_once('?').map_or(path, |(p, _)| p);
    let target = if path.is_empty() {
        page.to_path_buf()
    } else {
        let joined = page.parent().expect("a folder").join(path);
        let Some(target) = normalize(&joined) else {
            return Some(format!("`{url}` climbs out of the output folder"));
        };
        if !target.starts_with(out) {
            return Some(format!("`{url}` climbs out of the output folder"));
        }
        if path.ends_with('/') || target.is_dir() {
            return Some(format!("`{url}` names a folder, not a file"));
        }
        if !target.is_file() {
            return Some(format!("`{url}` does not exist in the output"));
        }
        target
    };
    let fragment = fragment.filter(|f| !f.is_empty())?;
    let known = ids.entry(target.clone()).or_insert_with(|| ids_of(&target));
    // a browser looks for the fragment as written, then percent-decoded (`#%C3%A9tape` → `étape`)
    let found = known.contains(fragment) || known.contains(&percent_decoded(fragment));
    (!found).then(|| format!("`{url}`: no element has id `{fragment}`"))
}

/// `text` with its `%XX` escapes decoded as UTF-8.
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = text.get(i + 1..i + 3).filter(|_| bytes[i] == b'%');
        match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn ids_of(file: &Path) -> BTreeSet<String> {
    let text = fs::read_to_string(file).unwrap_or_default();
    let html = Html::parse_document(&text);
    attrs(&html, "[id]", "id").into_iter().collect()
}

fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    Some(out)
}

/// Absolute URLs the course's own files contain: the only ones a page may point to.
fn external_urls(course: &Path) -> BTreeSet<String> {
    let mut urls = BTreeSet::new();
    let mut files = vec![course.join("course.yaml")];
    for entry in walkdir::WalkDir::new(course.join("content")) {
        let path = entry.expect("a readable entry").into_path();
        if path.extension().is_some_and(|e| e == "md") {
            files.push(path);
        }
    }
    for file in files {
        let text = fs::read_to_string(&file).expect("a readable course file");
        for word in text.split(|c: char| c.is_whitespace() || "()<>\"'[]".contains(c)) {
            if word.contains("://") || word.starts_with("mailto:") {
                urls.insert(word.trim_end_matches(['.', ',']).to_string());
            }
        }
    }
    urls
}
