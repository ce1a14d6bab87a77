//! The `lectern` command line, run as a real process: build, check, init, help, exit codes
//! (0 success, 1 content errors, 2 usage errors) and the atomic output swap.

mod common;

use std::fs;
use std::path::Path;

use common::{copy_fixture, fixture, lectern, outputs, read_tree, run};

fn path_str(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 temporary path")
}

#[test]
fn build_writes_into_out_and_prints_one_summary_line() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let out = tmp.path().join("site");
    let course = fixture("navigation");
    let output = run(&["build", path_str(&course), "--out", path_str(&out)]);
    let (stdout, stderr) = outputs(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert_eq!(stderr, "");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{stdout}");
    let prefix = "Built 3 lessons in 2 modules: 13 pages in ";
    let suffix = format!(" ms into {}", out.display());
    let line = lines[0];
    assert!(
        line.starts_with(prefix) && line.ends_with(&suffix),
        "{line}"
    );
    let millis = &line[prefix.len()..line.len() - suffix.len()];
    assert!(
        millis.parse::<u64>().is_ok(),
        "time is not a number: {line}"
    );
    let pages = read_tree(&out)
        .keys()
        .filter(|p| p.ends_with(".html"))
        .count();
    assert_eq!(pages, 13);
    assert!(out.join("first/long.html").is_file());
    assert!(!course.join("public").exists(), "--out was not honoured");
}

#[test]
fn the_summary_uses_singular_counts() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let out = tmp.path().join("site");
    let output = run(&[
        "build",
        path_str(&fixture("brand")),
        "--out",
        path_str(&out),
    ]);
    let (stdout, _) = outputs(&output);
    assert!(
        stdout.starts_with("Built 1 lesson in 1 module: 9 pages in "),
        "{stdout}"
    );
}

#[test]
fn build_defaults_to_public_inside_the_course_folder() {
    let (_tmp, course) = copy_fixture("drafts");
    let output = lectern()
        .arg("build")
        .current_dir(&course)
        .output()
        .expect("lectern runs");
    assert_eq!(output.status.code(), Some(0), "{:?}", outputs(&output));
    assert!(course.join("public/index.html").is_file());
    assert!(course.join("public/module/published.html").is_file());
    assert!(!course.join("public/module/unfinished.html").exists());
}

#[test]
fn build_drafts_flag_includes_drafts() {
    let (_tmp, course) = copy_fixture("drafts");
    let output = run(&["build", path_str(&course), "--drafts", "--quiet"]);
    assert_eq!(output.status.code(), Some(0), "{:?}", outputs(&output));
    assert!(course.join("public/module/unfinished.html").is_file());
}

#[test]
fn quiet_build_prints_nothing() {
    let (_tmp, course) = copy_fixture("alerts");
    for flag in ["--quiet", "-q"] {
        let output = run(&["build", path_str(&course), flag]);
        assert_eq!(output.status.code(), Some(0));
        assert_eq!(outputs(&output), (String::new(), String::new()));
    }
    assert!(course.join("public/module/callouts.html").is_file());
}

