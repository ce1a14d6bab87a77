//! Shared helpers for the integration tests: fixture courses, builds (in memory through the
//! library, or on disk through the real binary), HTML parsing, and the external tools some
//! tests need. A missing tool makes the test fail with a message saying how to install it:
//! tests never skip silently.

// Each test crate uses a different subset of these helpers.
#![allow(dead_code)]

pub mod client;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use lectern::{BuildOptions, Built};
use scraper::{Html, Selector};
use tempfile::TempDir;

/// The repository root (which is also the sample course).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/fixtures/<name>`, which must exist.
pub fn fixture(name: &str) -> PathBuf {
    let path = repo_root().join("tests/fixtures").join(name);
    assert!(path.is_dir(), "no fixture course at {}", path.display());
    path
}

/// Names of every fixture course that should build: folders of tests/fixtures holding a
/// course.yaml, except those named `*-errors`, which hold deliberately broken content.
pub fn fixture_names() -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(repo_root().join("tests/fixtures"))
        .expect("tests/fixtures is readable")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("course.yaml").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| !name.ends_with("-errors"))
        .collect();
    names.sort();
    names
}

/// Builds the course at `root` in memory; panics with the diagnostics when it fails.
pub fn build_course(root: &Path, drafts: bool) -> Built {
    let options = BuildOptions {
        root: root.to_path_buf(),
        drafts,
    };
    match lectern::build_site(&options) {
        Ok(built) => built,
        Err(problems) => panic!("{} should build, but:\n{problems}", root.display()),
    }
}

/// Builds a fixture in memory.
pub fn build(name: &str) -> Built {
    build_course(&fixture(name), false)
}

/// The full error text of a course that must fail to build.
pub fn build_error(root: &Path) -> String {
    let options = BuildOptions {
        root: root.to_path_buf(),
        drafts: false,
    };
    match lectern::build_site(&options) {
        Ok(_) => panic!("{} should fail to build, but it built", root.display()),
        Err(problems) => problems.to_string(),
    }
}

/// A generated page of an in-memory build, parsed.
pub fn page(built: &Built, path: &str) -> Html {
    let text = built.site.text(path).unwrap_or_else(|| {
        let pages: Vec<&String> = built.site.files.keys().collect();
        panic!("no page {path}; the site has {pages:?}")
    });
    Html::parse_document(text)
}

/// Parses a CSS selector (the tests' selectors are literals, so a bad one is a test bug).
pub fn sel(selector: &str) -> Selector {
    Selector::parse(selector).unwrap_or_else(|e| panic!("bad selector {selector}: {e:?}"))
}

/// Whitespace-normalised text of every element matching `selector`.
pub fn texts(html: &Html, selector: &str) -> Vec<String> {
    html.select(&sel(selector))
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// The `attr` of every element matching `selector`.
pub fn attrs(html: &Html, selector: &str, attr: &str) -> Vec<String> {
    html.select(&sel(selector))
        .filter_map(|e| e.value().attr(attr).map(str::to_owned))
        .collect()
}

/// A copy of a fixture (or of any course folder) in a new temporary folder, as `<tmp>/course`.
pub fn copy_fixture(name: &str) -> (TempDir, PathBuf) {
    copy_course(&fixture(name))
}

/// A copy of the course folder `from` in a new temporary folder, as `<tmp>/course`.
pub fn copy_course(from: &Path) -> (TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let to = tmp.path().join("course");
    copy_dir(from, &to);
    (tmp, to)
}

/// Copies a folder recursively (skipping `public/`, `target/` and `node_modules/`).
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap_or_else(|e| panic!("create {}: {e}", to.display()));
    for entry in fs::read_dir(from).unwrap_or_else(|e| panic!("read {}: {e}", from.display())) {
        let entry = entry.expect("a folder entry");
        let name = entry.file_name();
        let target = to.join(&name);
        if entry.file_type().expect("a file type").is_dir() {
            if !["public", "target", "node_modules", ".git"].contains(&&*name.to_string_lossy()) {
                copy_dir(&entry.path(), &target);
            }
        } else {
            fs::copy(entry.path(), &target)
                .unwrap_or_else(|e| panic!("copy {}: {e}", entry.path().display()));
        }
    }
}

/// The real `lectern` binary, as a command to add arguments to.
pub fn lectern() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_lectern"));
    command.env("NO_COLOR", "1");
    command
}

/// Runs `lectern` with `args` and returns what it did.
pub fn run(args: &[&str]) -> Output {
    lectern()
        .args(args)
        .output()
        .expect("the lectern binary runs")
}

