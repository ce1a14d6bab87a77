//! `lectern.lock` through the real binary: a build writes it and says so, rewording an item
//! keeps its id in the page (with a one-line note), a re-added item gets a new id, `check`
//! reports what a build would change and writes nothing, a read-only course still builds
//! (with a warning saying how ids are derived), and a broken lock file is an error at its line.

use std::fs;
use std::path::{Path, PathBuf};

mod common;

use common::{attrs, lectern, outputs, write_course};
use scraper::Html;

const LESSON: &str = "content/01-m/01-a.md";

fn lesson(items: &[&str]) -> String {
    let list: String = items.iter().map(|i| format!("- [ ] {i}\n")).collect();
    format!("---\ntitle: A\n---\n\nIntro.\n\n{list}")
}

fn course(items: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let home = ("content/_index.md", "---\ntitle: Home\n---\n\nWelcome.\n");
    let text = lesson(items);
    write_course(&[home, (LESSON, text.as_str())])
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs `lectern <command> <course>` (a build goes into `<course>/../public`).
fn run(course: &Path, command: &str) -> Run {
    let mut cmd = lectern();
    cmd.arg(command).arg(course);
    if command == "build" {
        cmd.arg("--out").arg(course.with_file_name("public"));
    }
    let out = cmd.output().expect("lectern runs");
    let (stdout, stderr) = outputs(&out);
    Run {
        code: out.status.code(),
        stdout,
        stderr,
    }
}

/// The `data-item` ids of the built lesson.
fn item_ids(course: &Path) -> Vec<String> {
    let page = course.with_file_name("public").join("m/a.html");
    let html = Html::parse_document(&fs::read_to_string(page).expect("the lesson page"));
    attrs(&html, "[data-item]", "data-item")
}

fn lock_text(course: &Path) -> String {
    fs::read_to_string(course.join("lectern.lock")).expect("lectern.lock")
}

#[test]
fn a_first_build_writes_the_lock_and_a_second_leaves_it_alone() {
    let (_tmp, course) = course(&["Call the client", "Agree on goals"]);
    let first = run(&course, "build");
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    assert_eq!(first.stderr, "");
    assert!(
        first
            .stdout
            .contains("Wrote lectern.lock: the progress ids of 2 items are kept there"),
        "{}",
        first.stdout
    );
    let lock = lock_text(&course);
    assert!(lock.starts_with("# lectern.lock"), "{lock}");
    let call = format!(
        "0 item call-the-client {} Call the client\n",
        fp("Call the client")
    );
    assert!(lock.contains(&format!("page m/a\n{call}")), "{lock}");
    assert_eq!(item_ids(&course), ["call-the-client", "agree-on-goals"]);
    let second = run(&course, "build");
    assert_eq!(second.stderr, "");
    assert!(!second.stdout.contains("lectern.lock"), "{}", second.stdout);
    assert_eq!(lock_text(&course), lock);
}

fn fp(text: &str) -> String {
    format!("{:08x}", lectern::load::lock::fingerprint(text))
}

#[test]
fn a_reworded_item_keeps_its_id_in_the_page_and_the_build_says_so() {
    let (_tmp, course) = course(&["Call the client before the meeting", "Agree on goals"]);
    assert_eq!(run(&course, "build").code, Some(0));
    let text = lesson(&["Call the client before every meeting", "Agree on goals"]);
    fs::write(course.join(LESSON), text).unwrap();
    let rebuilt = run(&course, "build");
    assert_eq!(rebuilt.code, Some(0), "{}", rebuilt.stderr);
    assert_eq!(
        item_ids(&course),
        ["call-the-client-before-the-meeting", "agree-on-goals"]
    );
    assert_eq!(
        rebuilt.stderr,
        "note: content/01-m/01-a.md:7: kept the id `call-the-client-before-the-meeting` of a reworded item (index 0)\n"
    );
    assert!(
        rebuilt
            .stdout
            .contains("Updated lectern.lock: 0 new, 1 reworded, 0 retired."),
        "{}",
        rebuilt.stdout
    );
    // the lock now holds the new text: the next build has nothing to say
    assert!(lock_text(&course).contains("before every meeting"));
    assert_eq!(run(&course, "build").stderr, "");
    // the course data and progress labels use the kept id too
    let public = course.with_file_name("public");
    let data = fs::read_to_string(public.join("assets/course-pages.js")).unwrap();
    assert!(
        data.contains("\"call-the-client-before-the-meeting\""),
        "{data}"
    );
}

#[test]
fn a_deleted_item_added_again_gets_a_new_id() {
    let (_tmp, course) = course(&["Call the client", "Agree on goals"]);
    assert_eq!(run(&course, "build").code, Some(0));
    fs::write(course.join(LESSON), lesson(&["Agree on goals"])).unwrap();
    assert_eq!(run(&course, "build").code, Some(0));
    assert!(lock_text(&course).contains("retired 0 item call-the-client"));
    fs::write(
        course.join(LESSON),
        lesson(&["Call the client", "Agree on goals"]),
    )
    .unwrap();
    assert_eq!(run(&course, "build").code, Some(0));
    assert_eq!(item_ids(&course), ["call-the-client-2", "agree-on-goals"]);
    assert!(lock_text(&course).contains("\n2 item call-the-client-2 "));
}

#[test]
fn check_reports_what_a_build_would_change_and_writes_nothing() {
    let (_tmp, course) = course(&["Call the client before the meeting", "Agree on goals"]);
    let before_any = run(&course, "check");
    assert_eq!(before_any.code, Some(0), "{}", before_any.stderr);
    assert!(
        before_any.stdout.contains("There is no lectern.lock yet: progress ids are derived from each item's text. A build will write one, pinning the ids of 2 items."),
        "{}",
        before_any.stdout
    );
    assert!(!course.join("lectern.lock").exists());
    assert_eq!(run(&course, "build").code, Some(0));
    let lock = fs::read(course.join("lectern.lock")).unwrap();
    let text = lesson(&["Call the client before every meeting", "Write notes"]);
    fs::write(course.join(LESSON), text).unwrap();
    let checked = run(&course, "check");
    assert_eq!(checked.code, Some(0), "{}", checked.stderr);
    assert_eq!(
        checked.stdout,
        "No problems found: 1 lesson in 1 module.
A build would update lectern.lock (check writes nothing):
  content/01-m/01-a.md:7: kept the id `call-the-client-before-the-meeting` of a reworded item (index 0)
  content/01-m/01-a.md:8: new item `write-notes` (index 2)
  content/01-m/01-a.md: retired the item `agree-on-goals` (index 1), no longer on the page
Progress codes: up to 30 characters (833 with the longest name), from every item done on days far apart.
"
    );
    assert_eq!(checked.stderr, "");
    assert_eq!(fs::read(course.join("lectern.lock")).unwrap(), lock);
}

#[test]
fn a_broken_lock_file_is_an_error_at_its_line() {
    let (_tmp, course) = course(&["Call the client"]);
    let broken = "version 1\nnext 1\npage 01-m/01-a\n<<<<<<< HEAD\n";
    fs::write(course.join("lectern.lock"), broken).unwrap();
    let out = run(&course, "build");
    assert_eq!(out.code, Some(1));
    assert!(
        out.stderr
            .contains("lectern.lock has a merge conflict here"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("lectern.lock:4:1"), "{}", out.stderr);
}

/// A read-only course folder: the build still succeeds and says how ids were derived. Root
/// may write anywhere, so as root the build runs as `nobody`.
#[test]
fn a_read_only_course_still_builds_with_a_warning() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let (tmp, course) = course(&["Call the client"]);
    let out_dir = tmp.path().join("out");
    fs::create_dir(&out_dir).unwrap();
    fs::set_permissions(&out_dir, fs::Permissions::from_mode(0o777)).unwrap();
    fs::set_permissions(tmp.path(), fs::Permissions::from_mode(0o755)).unwrap();
    for entry in walkdir::WalkDir::new(&course) {
        let entry = entry.unwrap();
        let mode = if entry.file_type().is_dir() {
            0o555
        } else {
            0o444
        };
        fs::set_permissions(entry.path(), fs::Permissions::from_mode(mode)).unwrap();
    }
    let mut cmd = lectern();
    cmd.arg("build")
        .arg(&course)
        .arg("--out")
        .arg(out_dir.join("public"));
    // root writes into a read-only folder: then build as `nobody`
    let probe = course.join("probe");
    if fs::write(&probe, "").is_ok() {
        fs::remove_file(&probe).unwrap();
        cmd.uid(65534).gid(65534);
    }
    let out = cmd.output().unwrap();
    let (stdout, stderr) = outputs(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!course.join("lectern.lock").exists());
    assert_eq!(
        stderr,
        "warning: could not write lectern.lock: permission denied
--> lectern.lock
 = help: so progress ids were derived from each item's text this time, and rewording an item will lose what learners did with it: make the course folder writable and build again

"
    );
    assert!(stdout.starts_with("Built 1 lesson"), "{stdout}");
    let page = out_dir.join("public/m/a.html");
    assert!(fs::read_to_string(page)
        .unwrap()
        .contains("data-item=\"call-the-client\""));
    // leave the folder removable
    fs::set_permissions(&course, fs::Permissions::from_mode(0o755)).unwrap();
}

const QUIZ: &str = "```quiz
questions:
  - question: Who sets the goal?
    options:
      - text: The seller
        correct: true
      - text: The manager
  - question: Who owns the next step?
    options:
      - text: The seller
        correct: true
      - text: The manager
```
";

/// Quiz questions keep their ids through the directive too, and every item's index is known.
#[test]
fn a_reworded_question_keeps_its_id_and_indexes_are_exposed() {
    let home = ("content/_index.md", "---\ntitle: Home\n---\n\nWelcome.\n");
    let text = format!("---\ntitle: A\n---\n\n- [ ] Call the client\n\n{QUIZ}");
    let (_tmp, course) = write_course(&[home, (LESSON, text.as_str())]);
    assert_eq!(run(&course, "build").code, Some(0));
    let reworded = text.replace("Who sets the goal?", "Who sets the development goal?");
    fs::write(course.join(LESSON), reworded).unwrap();
    let options = lectern::BuildOptions {
        root: course.clone(),
        drafts: false,
    };
    let built = lectern::build_site(&options).unwrap_or_else(|e| panic!("{e}"));
    let html = Html::parse_document(built.site.text("m/a.html").unwrap());
    let questions = attrs(&html, "[data-question]", "data-question");
    assert_eq!(questions, ["who-sets-the-goal", "who-owns-the-next-step"]);
    use lectern::render::tracked::ItemKind;
    let index = |kind, id| built.lock.index("m/a", kind, id);
    assert_eq!(index(ItemKind::Item, "call-the-client"), Some(0));
    assert_eq!(index(ItemKind::Question, "who-sets-the-goal"), Some(1));
    assert_eq!(index(ItemKind::Question, "who-owns-the-next-step"), Some(2));
    assert_eq!(built.lock.changes.len(), 1);
}

/// The page ids and lock indexes the course data gives the lesson `page`, and its `moved`
/// map: `course-data.js` (the summary) with every module's pages from `course-pages.js`.
fn course_data(course: &Path) -> serde_json::Value {
    let public = course.with_file_name("public/assets");
    let read = |f: &str| fs::read_to_string(public.join(f)).unwrap();
    common::course_data(&read("course-data.js"), &read("course-pages.js"))
}

#[test]
fn a_renamed_lesson_file_keeps_its_items_ids_and_indexes_and_check_says_so_first() {
    let (_tmp, course) = course(&["Call the client", "Agree on goals", "Follow up"]);
    assert_eq!(run(&course, "build").code, Some(0));
    let before = course_data(&course);
    assert_eq!(
        before["pages"]["m/a"]["ix"],
        serde_json::json!(0),
        "0, 1, 2 as the first"
    );
    // renamed and moved to another module, one item reworded, one new
    fs::remove_file(course.join(LESSON)).unwrap();
    let moved = "content/02-n/01-renamed.md";
    let text = lesson(&[
        "Follow up",
        "Call the client today",
        "Agree on goals",
        "New one",
    ]);
    fs::create_dir_all(course.join("content/02-n")).unwrap();
    fs::write(course.join(moved), text).unwrap();
    let lock_before = lock_text(&course);
    let check = run(&course, "check");
    assert_eq!(check.code, Some(0), "{}", check.stderr);
    let line = "lectern.lock: lesson `m/a` is now `n/renamed`: its 3 items keep their ids";
    assert!(
        check.stdout.contains(&format!("  {line}\n")),
        "{}",
        check.stdout
    );
    assert_eq!(lock_text(&course), lock_before, "check writes nothing");
    let built = run(&course, "build");
    assert_eq!(built.code, Some(0), "{}", built.stderr);
    assert!(
        built.stderr.contains(&format!("note: {line}\n")),
        "{}",
        built.stderr
    );
    let lock = lock_text(&course);
    assert!(
        lock.contains("version 2\nnext 4\nmoved m/a n/renamed\n"),
        "{lock}"
    );
    assert!(!lock.contains("page m/a\n"), "{lock}");
    let data = course_data(&course);
    let page = &data["pages"]["n/renamed"];
    let ids = ["follow-up", "call-the-client", "agree-on-goals", "new-one"];
    assert_eq!(page["items"], serde_json::json!(ids));
    assert_eq!(page["ix"], serde_json::json!([2, 0, 1, 3]));
    assert_eq!(data["moved"], serde_json::json!({"m/a": "n/renamed"}));
    // a new lesson that takes the old name again is not the moved one
    fs::write(course.join(LESSON), lesson(&["Something else"])).unwrap();
    let again = run(&course, "build");
    assert_eq!(again.code, Some(0), "{}", again.stderr);
    let dropped = "note: lectern.lock: `m/a` is a page again, so its `moved` line is dropped\n";
    assert!(again.stderr.contains(dropped), "{}", again.stderr);
    let lock = lock_text(&course);
    assert!(
        lock.contains("version 1\n") && !lock.contains("\nmoved "),
        "{lock}"
    );
    assert!(course_data(&course).get("moved").is_none());
}

#[test]
fn a_draft_left_out_of_a_build_is_not_taken_for_a_renamed_lesson() {
    let (_tmp, course) = course(&["Call the client", "Agree on goals"]);
    let draft =
        "---\ntitle: Draft\ndraft: true\n---\n\n- [ ] Plan the week\n- [ ] Review the plan\n";
    fs::write(course.join("content/01-m/02-draft.md"), draft).unwrap();
    let mut cmd = lectern();
    cmd.args(["build", "--drafts"]).arg(&course);
    cmd.arg("--out").arg(course.with_file_name("public"));
    assert!(cmd.output().unwrap().status.success());
    assert!(lock_text(&course).contains("page m/draft\n"));
    // a new lesson with the draft's items, built without drafts: the draft is not gone
    let copy = "---\ntitle: Copy\n---\n\n- [ ] Plan the week\n- [ ] Review the plan\n";
    fs::write(course.join("content/01-m/03-copy.md"), copy).unwrap();
    let built = run(&course, "build");
    assert_eq!(built.code, Some(0), "{}", built.stderr);
    assert!(!built.stderr.contains("is now"), "{}", built.stderr);
    let lock = lock_text(&course);
    assert!(
        lock.contains("page m/draft\n") && lock.contains("page m/copy\n"),
        "{lock}"
    );
}
