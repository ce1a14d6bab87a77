//! Every page the build makes is valid HTML, checked with the Nu HTML Checker (npm package
//! `vnu-jar`, run with Java) on the built sample course and on every fixture course.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs the checker on `pages` and returns its error report (empty when all are valid).
fn validate(pages: &[PathBuf]) -> String {
    let java = common::require_tool("java");
    let jar = common::require_tool("node_modules/vnu-jar").join("build/dist/vnu.jar");
    assert!(jar.is_file(), "the checker is not at {}", jar.display());
    let output = Command::new(java)
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--format", "text"])
        .args(pages)
        .output()
        .expect("java runs");
    let report = String::from_utf8_lossy(&output.stderr).into_owned()
        + &String::from_utf8_lossy(&output.stdout);
    if output.status.success() {
        return String::new();
    }
    report
}

fn pages_of(out: &Path) -> Vec<PathBuf> {
    let pages = common::html_files(out);
    assert!(!pages.is_empty(), "no pages in {}", out.display());
    pages
}

#[test]
fn every_page_of_the_sample_course_is_valid_html() {
    let (_tmp, out) = common::build_to_temp(&common::repo_root());
    let pages = pages_of(&out);
    assert!(pages.len() >= 20, "only {} pages", pages.len());
    for page in [
        "index.html",
        "progress.html",
        "certificate.html",
        "my-handout.html",
        "404.html",
    ] {
        assert!(pages.contains(&out.join(page)), "{page} is not checked");
    }
    let report = validate(&pages);
    assert!(
        report.is_empty(),
        "the Nu HTML Checker found errors:\n{report}"
    );
}

#[test]
fn every_page_of_every_fixture_is_valid_html() {
    let mut temps = Vec::new();
    let mut pages = Vec::new();
    for name in common::fixture_names() {
        let (tmp, out) = common::build_to_temp(&common::fixture(&name));
        pages.extend(pages_of(&out));
        temps.push(tmp);
    }
    let report = validate(&pages);
    assert!(
        report.is_empty(),
        "the Nu HTML Checker found errors:\n{report}"
    );
}

#[test]
fn the_checker_reports_invalid_markup() {
    // Proves the check above can fail: a stray end tag must be reported.
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let bad = tmp.path().join("bad.html");
    std::fs::write(
        &bad,
        "<!doctype html><html lang=en><title>x</title><p>text</div>",
    )
    .expect("write");
    let report = validate(&[bad]);
    assert!(report.contains("Stray end tag"), "{report}");
}
