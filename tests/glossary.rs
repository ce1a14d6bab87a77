//! The glossary: `content/glossary.yaml`, `[[term]]` links with their tooltips, the glossary
//! page, and the errors for unknown terms and a broken glossary, by their exact text.

mod common;

use common::{attrs, build_course, build_error, page, texts, write_course};

const GLOSSARY: &str = "terms:
  - term: Delegation
    definition: Handing a task *and the authority it needs* to someone else.
    also: [delegating]
  - term: Coaching
    definition: Helping someone find their own answer.
";

fn course(lesson_body: &str, glossary: Option<&str>) -> (tempfile::TempDir, std::path::PathBuf) {
    let lesson = format!("---\ntitle: First\n---\n\n{lesson_body}\n");
    let mut files = vec![
        ("course.yaml", "id: words\ntitle: Words\n"),
        ("content/_index.md", "---\ntitle: Home\n---\n\nWelcome.\n"),
        ("content/01-basics/01-first.md", lesson.as_str()),
    ];
    if let Some(g) = glossary {
        files.push(("content/glossary.yaml", g));
    }
    write_course(&files)
}

#[test]
fn term_links_carry_their_definition_and_point_at_the_glossary_page() {
    let (_dir, root) = course(
        "Good [[delegating]] is not [[coaching|coaching someone]].",
        Some(GLOSSARY),
    );
    let built = build_course(&root, false);
    let lesson = page(&built, "basics/first.html");
    assert_eq!(
        attrs(&lesson, "a.term", "href"),
        [
            "../glossary.html#term-delegation",
            "../glossary.html#term-coaching"
        ]
    );
    assert_eq!(texts(&lesson, "a.term"), ["delegating", "coaching someone"]);
    let described = attrs(&lesson, "a.term", "aria-describedby");
    let tips = attrs(&lesson, ".term-tip[role=tooltip]", "id");
    assert_eq!(described, tips);
    assert_eq!(described, ["tip-delegation-1", "tip-coaching-2"]);
    assert_eq!(
        texts(&lesson, ".term-tip"),
        [
            "Handing a task and the authority it needs to someone else.",
            "Helping someone find their own answer."
        ]
    );
    let glossary = page(&built, "glossary.html");
    assert_eq!(texts(&glossary, "h1"), ["Glossary"]);
    // alphabetical, each with the id the links point at
    assert_eq!(texts(&glossary, "dt"), ["Coaching", "Delegation"]);
    assert_eq!(
        attrs(&glossary, "dt", "id"),
        ["term-coaching", "term-delegation"]
    );
    assert_eq!(
        texts(&glossary, "dd")[1],
        "Handing a task and the authority it needs to someone else."
    );
    assert!(texts(&lesson, ".site-footer a").contains(&"Glossary".to_string()));
}

#[test]
fn a_course_without_a_glossary_has_no_glossary_page_or_link() {
    let (_dir, root) = course("No terms here.", None);
    let built = build_course(&root, false);
    assert!(built.site.text("glossary.html").is_none());
    let lesson = page(&built, "basics/first.html");
    assert!(!texts(&lesson, ".site-footer a").contains(&"Glossary".to_string()));
}

#[test]
fn an_unknown_term_is_an_error_with_the_closest_term() {
    let (_dir, root) = course("Good [[delegaton]] and [[mentoring]].", Some(GLOSSARY));
    assert_eq!(
        build_error(&root),
        "error: `delegaton` is not in the glossary
 --> content/01-basics/01-first.md:5:6
  |
5 | Good [[delegaton]] and [[mentoring]].
  |      ^
  |
  = help: did you mean `[[Delegation]]`? Terms are defined in content/glossary.yaml

error: `mentoring` is not in the glossary
 --> content/01-basics/01-first.md:5:24
  |
5 | Good [[delegaton]] and [[mentoring]].
  |                        ^
  |
  = help: add `- term: mentoring` with its `definition:` to content/glossary.yaml, or list this form under `also:` of its term

2 problems found."
    );
}

#[test]
fn a_term_without_a_glossary_file_says_where_terms_go() {
    let (_dir, root) = course("Good [[delegation]].", None);
    assert_eq!(
        build_error(&root),
        "error: `[[delegation]]` links to the glossary, but the course has no content/glossary.yaml
 --> content/01-basics/01-first.md:5:6
  |
5 | Good [[delegation]].
  |      ^
  |
  = help: create content/glossary.yaml with `terms:` and an entry `- term: delegation` with its `definition:`, or write an ordinary link `[text](lesson.md)`"
    );
}

#[test]
fn a_broken_glossary_is_reported_once_not_at_every_term() {
    let glossary = "terms:\n  - term: Coaching\n    definition: Helping.\n  - term: coaching\n    definition: ''\n";
    let (_dir, root) = course("Good [[coaching]].", Some(glossary));
    assert_eq!(
        build_error(&root),
        "error: the term `coaching` has no definition
 --> content/glossary.yaml:4:5
  |
4 |   - term: coaching
  |     ^
  |
  = help: add `definition: …`, one or two sentences a learner can read in a tooltip

error: `coaching` is in the glossary twice (also under `Coaching`)
 --> content/glossary.yaml:4:5
  |
4 |   - term: coaching
  |     ^
  |
  = help: define each term once; list other forms of a word under `also:` of one entry

2 problems found."
    );
}
