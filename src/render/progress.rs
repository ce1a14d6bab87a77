//! The learner's "my progress" page (`progress.html`): a print-friendly list, drawn in the
//! browser by `assets/print.js` from localStorage, of what the learner ticked and which lessons
//! are complete. Progress ids are slugs; the readable labels of every page's items are in
//! `assets/progress-data.js`, loaded by this page only, so other pages stay small.
//! Also `assets/course-data.js`, what every page's script needs to count progress.

use std::sync::Arc;

use rayon::prelude::*;
use serde_json::{json, Map, Value};

use super::markdown::RenderedMarkdown;
use super::pages::Nav;
use super::search::html_text;
use crate::model::{Course, PageKind};

/// `assets/course-data.js`: module and lesson ids and each page's progress items.
pub fn course_data(course: &Course, nav: &Nav, rendered: &[Arc<RenderedMarkdown>]) -> String {
    let modules: Vec<Value> = nav
        .modules
        .iter()
        .map(|m| json!({"id": m.id, "title": m.title, "lessons": m.lessons.iter().map(|l| &l.id).collect::<Vec<_>>()}))
        .collect();
    let pages = course
        .pages
        .par_iter()
        .zip(rendered)
        .filter(|(p, _)| p.kind != PageKind::Home)
        .map(|(p, r)| {
            let page = json!({"title": p.title, "url": p.out, "items": r.items});
            (p.id.clone(), page.to_string())
        })
        .collect();
    // the keys in serde_json's order (sorted), as `json!` would write the whole object
    let mut out = format!("window.LECTERN_COURSE = {{\"id\":{}", json!(course.id));
    out.push_str(&format!(",\"modules\":{}", Value::Array(modules)));
    out.push_str(",\"pages\":");
    push_object(&mut out, pages);
    out.push_str(&format!(",\"title\":{}}};\n", json!(course.config.title)));
    out
}

/// `assets/progress-data.js`: page id → progress id → label.
pub fn labels_script(course: &Course, rendered: &[Arc<RenderedMarkdown>]) -> String {
    let pages = course
        .pages
        .par_iter()
        .zip(rendered)
        .filter(|(_, r)| !r.items.is_empty())
        .map(|(p, r)| {
            // items come in page order: each search starts where the last one was found
            let mut from = 0;
            let labels: Map<String, Value> = r
                .items
                .iter()
                .map(|id| {
                    let (text, at) = label_from(&r.html, from, id);
                    from = at;
                    (id.clone(), Value::String(text))
                })
                .collect();
            (p.id.clone(), Value::Object(labels).to_string())
        })
        .collect();
    let mut out = String::from("window.LECTERN_LABELS = ");
    push_object(&mut out, pages);
    out.push_str(";\n");
    out
}

/// Appends a JSON object of `key → JSON text` entries, keys sorted as serde_json's `Map`
/// sorts them, so each entry can be written on its own thread and the text is the same.
fn push_object(out: &mut String, mut entries: Vec<(String, String)>) {
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    out.push('{');
    for (i, (key, value)) in entries.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&Value::String(key.clone()).to_string());
        out.push(':');
        out.push_str(value);
    }
    out.push('}');
}

/// The text a learner saw for a progress item (see themes/default/MARKUP.md).
#[cfg(test)]
fn label(html: &str, id: &str) -> String {
    label_from(html, 0, id).0
}

/// [`label`], looking first after byte `from`, then from the top; also returns where the
/// item's element was found (or `from`).
fn label_from(html: &str, from: usize, id: &str) -> (String, usize) {
    let (marker, open, close, prefix) = if let Some(q) = id.strip_prefix("quiz:") {
        let marker = format!("data-question=\"{}\"", attr(q));
        (marker, "<legend", "</legend>", "Question: ")
    } else if let Some(s) = id.strip_prefix("sort:") {
        (
            format!("data-sort=\"{}\"", attr(s)),
            "<h2",
            "</h2>",
            "Exercise: ",
        )
    } else {
        (
            format!("data-item=\"{}\"", attr(id)),
            "<label",
            "</label>",
            "",
        )
    };
    let finder = memchr::memmem::Finder::new(&marker);
    let at = finder
        .find(&html.as_bytes()[from..])
        .map(|i| from + i)
        .or_else(|| finder.find(html.as_bytes()));
    let found = at.and_then(|at| after(&html[at..], open, close));
    match found {
        Some(text) => (format!("{prefix}{text}"), at.unwrap_or(from)),
        None => (id.to_string(), at.unwrap_or(from)),
    }
}

fn attr(s: &str) -> String {
    super::inline::escape(s)
}

/// The text of the first `open … close` element in `html`.
fn after(html: &str, open: &str, close: &str) -> Option<String> {
    let rest = &html[html.find(open)?..];
    let inner = &rest[rest.find('>')? + 1..rest.find(close)?];
    let text = html_text(inner)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (!text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_labels_of_items_questions_and_sorts() {
        let html = "<li class=\"checklist-item\"><input type=\"checkbox\" id=\"check-a\" data-item=\"a\"><label for=\"check-a\">Set a <em>clear</em> goal</label></li>\
            <fieldset class=\"quiz-question\" data-question=\"q1\"><legend>Who coaches?</legend></fieldset>\
            <section class=\"sort\" data-sort=\"s\"><h2 id=\"s-title\">Who does this?</h2></section>";
        assert_eq!(label(html, "a"), "Set a clear goal");
        assert_eq!(label(html, "quiz:q1"), "Question: Who coaches?");
        assert_eq!(label(html, "sort:s"), "Exercise: Who does this?");
        assert_eq!(label(html, "missing"), "missing");
    }
}