#[test]
fn check_validates_and_writes_nothing() {
    let (_tmp, course) = copy_fixture("links");
    let before = read_tree(&course);
    let output = run(&["check", path_str(&course)]);
    let (stdout, stderr) = outputs(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert_eq!(stdout, "No problems found: 3 lessons in 2 modules.\n");
    assert_eq!(
        read_tree(&course),
        before,
        "check changed the course folder"
    );
    let parent: Vec<_> = fs::read_dir(course.parent().expect("a parent"))
        .expect("readable")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(parent, ["course"], "check left files beside the course");
}

#[test]
fn check_reports_content_errors_with_exit_code_1() {
    let (_tmp, course) = copy_fixture("links");
    fs::write(
        course.join("content/01-basics/02-to.md"),
        "---\ntitle: To\n---\n\nNo more details here.\n",
    )
    .expect("write");
    let output = run(&["check", path_str(&course)]);
    let (stdout, stderr) = outputs(&output);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        "error: the heading `#the-details` does not exist
 --> content/01-basics/01-from.md:6:3
  |
6 | - [Sibling heading](02-to.md#the-details)
  |   ^
  |
  = help: the page `To` has these headings: none
"
    );
    assert!(!course.join("public").exists());
}

#[test]
fn init_creates_a_course_that_builds_and_checks() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let course = tmp.path().join("my-course");
    let output = run(&["init", path_str(&course)]);
    let (stdout, stderr) = outputs(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert_eq!(
        stdout,
        format!(
            "Created a course in {0}. Build it with: lectern build {0}\n",
            course.display()
        )
    );
    assert!(course.join("course.yaml").is_file());
    assert!(course.join("content/_index.md").is_file());
    let readme = fs::read_to_string(course.join("static/README.txt")).unwrap();
    assert!(readme
        .starts_with("Files in this folder are copied as they are to the top of the built site"));
    let check = run(&["check", path_str(&course)]);
    assert_eq!(check.status.code(), Some(0), "{:?}", outputs(&check));
    let build = run(&["build", path_str(&course), "--quiet"]);
    assert_eq!(build.status.code(), Some(0), "{:?}", outputs(&build));
    let (_, build_stderr) = outputs(&build);
    assert!(!build_stderr.contains("warning"), "{build_stderr}");
    let lesson = fs::read_to_string(course.join("public/getting-started/next-steps.html")).unwrap();
    for block in [
        "<form class=\"quiz\"",
        "<section class=\"sort\"",
        "<section class=\"reflection\"",
    ] {
        assert!(lesson.contains(block), "the scaffold shows {block}");
    }
    let welcome = fs::read_to_string(course.join("public/getting-started/welcome.html")).unwrap();
    assert!(welcome.contains("<table"), "the scaffold shows a table");
    let built = common::build_course(&course, false);
    assert!(built.lessons >= 1 && built.modules >= 1);
    assert!(course.join("public/index.html").is_file());
    assert_eq!(
        fs::read_to_string(course.join("public/README.txt")).unwrap(),
        readme
    );
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let (_tmp, course) = copy_fixture("brand");
    let before = read_tree(&course);
    let output = run(&["init", path_str(&course)]);
    let (stdout, stderr) = outputs(&output);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout, "");
    assert!(
        stderr.starts_with(&format!(
            "error: {} already exists and is not empty",
            course.display()
        )),
        "{stderr}"
    );
    assert_eq!(read_tree(&course), before);
}

#[test]
fn every_command_has_help() {
    for (command, words) in [
        ("build", ["--out", "--drafts", "--quiet"].as_slice()),
        ("check", ["--drafts"].as_slice()),
        ("init", ["<DIR>"].as_slice()),
    ] {
        let output = run(&[command, "--help"]);
        let (stdout, _) = outputs(&output);
        assert_eq!(output.status.code(), Some(0), "{command} --help");
        assert!(
            stdout.contains(&format!("Usage: lectern {command}")),
            "{stdout}"
        );
        for word in words {
            assert!(
                stdout.contains(word),
                "{command} --help lacks {word}: {stdout}"
            );
        }
    }
    let output = run(&["--help"]);
    let (stdout, _) = outputs(&output);
    assert_eq!(output.status.code(), Some(0));
    for command in ["build", "check", "init"] {
        assert!(stdout.contains(command), "{stdout}");
    }
}

#[test]
fn usage_errors_exit_with_code_2() {
    for args in [
        &["bogus"][..],
        &["build", "--nope"][..],
        &["init"][..],
        &[][..],
    ] {
        let output = run(args);
        let (stdout, stderr) = outputs(&output);
        assert_eq!(
            output.status.code(),
            Some(2),
            "lectern {args:?}: {stdout}{stderr}"
        );
        assert!(stderr.contains("Usage: lectern"), "{stderr}");
    }
}

#[test]
fn a_missing_course_folder_is_a_content_error() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let output = run(&["build", path_str(&tmp.path().join("nowhere"))]);
    let (_, stderr) = outputs(&output);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr.starts_with("error: there is no course.yaml in "),
        "{stderr}"
    );
}

#[test]
fn a_failed_build_leaves_the_previous_output_byte_for_byte() {
    let (tmp, course) = copy_fixture("links");
    let out = tmp.path().join("public");
    let first = run(&["build", path_str(&course), "--out", path_str(&out), "-q"]);
    assert_eq!(first.status.code(), Some(0), "{:?}", outputs(&first));
    let before = read_tree(&out);
    assert!(before.len() > 10);
    fs::write(
        course.join("content/01-basics/02-to.md"),
        "---\ntitle: Changed\n---\n\n[broken](missing.md)\n",
    )
    .expect("write");
    let second = run(&["build", path_str(&course), "--out", path_str(&out)]);
    let (stdout, stderr) = outputs(&second);
    assert_eq!(second.status.code(), Some(1));
    assert_eq!(stdout, "");
    assert!(
        stderr.contains("the link target `missing.md` does not exist"),
        "{stderr}"
    );
    assert!(read_tree(&out) == before, "the previous output changed");
    let mut beside: Vec<String> = fs::read_dir(tmp.path())
        .expect("readable")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    beside.sort();
    assert_eq!(
        beside,
        ["course", "public"],
        "temporary folders left behind"
    );
}

