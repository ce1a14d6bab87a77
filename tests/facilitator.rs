//! Facilitator notes: ```` ```facilitator ```` blocks are left out of the learners' pages (and
//! of every other output file) and collected, in reading order, into `facilitator.html`.

mod common;

use common::{build_course, build_error, page, texts, write_course};

fn lesson(title: &str, body: &str) -> String {
    format!("---\ntitle: {title}\nduration: 15 min\n---\n\n{body}\n")
}

#[test]
fn notes_leave_the_lessons_and_make_the_guide_in_reading_order() {
    let first = lesson(
        "Letting go",
        "Learners read this.\n\n```facilitator\n**5 min.** Ask who still closes deals *personally*.\n```\n",
    );
    let second = lesson(
        "Check-ins",
        "```facilitator\nPair people up.\n```\n\nText.\n\n```facilitator\n- Watch the clock.\n```\n",
    );
    let (_dir, root) = write_course(&[
        ("course.yaml", "id: workshop\ntitle: Workshop\n"),
        ("content/_index.md", "---\ntitle: Home\n---\n\nWelcome.\n"),
        (
            "content/01-first/_index.md",
            "---\ntitle: First steps\n---\n\nIntro.\n",
        ),
        ("content/01-first/01-letting-go.md", &first),
        ("content/02-next/01-check-ins.md", &second),
    ]);
    let built = build_course(&root, false);
    for (path, _) in built
        .site
        .files
        .iter()
        .filter(|(p, _)| *p != "facilitator.html")
    {
        let text = built.site.text(path).unwrap_or_default();
        assert!(
            !text.contains("closes deals"),
            "{path} shows a facilitator note"
        );
        assert!(
            !text.contains("Watch the clock"),
            "{path} shows a facilitator note"
        );
    }
    assert_eq!(
        texts(&page(&built, "first/letting-go.html"), ".lesson-body"),
        ["Learners read this."]
    );
    let guide = page(&built, "facilitator.html");
    assert_eq!(texts(&guide, "h1"), ["Facilitator's guide"]);
    assert_eq!(texts(&guide, "h2"), ["Letting go", "Check-ins"]);
    assert_eq!(
        common::attrs(&guide, "h2 a", "href"),
        ["first/letting-go.html", "next/check-ins.html"]
    );
    assert_eq!(
        texts(&guide, ".lesson-meta"),
        ["First steps · 15 min", "Next · 15 min"]
    );
    assert_eq!(
        texts(&guide, ".facilitator-note"),
        [
            "5 min. Ask who still closes deals personally.",
            "Pair people up.",
            "Watch the clock."
        ]
    );
    assert_eq!(texts(&guide, ".facilitator-note strong"), ["5 min."]);
}

#[test]
fn a_course_without_notes_has_no_guide() {
    let (_dir, root) = write_course(&[
        ("content/_index.md", "---\ntitle: Home\n---\n\nWelcome.\n"),
        ("content/01-first/01-a.md", &lesson("A", "Text.")),
    ]);
    assert!(build_course(&root, false)
        .site
        .text("facilitator.html")
        .is_none());
}

#[test]
fn an_empty_note_is_an_error() {
    let (_dir, root) = write_course(&[
        ("content/_index.md", "---\ntitle: Home\n---\n\nWelcome.\n"),
        (
            "content/01-first/01-a.md",
            &lesson("A", "Text.\n\n```facilitator\n```"),
        ),
    ]);
    assert_eq!(
        build_error(&root),
        "error: this facilitator note is empty
 --> content/01-first/01-a.md:8:1
  |
8 | ```facilitator
  | ^
  |
  = help: write what a workshop facilitator needs under the fence, in Markdown: timings, questions to ask, what to watch for"
    );
}
