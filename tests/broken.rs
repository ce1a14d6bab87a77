//! The broken-course corpus: every folder under `tests/broken/` is a small course with one
//! kind of mistake (or a must-work oddity) and `expected.txt`, the exact stderr of
//! `lectern build` run inside it. An empty `expected.txt` means the build must succeed.
//!
//! For each case the runner copies the course to a temporary folder, puts a previous good
//! `public/` there, runs the real binary and checks: no panic, exit code 1 (0 for must-work
//! cases), stderr exactly as expected, and on failure `public/` byte-for-byte unchanged.
//! Cases that cannot live in git (a 20 MB lesson, 10,000-deep nesting, invalid UTF-8,
//! symbolic links, an unreadable file, a FIFO) are generated here, see [`generate`].
//!
//! Decisions these cases pin down: a 20 MB lesson builds (parsing and rendering are linear,
//! and a size cap would reject long handouts for no gain); 10,000-deep lists and blockquotes
//! build (pulldown-cmark and our passes work on a flat event list, nothing recurses per level);
//! an unreadable file, a dangling link, a FIFO or a loop is an error naming the path.
//!
//! `BLESS=1 cargo test --test broken` rewrites the `expected.txt` files; review the diff.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

mod common;

const BIN: &str = env!("CARGO_BIN_EXE_lectern");

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/broken")
}

/// A good site built once, to stand as the "previous output" in every case.
fn previous_public() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let course = dir.path();
        write(course, "course.yaml", "id: previous\ntitle: Previous\n");
        write(course, "content/_index.md", "---\ntitle: Home\n---\nOld.\n");
        write(
            course,
            "content/01-m/01-l.md",
            "---\ntitle: Old\n---\nOld.\n",
        );
        let out = Command::new(BIN)
            .args(["build", "--quiet"])
            .current_dir(course)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        dir
    })
    .path()
    .join("public")
    .leak()
}