#[test]
fn a_successful_rebuild_replaces_the_output_whole() {
    let (tmp, course) = copy_fixture("drafts");
    let out = tmp.path().join("public");
    let first = run(&[
        "build",
        path_str(&course),
        "--out",
        path_str(&out),
        "--drafts",
        "-q",
    ]);
    assert_eq!(first.status.code(), Some(0));
    assert!(out.join("module/unfinished.html").is_file());
    let second = run(&["build", path_str(&course), "--out", path_str(&out), "-q"]);
    assert_eq!(second.status.code(), Some(0));
    assert!(
        !out.join("module/unfinished.html").exists(),
        "stale page kept"
    );
    assert!(out.join("module/published.html").is_file());
}

#[test]
fn a_rebuild_keeps_unchanged_files_and_writes_changed_ones() {
    use std::os::unix::fs::MetadataExt;
    let (tmp, course) = copy_fixture("links");
    let out = tmp.path().join("public");
    let build = |into: &Path| {
        let done = run(&["build", path_str(&course), "--out", path_str(into), "-q"]);
        assert_eq!(done.status.code(), Some(0), "{:?}", outputs(&done));
    };
    build(&out);
    let ino = |rel: &str| fs::metadata(out.join(rel)).expect("built").ino();
    let (css, from) = (ino("assets/lectern.css"), ino("basics/from.html"));
    let to = ino("basics/to.html");
    // an edited lesson, and an output file changed by hand (same length, other bytes)
    let lesson = course.join("content/01-basics/02-to.md");
    let text = fs::read_to_string(&lesson).expect("readable");
    fs::write(&lesson, text.replace("Text.", "Edited text.")).expect("write");
    let by_hand = out.join("basics/from.html");
    let mut bytes = fs::read(&by_hand).expect("built");
    bytes[0] = b'X';
    fs::write(&by_hand, &bytes).expect("write");
    build(&out);
    let fresh = tmp.path().join("fresh");
    build(&fresh);
    assert!(read_tree(&out) == read_tree(&fresh), "rebuild differs");
    assert_eq!(ino("assets/lectern.css"), css, "unchanged file not kept");
    assert_ne!(ino("basics/from.html"), from, "file changed by hand kept");
    assert_ne!(ino("basics/to.html"), to, "edited page kept");
    let page = fs::read_to_string(out.join("basics/to.html")).expect("built");
    assert!(page.contains("Edited text."), "{page}");
}

