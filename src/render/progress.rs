//! The learner's "my progress" page (`progress.html`): a print-friendly list, drawn in the
//! browser by `assets/print.js` from localStorage, of what the learner ticked and which lessons
//! are complete. Progress ids are slugs; the readable labels of every page's items are in
//! `assets/progress-data.js`, loaded by this page only, so other pages stay small.

use rayon::prelude::*;
use serde_json::{Map, Value};

use super::markdown::RenderedMarkdown;
use super::search::html_text;
use crate::model::Course;

/// `assets/progress-data.js`: page id → progress id → label.
pub fn labels_script(course: &Course, rendered: &[std::sync::Arc<RenderedMarkdown>]) -> String {
    let pages: Vec<(String, Value)> = course
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
            (p.id.clone(), Value::Object(labels))
        })
        .collect();
    let pages: Map<String, Value> = pages.into_iter().collect();
    format!("window.LECTERN_LABELS = {};\n", Value::Object(pages))
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
