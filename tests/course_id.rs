//! The course's `id:`: the key learners' progress is stored under. `lectern init` writes one,
//! a missing one is a warning (the id is then made from the title), a bad one an error, and
//! a new title never changes a set id.

use std::fs;
use std::path::Path;

mod common;

use common::{build_error, lectern, outputs, page, write_course};

const HOME: (&str, &str) = ("content/_index.md", "---\ntitle: Home\n---\n\nWelcome.\n");
const LESSON: (&str, &str) = ("content/01-m/01-a.md", "---\ntitle: A\n---\n\n- [ ] One\n");

fn run_in(course: &Path, command: &str) -> (Option<i32>, String, String) {
    let mut run = lectern();
    run.arg(command).arg(course);
    if command == "build" {
        run.arg("--quiet");
    }
    let out = run.output().expect("lectern runs");
    let (stdout, stderr) = outputs(&out);
    (out.status.code(), stdout, stderr)
}

const NO_ID: &str = "warning: course.yaml has no `id:`, so learners' progress is kept under `sales-basics`, made from the title: a new title would lose it
--> course.yaml
 = help: add `id: sales-basics` to course.yaml and never change it

";

#[test]
fn a_course_without_an_id_builds_with_a_warning_saying_what_to_add() {
    let (_tmp, course) = write_course(&[("course.yaml", "title: Sales basics\n"), HOME, LESSON]);
    for command in ["build", "check"] {
        let (code, _, stderr) = run_in(&course, command);
        assert_eq!(code, Some(0), "{command}: {stderr}");
        assert_eq!(stderr, NO_ID, "{command}");
    }
    let body = page(&common::build_course(&course, false), "index.html");
    let body_course = common::attrs(&body, "body", "data-course");
    assert_eq!(body_course, ["sales-basics"]);
}

#[test]
fn a_set_id_stays_when_the_title_changes() {
    let yaml = "id: sales-2026\ntitle: Sales basics\n";
    let (_tmp, course) = write_course(&[("course.yaml", yaml), HOME, LESSON]);
    let ids = |course: &Path| {
        let built = common::build_course(course, false);
        common::attrs(&page(&built, "m/a.html"), "body", "data-course")
    };
    assert_eq!(ids(&course), ["sales-2026"]);
    let (code, _, stderr) = run_in(&course, "build");
    assert_eq!((code, stderr.as_str()), (Some(0), ""));
    fs::write(
        course.join("course.yaml"),
        "id: sales-2026\ntitle: Selling well\n",
    )
    .unwrap();
    assert_eq!(ids(&course), ["sales-2026"]);
    let data = fs::read_to_string(course.join("public/assets/course-data.js")).unwrap();
    assert!(data.starts_with("window.LECTERN_COURSE = {\"id\":\"sales-2026\""));
}

#[test]
fn an_id_lectern_cannot_use_is_an_error_at_its_place() {
    let (_tmp, course) =
        write_course(&[("course.yaml", "title: Sales\nid: sales team/2026\n"), HOME]);
    assert_eq!(
        build_error(&course),
        "error: `sales team/2026` is not a course id Lectern accepts
 --> course.yaml:2:5
  |
2 | id: sales team/2026
  |     ^
  |
  = help: use 1 to 64 letters, digits, `-`, `_` or `.`, starting with a letter or digit, e.g. `id: sales-leadership-2026`"
    );
}

#[test]
fn init_writes_an_id_made_from_the_folder_name() {
    let tmp = tempfile::tempdir().unwrap();
    let mut ids = Vec::new();
    for name in ["Team Coaching", "Équipe"] {
        let course = tmp.path().join(name);
        let out = lectern().arg("init").arg(&course).output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        let yaml = fs::read_to_string(course.join("course.yaml")).unwrap();
        let first = yaml.lines().next().unwrap();
        let id = first
            .strip_prefix("id: ")
            .and_then(|rest| rest.split_whitespace().next())
            .unwrap_or_else(|| panic!("no id line first: {first}"));
        let (check, _, stderr) = run_in(&course, "check");
        assert_eq!((check, stderr.as_str()), (Some(0), ""), "{name}");
        ids.push(id.to_string());
    }
    let (stem, suffix) = ids[0].rsplit_once('-').unwrap();
    assert_eq!(stem, "team-coaching");
    assert!(suffix.len() == 6 && suffix.chars().all(|c| c.is_ascii_hexdigit()));
    assert!(ids[1].starts_with("quipe-"), "{}", ids[1]);
}