/// Kills the server it holds when the test ends, passed or not.
struct Running(std::process::Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[cfg(all(unix, not(target_os = "macos")))]
#[test]
fn serve_open_hands_the_served_address_to_the_desktop_opener() {
    use std::io::{BufRead, BufReader};
    use std::os::unix::fs::PermissionsExt;
    use std::process::Stdio;

    // a stand-in `xdg-open` first on the PATH, writing down the address it is given
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let bin = tmp.path().join("bin");
    fs::create_dir(&bin).unwrap();
    let opened = tmp.path().join("opened.txt");
    let opener = bin.join("xdg-open");
    fs::write(
        &opener,
        "#!/bin/sh\nprintf '%s' \"$1\" > \"$LECTERN_TEST_OPENED\"\n",
    )
    .unwrap();
    fs::set_permissions(&opener, fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let (_course_tmp, course) = copy_fixture("navigation");
    let child = lectern()
        .args(["serve", path_str(&course), "--port", "0", "--open"])
        .env("PATH", path)
        .env("LECTERN_TEST_OPENED", &opened)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("lectern serve starts");
    let mut server = Running(child);
    let mut line = String::new();
    BufReader::new(server.0.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .strip_prefix("Serving the course at ")
        .and_then(|rest| rest.strip_suffix(" (Ctrl-C to stop)\n"))
        .unwrap_or_else(|| panic!("unexpected first line: {line:?}"));
    let deadline = std::time::Instant::now() + common::client::WAIT;
    while !opened.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    // the opener may have made the file and not yet written it
    std::thread::sleep(std::time::Duration::from_millis(100));
    assert_eq!(fs::read_to_string(&opened).expect("the opener ran"), url);
    let addr: std::net::SocketAddr = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .parse()
        .unwrap_or_else(|_| panic!("not host:port: {url}"));
    let home = common::client::get(addr, "/");
    assert_eq!(home.status, 200);
    assert!(
        home.body.contains("<title>Navigation</title>"),
        "{}",
        home.body
    );
}

#[test]
fn check_and_build_print_json_diagnostics_one_per_line() {
    let (_tmp, course) = copy_fixture("links");
    fs::write(
        course.join("course.yaml"),
        "title: Links\nbrand:\n  logo: nope.svg\n",
    )
    .unwrap();
    let lesson = course.join("content/zz-extra/01-x.md");
    fs::create_dir_all(lesson.parent().unwrap()).unwrap();
    fs::write(&lesson, "---\ntitle: X\n---\n\nSee [gone](gone.md).\n").unwrap();
    for command in ["check", "build"] {
        let output = run(&[command, path_str(&course), "--format", "json"]);
        let (stdout, _) = outputs(&output);
        assert_eq!(output.status.code(), Some(1), "{stdout}");
        assert_eq!(
            stdout,
            r#"{"file":"content/zz-extra/01-x.md","line":5,"column":5,"severity":"error","message":"the link target `gone.md` does not exist","help":"check the file name and folder; links are relative to this file, e.g. `../02-module/01-lesson.md`"}
{"file":"course.yaml","line":3,"column":9,"severity":"error","message":"the logo `nope.svg` is not in static/","help":"put the image at static/nope.svg, or give the path of a file in static/ (relative to it)"}
"#
        );
    }
    fs::remove_file(&lesson).unwrap();
    fs::write(course.join("course.yaml"), "title: Links\n").unwrap();
    let output = run(&["check", path_str(&course), "--format", "json"]);
    let (stdout, stderr) = outputs(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let warning = r#"{"file":"course.yaml","line":null,"column":null,"severity":"warning","message":"course.yaml has no `id:`, so learners' progress is kept under `links`, made from the title: a new title would lose it","help":"add `id: links` to course.yaml and never change it"}"#;
    assert_eq!(stdout, format!("{warning}\n"));
    assert!(stderr.starts_with("No problems found: "), "{stderr}");
}

#[test]
fn new_adds_lessons_and_modules_numbered_after_the_last() {
    let (_tmp, course) = copy_fixture("navigation");
    let dir = path_str(&course);
    let output = run(&["new", "module", "Handling objections", "--dir", dir]);
    assert_eq!(
        outputs(&output).0,
        "Created content/03-handling-objections/_index.md\n"
    );
    let output = run(&[
        "new",
        "lesson",
        "handling-objections",
        "Say \"no\": why",
        "--dir",
        dir,
    ]);
    assert_eq!(
        outputs(&output).0,
        "Created content/03-handling-objections/01-say-no-why.md\n"
    );
    let output = run(&[
        "new",
        "lesson",
        "03-handling-objections",
        "Second",
        "--dir",
        dir,
    ]);
    assert_eq!(
        outputs(&output).0,
        "Created content/03-handling-objections/02-second.md\n"
    );
    let lesson =
        fs::read_to_string(course.join("content/03-handling-objections/01-say-no-why.md")).unwrap();
    assert_eq!(
        lesson,
        "---\ntitle: \"Say \\\"no\\\": why\"\n---\n\nWrite the lesson here.\n"
    );
    let output = run(&["check", dir]);
    assert_eq!(
        outputs(&output).0,
        "No problems found: 5 lessons in 3 modules.\n"
    );
}

#[test]
fn new_explains_what_is_wrong() {
    let (_tmp, course) = copy_fixture("navigation");
    let dir = path_str(&course);
    let cases: [(&[&str], &str); 4] = [
        (&["lesson", "frist", "A"], "error: there is no module `frist` in content/\n--> content\n = help: did you mean `01-first`?\n"),
        (&["lesson", "zzz", "A"], "error: there is no module `zzz` in content/\n--> content\n = help: the modules are: 01-first, 02-second\n"),
        (&["module", "  "], "error: the module title is empty\n--> content\n = help: give the module a title in quotes, e.g. `lectern new module \"Handling objections\"`\n"),
        (&["lesson", "first", "Long"], "error: a lesson with the address `long` already exists: content/01-first/01-long.md\n--> content/01-first/01-long.md\n = help: give the new lesson another title, or edit the one there\n"),
    ];
    for (args, want) in cases {
        let output = run(&[&["new"], args, &["--dir", dir]].concat());
        assert_eq!(output.status.code(), Some(1));
        assert_eq!(outputs(&output).1, want);
    }
}