/// Builds the course at `course` into `out` with the binary; panics when it fails.
pub fn build_to_dir(course: &Path, out: &Path) {
    let output = lectern()
        .arg("build")
        .arg(course)
        .arg("--out")
        .arg(out)
        .arg("--quiet")
        .output()
        .expect("the lectern binary runs");
    assert!(
        output.status.success(),
        "lectern build {} failed ({}):\n{}",
        course.display(),
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Builds a course into a new temporary folder; returns the folder and the output path.
pub fn build_to_temp(course: &Path) -> (TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let out = tmp.path().join("public");
    build_to_dir(course, &out);
    (tmp, out)
}

/// Every file below `dir`, by `/`-separated relative path, with its bytes.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("a readable entry");
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).expect("below dir");
            let rel = rel.to_string_lossy().replace('\\', "/");
            files.insert(rel, fs::read(entry.path()).expect("a readable file"));
        }
    }
    files
}

/// Every HTML page below `dir`, by relative path.
pub fn html_files(dir: &Path) -> Vec<PathBuf> {
    read_tree(dir)
        .keys()
        .filter(|p| p.ends_with(".html"))
        .map(|p| dir.join(p))
        .collect()
}

/// `stdout` and `stderr` of a finished command, as text.
pub fn outputs(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Fails the test, with how to install it, when a tool it needs is missing.
///
/// Known names: `chromium`, `chromedriver`, `nginx`, `java`, `xmllint`, and npm packages as
/// `node_modules/<package>` (installed by `bash scripts/test.sh`).
pub fn require_tool(name: &str) -> PathBuf {
    let how = "run `bash scripts/test.sh`, which installs what the tests need";
    if let Some(package) = name.strip_prefix("node_modules/") {
        let path = repo_root().join("node_modules").join(package);
        assert!(
            path.join("package.json").is_file(),
            "this test needs the npm package {package}, but {} is missing: {how} (or `npm ci --ignore-scripts`)",
            path.display()
        );
        return path;
    }
    let candidates: &[&str] = match name {
        "chromium" => &["/usr/bin/chromium"],
        "chromedriver" => &["/usr/bin/chromedriver"],
        "nginx" => &["/usr/sbin/nginx", "/usr/bin/nginx"],
        _ => &[],
    };
    if let Some(found) = candidates.iter().map(PathBuf::from).find(|p| p.is_file()) {
        return found;
    }
    if let Some(found) = find_on_path(name) {
        return found;
    }
    let package = match name {
        "chromium" => "chromium",
        "chromedriver" => "chromium-driver",
        "java" => "default-jre-headless",
        "xmllint" => "libxml2-utils",
        other => other,
    };
    panic!("this test needs `{name}`, which is not installed: {how} (or `apt-get install -y {package}`)")
}

fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// A course written from `(path, text)` pairs into a new temporary folder, as `<tmp>/course`.
/// A `course.yaml` with `title: Test` is added when the pairs have none.
pub fn write_course(files: &[(&str, &str)]) -> (TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let root = tmp.path().join("course");
    let mut all: Vec<(&str, &str)> = files.to_vec();
    if !files.iter().any(|(p, _)| *p == "course.yaml") {
        all.push(("course.yaml", "id: test\ntitle: Test\n"));
    }
    for (path, text) in all {
        let target = root.join(path);
        fs::create_dir_all(target.parent().expect("a parent")).expect("create the folder");
        fs::write(&target, text).expect("write the file");
    }
    (tmp, root)
}

/// The course data as one object: `course-data.js` (the summary every page loads) with every
/// module's pages from `course-pages.js` merged into its `pages`.
#[allow(dead_code)]
pub fn course_data(summary: &str, all: &str) -> serde_json::Value {
    let json = (summary.lines().next())
        .and_then(|d| d.strip_prefix("window.LECTERN_COURSE = "))
        .and_then(|d| d.strip_suffix(';'))
        .expect("course-data.js assigns window.LECTERN_COURSE");
    let mut data: serde_json::Value =
        serde_json::from_str(json).expect("course-data.js holds JSON");
    for line in all.lines() {
        let args = (line.strip_prefix("window.lecternData("))
            .and_then(|l| l.strip_suffix(");"))
            .expect("course-pages.js calls lecternData");
        let args: serde_json::Value = serde_json::from_str(&format!("[{args}]")).unwrap();
        for (id, page) in args[2].as_object().unwrap() {
            data["pages"][id] = page.clone();
        }
    }
    data
}
