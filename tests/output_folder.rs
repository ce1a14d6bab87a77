//! What `lectern build --out` may replace, what a rebuild keeps, what interrupted builds
//! leave behind, and files the build refuses to open: always through the real binary.

#![cfg(unix)]

use std::fs;
use std::os::unix::fs::{symlink, MetadataExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

mod common;

use common::{build_to_dir, lectern, outputs, read_tree, write_course};

fn lesson(title: &str, body: &str) -> String {
    format!("---\ntitle: {title}\n---\n\n{body}\n")
}

/// A small course with a static file and a file beside a lesson.
fn course() -> (tempfile::TempDir, PathBuf) {
    let (tmp, root) = write_course(&[
        ("content/_index.md", &lesson("Home", "Welcome.")),
        ("content/01-basics/01-first.md", &lesson("First", "One.")),
        ("content/01-basics/02-second.md", &lesson("Second", "Two.")),
        ("content/01-basics/team.png", "not really a picture"),
        ("static/files/brief.pdf", "not really a PDF"),
    ]);
    (tmp, root)
}

fn build(course: &Path, out: &Path) -> Output {
    lectern()
        .arg("build")
        .arg(course)
        .arg("--out")
        .arg(out)
        .arg("-q")
        .output()
        .expect("the lectern binary runs")
}

/// Asserts that the build failed with exit code 1 and this first line of error.
fn assert_refused(done: &Output, first_line: &str) {
    let (_, stderr) = outputs(done);
    assert_eq!(done.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.lines().next(), Some(first_line), "{stderr}");
}

#[test]
fn out_naming_a_file_is_refused_and_the_file_kept() {
    let (tmp, course) = course();
    let report = tmp.path().join("report.txt");
    fs::write(&report, "my quarterly report").unwrap();
    let done = build(&course, &report);
    let first = format!(
        "error: the output path {} is a file, not a folder, so it was left alone",
        report.display()
    );
    assert_refused(&done, &first);
    assert_eq!(fs::read_to_string(&report).unwrap(), "my quarterly report");
    assert_no_leftovers(tmp.path());
}

#[test]
fn out_naming_a_symlink_to_a_site_leaves_link_and_site_alone() {
    let (tmp, course) = course();
    let site = tmp.path().join("www/course");
    build_to_dir(&course, &site);
    let before = read_tree(&site);
    let link = tmp.path().join("public");
    symlink(&site, &link).unwrap();
    let done = build(&course, &link);
    let first = format!(
        "error: the output path {} is a symbolic link, so it was left alone",
        link.display()
    );
    assert_refused(&done, &first);
    assert!(fs::symlink_metadata(&link).unwrap().is_symlink());
    assert_eq!(fs::read_link(&link).unwrap(), site);
    assert!(read_tree(&site) == before, "the linked site changed");
    assert!(!before.is_empty());
    assert_no_leftovers(tmp.path());
}

#[test]
fn out_naming_a_symlink_to_another_folder_is_refused() {
    let (tmp, course) = course();
    let folder = tmp.path().join("documents");
    fs::create_dir(&folder).unwrap();
    fs::write(folder.join("notes.txt"), "mine").unwrap();
    let link = tmp.path().join("public");
    symlink(&folder, &link).unwrap();
    let done = build(&course, &link);
    let (_, stderr) = outputs(&done);
    assert_eq!(done.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("is a symbolic link"), "{stderr}");
    assert_eq!(
        fs::read_to_string(folder.join("notes.txt")).unwrap(),
        "mine"
    );
    assert_eq!(fs::read_dir(&folder).unwrap().count(), 1);
}

/// Inode and modification time: what `rsync` and HTTP caches look at.
fn identity(path: &Path) -> (u64, i64, i64) {
    let meta = fs::metadata(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (meta.ino(), meta.mtime(), meta.mtime_nsec())
}

#[test]
fn a_rebuild_keeps_unchanged_copied_files_and_pages_as_they_were() {
    let (tmp, course) = course();
    let out = tmp.path().join("public");
    build_to_dir(&course, &out);
    let kept = ["files/brief.pdf", "basics/team.png", "basics/first.html"];
    let before: Vec<_> = kept.iter().map(|f| identity(&out.join(f))).collect();
    let edited = course.join("content/01-basics/02-second.md");
    fs::write(&edited, lesson("Second", "Two, edited.")).unwrap();
    std::thread::sleep(Duration::from_millis(20));
    build_to_dir(&course, &out);
    let after: Vec<_> = kept.iter().map(|f| identity(&out.join(f))).collect();
    assert_eq!(before, after, "{kept:?} were written again");
    let page = fs::read_to_string(out.join("basics/second.html")).unwrap();
    assert!(page.contains("Two, edited."));
    // a changed static file is copied anew
    fs::write(course.join("static/files/brief.pdf"), "a new brief").unwrap();
    build_to_dir(&course, &out);
    assert_ne!(identity(&out.join("files/brief.pdf")).0, before[0].0);
    assert_eq!(
        fs::read_to_string(out.join("files/brief.pdf")).unwrap(),
        "a new brief"
    );
}

/// The temporary folders builds of `public` left in `dir`.
fn leftovers(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".lectern-"))
        .collect();
    names.sort();
    names
}

fn assert_no_leftovers(dir: &Path) {
    assert_eq!(leftovers(dir), Vec::<String>::new());
}

