//! What a page tracks for the learner comes from the Markdown and the directives that wrote it:
//! raw HTML in a lesson that looks like an item's markup is never taken for one.

mod common;

use serde_json::Value;

/// The course data, summary and every module's pages.
fn course_json(built: &lectern::Built) -> Value {
    let text = |f: &str| built.site.text(f).unwrap_or_else(|| panic!("no {f}"));
    common::course_data(
        text("assets/course-data.js"),
        text("assets/course-pages.js"),
    )
}

/// The object a data script assigns (`window.X = {…};`).
fn script_json(built: &lectern::Built, path: &str) -> Value {
    let js = built.site.text(path).unwrap_or_else(|| panic!("no {path}"));
    let json = js.split_once(" = ").expect("an assignment").1;
    serde_json::from_str(json.trim().trim_end_matches(';')).expect("JSON")
}

const ROLES: &str = "title: Roles\nkey: task\ncolumns:\n  - { id: task, label: Task }\n  - { id: a, label: A }\n  - { id: b, label: B }\nrows:\n  - { task: One, a: x }\n  - { task: Two, b: y }\n";

const LESSON: &str = r#"---
title: Look-alikes
---

<div data-item="fake"><label>Not an item</label></div>

<p data-item="real"><label>A raw label</label></p>

<fieldset data-question="q"><legend>A raw legend</legend></fieldset>

<section data-sort="s"><h2>A raw title</h2></section>