fn write(root: &Path, rel: &str, text: impl AsRef<[u8]>) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// Every file under `dir` with its bytes: equal snapshots mean byte-for-byte equal trees.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
            (rel, fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Adds what a case needs but git cannot hold (or should not: 20 MB).
fn generate(name: &str, course: &Path) {
    use std::os::unix::fs::symlink;
    let lesson = "content/01-basics/02-second.md";
    match name {
        "invalid-utf8" => write(
            course,
            lesson,
            b"---\ntitle: Second\n---\nCaf\xe9 au lait\n".as_slice(),
        ),
        "huge-lesson" => {
            let para = "A line of plain lesson text that repeats, with *some* emphasis.\n\n";
            let body = para.repeat(20 * 1024 * 1024 / para.len() + 1);
            write(course, lesson, format!("---\ntitle: Huge\n---\n{body}"));
        }
        "deep-lists" => write(
            course,
            lesson,
            format!("---\ntitle: Deep\n---\n{}item\n", "- ".repeat(10_000)),
        ),
        "deep-blockquotes" => write(
            course,
            lesson,
            format!("---\ntitle: Deep\n---\n{}quote\n", "> ".repeat(10_000)),
        ),
        "symlink-loop" => symlink("..", course.join("content/01-basics/loop")).unwrap(),
        "symlink-outside" => {
            symlink("/etc/hostname", course.join("content/01-basics/host.txt")).unwrap()
        }
        "dangling-symlink" => symlink("gone.md", course.join(lesson)).unwrap(),
        "unreadable-file" => {
            use std::os::unix::fs::PermissionsExt;
            write(course, lesson, "---\ntitle: Secret\n---\n");
            fs::set_permissions(course.join(lesson), fs::Permissions::from_mode(0o000)).unwrap();
        }
        "fifo-lesson" => {
            let status = Command::new("mkfifo").arg(course.join(lesson)).status();
            assert!(status.unwrap().success(), "mkfifo failed");
        }
        _ => {}
    }
}

/// Root reads files whatever their mode; to test an unreadable file for real, the build
/// then runs as `nobody` over a folder everyone may write.
fn run_unprivileged_if_root(name: &str, course: &Path, command: &mut Command) {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let lesson = course.join("content/01-basics/02-second.md");
    if name != "unreadable-file" || fs::read(&lesson).is_err() {
        return;
    }
    for entry in walkdir::WalkDir::new(course) {
        let entry = entry.unwrap();
        if entry.path() != lesson {
            let mode = if entry.file_type().is_dir() {
                0o777
            } else {
                0o666
            };
            fs::set_permissions(entry.path(), fs::Permissions::from_mode(mode)).unwrap();
        }
    }
    // The case's own temporary folder (not the system's temp folder above it) opens up too.
    let tmp = course.parent().unwrap();
    fs::set_permissions(tmp, fs::Permissions::from_mode(0o777)).unwrap();
    command.uid(65534).gid(65534);
}

/// Runs one case; returns what went wrong, if anything.
fn run_case(name: &str) -> Option<String> {
    let case = corpus().join(name);
    let expected_file = case.join("expected.txt");
    let tmp = tempfile::tempdir().unwrap();
    let course = tmp.path().join("course");
    common::copy_dir(&case, &course);
    fs::remove_file(course.join("expected.txt")).ok();
    let args = fs::read_to_string(course.join("args.txt")).unwrap_or_else(|_| "build".into());
    fs::remove_file(course.join("args.txt")).ok();
    generate(name, &course);
    common::copy_dir(previous_public(), &course.join("public"));
    let before = snapshot(&course.join("public"));

    let mut command = Command::new(BIN);
    command.args(args.split_whitespace()).current_dir(&course);
    run_unprivileged_if_root(name, &course, &mut command);
    let out = command.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();

    if std::env::var_os("BLESS").is_some() {
        fs::write(&expected_file, &stderr).unwrap();
    }
    let expected = fs::read_to_string(&expected_file).unwrap_or_default();
    let must_work = expected.is_empty();
    let mut wrong = Vec::new();
    if stderr.contains("panicked") || stderr.contains("RUST_BACKTRACE") {
        wrong.push("it panicked".to_string());
    }
    let code = out.status.code();
    if code != Some(if must_work { 0 } else { 1 }) {
        wrong.push(format!("exit code {code:?}"));
    }
    if stderr != expected {
        wrong.push(format!(
            "stderr differs\n--- expected\n{expected}\n--- actual\n{stderr}"
        ));
    }
    let after = snapshot(&course.join("public"));
    if !must_work && after != before {
        wrong.push("the previous public/ was changed".into());
    }
    if must_work && after == before {
        wrong.push("the build succeeded but public/ was not rebuilt".into());
    }
    if must_work {
        wrong.extend(check_output(name, &course.join("public")));
    }
    (!wrong.is_empty()).then(|| format!("case {name}: {}", wrong.join("; ")))
}

#[test]
fn every_broken_course_fails_cleanly_and_keeps_the_previous_output() {
    let mut names: Vec<String> = fs::read_dir(corpus())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(
        names.len() >= 40,
        "the corpus has only {} cases",
        names.len()
    );
    let failures: Vec<String> = names.iter().filter_map(|n| run_case(n)).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Extra checks on the output of the must-work cases.
fn check_output(name: &str, public: &Path) -> Vec<String> {
    let mut wrong = Vec::new();
    let page = |rel: &str| fs::read_to_string(public.join(rel)).unwrap_or_default();
    match name {
        "bom-and-crlf" => {
            let html = scraper::Html::parse_document(&page("basics/second.html"));
            if !has_text(&html, "h1", "Second") || !has_text(&html, "label", "Tick me") {
                wrong.push("the BOM/CRLF lesson lost its title or checklist".into());
            }
        }
        "names-spaces-unicode-dots" => {
            for rel in ["basics/my-lesson.html", "basics/café.html"] {
                if !public.join(rel).is_file() {
                    wrong.push(format!("{rel} was not built"));
                }
            }
            if public.join("basics/hidden.html").exists() {
                wrong.push("a dot-file was built".into());
            }
        }
        "html-in-titles-and-cells" => {
            let lesson = scraper::Html::parse_document(&page("basics/second.html"));
            if !has_text(&lesson, "h1", "<script>alert('title')</script> & more") {
                wrong.push("the title was not shown as text".into());
            }
            if script_contains(&lesson, "alert(") {
                wrong.push("a <script> from front matter or a table became a real script".into());
            }
            if !has_text(&lesson, "table th", "<script>alert('cell')</script>") {
                wrong.push("the table cell was not shown as text".into());
            }
            if !has_text(&lesson, "div.author-box b", "HTML") {
                wrong.push("raw HTML in the lesson Markdown did not stay".into());
            }
        }
        "huge-lesson" | "deep-lists" | "deep-blockquotes"
            if !public.join("basics/second.html").is_file() =>
        {
            wrong.push("the lesson was not built".into());
        }
        _ => {}
    }
    wrong
}

fn has_text(html: &scraper::Html, selector: &str, text: &str) -> bool {
    let selector = scraper::Selector::parse(selector).unwrap();
    html.select(&selector)
        .any(|e| e.text().collect::<String>().contains(text))
}

fn script_contains(html: &scraper::Html, text: &str) -> bool {
    let selector = scraper::Selector::parse("script").unwrap();
    html.select(&selector)
        .any(|e| e.text().collect::<String>().contains(text))
}
