//! Lesson durations: a bare number is an error (minutes or hours?), and a `duration:` more
//! than twice (or under half) the time the lesson's words and activities take is a warning
//! that gives the estimate, by their exact text.

mod common;

use common::{build_course, build_error, write_course};

fn course(duration: &str, words: usize) -> (tempfile::TempDir, std::path::PathBuf) {
    let body = "word ".repeat(words);
    let lesson = format!(
        "---\ntitle: A lesson\nduration: {duration}\n---\n\n{body}\n\n- [ ] I read it\n- [ ] I tried it\n"
    );
    write_course(&[
        ("content/_index.md", "---\ntitle: Home\n---\n\nWelcome.\n"),
        ("content/01-first/01-a.md", &lesson),
    ])
}

/// The warnings about a lesson whose duration looks off.
fn looks_off(built: &lectern::Built) -> Vec<&lectern::Diagnostic> {
    (built.warnings.iter())
        .filter(|w| w.message.contains("looks off"))
        .collect()
}

#[test]
fn a_duration_far_from_the_estimate_is_a_warning_with_the_estimate() {
    // 586 words (the items' labels too) at 200 a minute and two checklist items: 4 minutes
    let (_dir, root) = course("20 min", 580);
    let built = build_course(&root, false);
    let warnings: Vec<String> = built.warnings.iter().map(|w| w.as_warning()).collect();
    assert_eq!(
        warnings,
        ["warning: `duration: 20 min` looks off: this lesson takes about 4 min (586 words, 2 activities)
 --> content/01-first/01-a.md:3:11
  |
3 | duration: 20 min
  |           ^
  |
  = help: set the time a learner needs (about 4 min at 200 words a minute, plus the activities), or keep yours if the lesson asks for work away from the page"]
    );
}

#[test]
fn a_duration_within_twice_the_estimate_is_fine_either_way() {
    for duration in ["2 min", "4 min", "8 min"] {
        let (_dir, root) = course(duration, 580);
        let built = build_course(&root, false);
        let off = looks_off(&built);
        assert!(off.is_empty(), "{duration}: {off:?}");
    }
    let (_dir, root) = course("1 min", 580);
    assert!(!looks_off(&build_course(&root, false)).is_empty());
}

#[test]
fn a_bare_number_is_an_error_asking_for_the_unit() {
    let (_dir, root) = course("45", 100);
    assert_eq!(
        build_error(&root),
        "error: `45` has no unit: minutes or hours?
 --> content/01-first/01-a.md:3:11
  |
3 | duration: 45
  |           ^
  |
  = help: write the unit, e.g. `duration: 45 min` or `duration: 1 h 30 min`"
    );
}

#[test]
fn many_lessons_off_are_named_ten_at_a_time_then_counted() {
    let lesson = "---\ntitle: L\nduration: 30 min\n---\n\nShort.\n";
    let names: Vec<String> = (1..=12)
        .map(|i| format!("content/01-first/{i:02}-l{i}.md"))
        .collect();
    let mut files: Vec<(&str, &str)> =
        vec![("content/_index.md", "---\ntitle: Home\n---\n\nHi.\n")];
    files.extend(names.iter().map(|n| (n.as_str(), lesson)));
    let (_dir, root) = write_course(&files);
    let built = build_course(&root, false);
    let off = looks_off(&built);
    assert_eq!(off.len(), 10);
    assert_eq!(
        built.warnings.last().unwrap().as_warning(),
        "warning: 2 more lessons have a `duration:` more than twice off their estimate
--> content/01-first/10-l10.md
 = help: the first ten are above; fix those and build again to see the next"
    );
}