- [ ] The *real* item {#real}

```quiz
questions:
  - question: The real question
    id: q
    options:
      - text: "Yes"
        correct: true
      - text: "No"
```

```sort
id: s
title: The real sort
src: tables/roles.yaml
columns: [a, b]
```
"#;

#[test]
fn raw_html_is_never_an_item_nor_a_label() {
    let (_tmp, root) = common::write_course(&[
        ("content/01-m/_index.md", "---\ntitle: M\n---\n"),
        ("content/01-m/01-look-alikes.md", LESSON),
        ("content/tables/roles.yaml", ROLES),
    ]);
    let built = common::build_course(&root, false);
    let course = course_json(&built);
    let pages = course["pages"].as_object().unwrap();
    let with_items: Vec<(&String, &Value)> = pages
        .iter()
        .filter(|(_, p)| !p["items"].as_array().unwrap().is_empty())
        .collect();
    assert_eq!(with_items.len(), 1, "{pages:?}");
    let (page, data) = with_items[0];
    assert_eq!(
        data["items"],
        serde_json::json!(["real", "quiz:q", "sort:s"])
    );
    let labels = script_json(&built, "assets/progress-data.js");
    assert_eq!(
        labels,
        serde_json::json!({ page.as_str(): {
            "real": "The real item",
            "quiz:q": "Question: The real question",
            "sort:s": "Exercise: The real sort",
        }})
    );
}

/// A lesson using every directive, headings, a footnote, a same-page link and a ticked item.
const EVERY_DIRECTIVE: &str = r#"---
title: Everything
---

## Goals

- [x] Done already
- [ ] Still to do

See [the goals](#goals) and a note.[^n]

```table
src: tables/roles.yaml
```

```checklist
items:
  - Picked someone
```

```quiz
questions:
  - question: Which?
    options:
      - text: "This"
        correct: true
      - text: "That"
```

```sort
src: tables/roles.yaml
columns: [a, b]
```

```reflection
title: Brief
template:
  - Task
  - label: Goal
    hint: What done looks like.
words: 10-20
```

```scenario
title: Which way?
steps:
  - id: start
    situation: A choice.
    choices:
      - text: Left
        next: start
      - text: Right
        next: end
endings:
  - id: end
    rating: best
    debrief: Done.
```

[^n]: The note.
"#;

/// Raw HTML an author wrote: left exactly as written in a handout.
const RAW: &str = r##"---
title: Raw
---

<div id="raw-box"><input type="checkbox" id="raw-input" checked><a href="#raw-box">top</a></div>
"##;

/// Whether `value` starts with a handout prefix, `h<page>-`.
fn is_scoped(value: &str) -> bool {
    let digits = value.strip_prefix('h').unwrap_or("");
    let rest = digits.trim_start_matches(|c: char| c.is_ascii_digit());
    rest.len() < digits.len() && rest.starts_with('-')
}

#[test]
fn a_handout_of_pages_using_every_directive_has_each_id_once() {
    for name in lectern::render::directives::DIRECTIVES.map(|d| d.name) {
        assert!(
            EVERY_DIRECTIVE.contains(&format!("```{name}\n")),
            "use the `{name}` directive in the lesson of this test"
        );
    }
    let (_tmp, root) = common::write_course(&[
        ("content/01-m/_index.md", "---\ntitle: M\n---\n\n## Goals\n"),
        ("content/01-m/01-one.md", EVERY_DIRECTIVE),
        ("content/01-m/02-two.md", EVERY_DIRECTIVE),
        ("content/01-m/03-raw.md", RAW),
        ("content/tables/roles.yaml", ROLES),
    ]);
    let built = common::build_course(&root, false);
    let handout = built.site.text("handouts/course.html").unwrap();
    let doc = scraper::Html::parse_document(handout);
    let mut seen = std::collections::HashSet::new();
    for element in doc.select(&common::sel("[id]")) {
        let id = element.value().id().unwrap();
        assert!(seen.insert(id), "the id `{id}` is used twice");
    }
    // every id and same-page reference the renderer wrote is scoped, whichever wrote it
    let attrs = [
        "id",
        "for",
        "aria-labelledby",
        "aria-describedby",
        "aria-controls",
    ];
    let mut scoped = 0;
    for element in doc.select(&common::sel("section.print-lesson *")) {
        let raw = element
            .value()
            .id()
            .is_some_and(|id| id.starts_with("raw-"))
            || element.value().attr("href") == Some("#raw-box");
        for (name, value) in element.value().attrs() {
            let value = match name {
                "href" => match value.strip_prefix('#') {
                    Some(fragment) => fragment,
                    None => continue,
                },
                _ if attrs.contains(&name) => value,
                _ => continue,
            };
            assert_eq!(is_scoped(value), !raw, "{name}=\"{value}\"");
            scoped += usize::from(!raw);
        }
    }
    assert!(scoped > 20, "only {scoped} scoped values");
    let raw_html = r##"<div id="raw-box"><input type="checkbox" id="raw-input" checked><a href="#raw-box">top</a></div>"##;
    assert!(handout.contains(raw_html), "raw HTML is left as written");
    let ticked = common::sel("section.print-lesson input[checked]");
    let ticked: Vec<_> = doc.select(&ticked).map(|e| e.value().id()).collect();
    assert_eq!(
        ticked,
        [Some("raw-input")],
        "only the author's box stays ticked"
    );
}

#[test]
fn a_heading_in_a_task_item_follows_its_label() {
    let lesson = "---\ntitle: H\n---\n\n- [ ] Read this\n  ## Then this\n";
    let (_tmp, root) = common::write_course(&[
        ("content/01-m/_index.md", "---\ntitle: M\n---\n"),
        ("content/01-m/01-h.md", lesson),
    ]);
    let built = common::build_course(&root, false);
    let page = common::page(&built, "m/h.html");
    assert_eq!(
        common::texts(&page, "li.checklist-item label"),
        ["Read this"]
    );
    assert_eq!(
        common::attrs(&page, "li.checklist-item > h2", "id"),
        ["then-this"]
    );
    let labels = script_json(&built, "assets/progress-data.js");
    assert_eq!(labels["m/h"]["read-this"], "Read this", "{labels}");
}

/// `progress-index.js` gives each item of `course-data.js` its `lectern.lock` index, in the
/// same order; an inserted item gets the next index and the others keep theirs.
#[test]
fn each_item_has_its_lock_index_beside_its_id() {
    let (_tmp, root) = common::copy_fixture("browser-exercises");
    let indexes = |root: &std::path::Path| {
        let built = common::build_course(root, false);
        let course = course_json(&built);
        let index = script_json(&built, "assets/progress-index.js");
        let pages = index.as_object().unwrap();
        let pairs = pages.iter().map(|(page, indexes)| {
            let ids = course["pages"][page]["items"].as_array().unwrap().clone();
            let indexes = indexes.as_array().unwrap().clone();
            assert_eq!(ids.len(), indexes.len(), "{page}");
            let pairs: Vec<(String, u64)> = (ids.iter().zip(&indexes))
                .map(|(id, n)| (id.as_str().unwrap().to_string(), n.as_u64().unwrap()))
                .collect();
            (page.clone(), pairs)
        });
        pairs.collect::<std::collections::BTreeMap<_, _>>()
    };
    let pair = |id: &str, n: u64| (id.to_string(), n);
    let before = indexes(&root);
    assert_eq!(
        before["practice/quiz"],
        [
            pair("quiz:what-coaching-is", 0),
            pair("quiz:manager-tasks", 1),
            pair("read-feedback", 2)
        ]
    );
    assert_eq!(
        before["practice/sort"][0],
        pair("sort:sort-who-does-this", 3)
    );
    assert_eq!(before.len(), 2);
    let lesson = root.join("content/01-practice/01-quiz.md");
    let text = std::fs::read_to_string(&lesson).unwrap();
    let text = text.replace(
        "- [ ] I read",
        "- [ ] I asked a colleague {#asked}\n- [ ] I read",
    );
    std::fs::write(&lesson, text).unwrap();
    let after = indexes(&root);
    assert_eq!(
        after["practice/quiz"],
        [
            pair("quiz:what-coaching-is", 0),
            pair("quiz:manager-tasks", 1),
            pair("asked", 7),
            pair("read-feedback", 2)
        ]
    );
    assert_eq!(after["practice/sort"], before["practice/sort"]);
}
