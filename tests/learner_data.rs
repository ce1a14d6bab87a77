//! What a page tracks for the learner comes from the Markdown and the directives that wrote it:
//! raw HTML in a lesson that looks like an item's markup is never taken for one.

mod common;

use serde_json::Value;

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
    let course = script_json(&built, "assets/course-data.js");
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