/// A course big enough that a build takes a while to write.
fn big_course(lessons: usize) -> (tempfile::TempDir, PathBuf) {
    let (tmp, root) = write_course(&[("content/_index.md", &lesson("Home", "Hi."))]);
    let body = "A paragraph of text about delegating work. ".repeat(40);
    for module in 0..lessons / 100 {
        let folder = root.join(format!("content/{module:02}-module-{module}"));
        fs::create_dir_all(&folder).unwrap();
        for n in 0..100 {
            let text = lesson(&format!("Lesson {n}"), &format!("## Part\n\n{body}"));
            fs::write(folder.join(format!("{n:03}-lesson-{n}.md")), text).unwrap();
        }
    }
    (tmp, root)
}

/// Starts a build and kills it (SIGKILL) once its staging folder holds files.
fn kill_midway(course: &Path, out: &Path) -> bool {
    let mut child = lectern()
        .arg("build")
        .arg(course)
        .arg("--out")
        .arg(out)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("lectern build starts");
    let parent = out.parent().unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        let writing = leftovers(parent).iter().any(|n| {
            let folder = parent.join(n);
            fs::read_dir(folder).is_ok_and(|mut e| e.next().is_some())
        });
        if writing {
            child.kill().unwrap();
            child.wait().unwrap();
            return true;
        }
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    panic!("the build neither wrote nor ended within a minute");
}

#[test]
fn a_build_removes_the_folders_of_a_killed_build_and_says_so() {
    let (tmp, course) = big_course(3000);
    let out = tmp.path().join("public");
    build_to_dir(&course, &out);
    let killed = (0..5).any(|_| kill_midway(&course, &out));
    assert!(killed, "every build ended before it could be killed");
    let left = leftovers(tmp.path());
    assert_eq!(left.len(), 1, "{left:?}");
    assert!(left[0].starts_with(".lectern-build-public."), "{left:?}");
    // a folder another output's build left is not this build's to remove
    let other = tmp.path().join(".lectern-build-elsewhere.AbC123");
    fs::create_dir(&other).unwrap();
    let done = Command::new(env!("CARGO_BIN_EXE_lectern"))
        .args(["build", "-q", "--out"])
        .arg(&out)
        .arg(&course)
        .output()
        .unwrap();
    let (_, stderr) = outputs(&done);
    assert_eq!(done.status.code(), Some(0), "{stderr}");
    let expected = format!(
        "note: removed {}, left by an interrupted build\n",
        tmp.path().join(&left[0]).display()
    );
    assert_eq!(stderr, expected);
    assert_eq!(
        leftovers(tmp.path()),
        vec![".lectern-build-elsewhere.AbC123"]
    );
    assert!(out.join("index.html").is_file());
}

/// Builds `course` with a named pipe made at `pipe` (relative to the course); the errors.
fn build_with_pipe(tmp: &Path, course: &Path, pipe: &str) -> String {
    let _ = fs::remove_file(course.join(pipe));
    let made = Command::new("mkfifo").arg(course.join(pipe)).status();
    assert!(made.unwrap().success(), "mkfifo failed");
    let done = build(course, &tmp.join("public"));
    let (_, stderr) = outputs(&done);
    assert_eq!(done.status.code(), Some(1), "{stderr}");
    stderr
}

#[test]
fn a_named_pipe_as_course_yaml_is_refused_without_waiting() {
    let (tmp, course) = course();
    let stderr = build_with_pipe(tmp.path(), &course, "course.yaml");
    let expected = "error: this is not an ordinary file (it is a named pipe, socket or device), so it cannot be read\n--> course.yaml\n";
    assert!(stderr.starts_with(expected), "{stderr}");
}

#[test]
fn a_named_pipe_in_static_or_a_theme_is_refused() {
    let (tmp, course) = course();
    fs::create_dir_all(course.join("themes/mine/static")).unwrap();
    fs::write(course.join("course.yaml"), "title: Test\ntheme: mine\n").unwrap();
    build_with_pipe(tmp.path(), &course, "themes/mine/static/pipe.css");
    let stderr = build_with_pipe(tmp.path(), &course, "static/files/pipe");
    for (at, fix) in [
        ("static/files/pipe", "remove it from static/"),
        ("themes/mine/static/pipe.css", "remove it from the theme"),
    ] {
        assert!(stderr.contains(&format!("--> {at}\n")), "{stderr}");
        assert!(stderr.contains(fix), "{stderr}");
    }
}

#[test]
fn loops_of_symbolic_links_are_named_as_loops() {
    let (tmp, course) = course();
    let lessons = course.join("content/01-basics");
    symlink("04-b.md", lessons.join("03-a.md")).unwrap();
    symlink("03-a.md", lessons.join("04-b.md")).unwrap();
    symlink("05-self.md", lessons.join("05-self.md")).unwrap();
    let done = build(&course, &tmp.path().join("public"));
    let (_, stderr) = outputs(&done);
    assert_eq!(done.status.code(), Some(1), "{stderr}");
    let looping = "error: this symbolic link makes a loop (following it leads back to a link already followed)";
    for name in ["03-a.md", "04-b.md", "05-self.md"] {
        let at = format!("{looping}\n--> content/01-basics/{name}\n");
        assert!(stderr.contains(&at), "{name}:\n{stderr}");
    }
    assert!(!stderr.contains("does not exist"), "{stderr}");
    // course.yaml linking to itself
    fs::remove_file(course.join("course.yaml")).unwrap();
    symlink("course.yaml", course.join("course.yaml")).unwrap();
    let done = build(&course, &tmp.path().join("public"));
    let (_, stderr) = outputs(&done);
    let at = format!("{looping}\n--> course.yaml\n");
    assert!(stderr.contains(&at), "{stderr}");
}
