//! The learner's "my progress" page (`progress.html`): a print-friendly list, drawn in the
//! browser by `assets/print.js` from localStorage, of what the learner ticked and which lessons
//! are complete. Progress ids are slugs; the readable labels of every page's items are in
//! `assets/progress-data.js`, loaded by this page only, so other pages stay small.
//! Also `assets/course-data.js`, what every page's script needs to count progress.
//!
//! The labels are read from each page's HTML as the Markdown pass finishes it
//! ([`page_labels`], while the page is still in cache); the two scripts only write JSON.

use std::sync::Arc;

use memchr::memmem;
use rayon::prelude::*;
use serde_json::{json, Value};

use super::html_text::html_text;
use super::json;
use super::markdown::RenderedMarkdown;
use super::pages::Nav;
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
        .map(|(p, r)| (p.id.as_str(), page_entry(&p.title, &p.out, &r.items)))
        .collect();
    // the keys in serde_json's order (sorted), as `json!` would write the whole object
    let mut out = format!("window.LECTERN_COURSE = {{\"id\":{}", json!(course.id));
    out.push_str(&format!(",\"modules\":{}", Value::Array(modules)));
    out.push_str(",\"pages\":");
    push_object(&mut out, pages);
    out.push_str(&format!(",\"title\":{}}};\n", json!(course.config.title)));
    out
}

/// One page of `course-data.js`, as `json!({"title", "url", "items"})` writes it (keys
/// sorted), without building the `Value`: there is one per page.
fn page_entry(title: &str, url: &str, items: &[String]) -> String {
    let mut out = String::with_capacity(title.len() + url.len() + 40 + items.len() * 48);
    out.push_str("{\"items\":[");
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        json::push_str(&mut out, item);
    }
    out.push_str("],\"title\":");
    json::push_str(&mut out, title);
    out.push_str(",\"url\":");
    json::push_str(&mut out, url);
    out.push('}');
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
            let labels = r.items.iter().zip(&r.labels);
            let labels = labels.map(|(id, label)| (id.as_str(), json_str(label)));
            let mut object = String::new();
            push_object(&mut object, labels.collect());
            (p.id.as_str(), object)
        })
        .collect();
    let mut out = String::from("window.LECTERN_LABELS = ");
    push_object(&mut out, pages);
    out.push_str(";\n");
    out
}

/// Appends a JSON object of `key → JSON text` entries, keys sorted as serde_json's `Map`
/// sorts them (a repeated key keeps its last value), so each entry can be written on its own
/// thread and the text is the same.
fn push_object(out: &mut String, mut entries: Vec<(&str, String)>) {
    // stable: of equal keys the last one is kept, as a `Map` built from them keeps it
    entries.sort_by(|a, b| a.0.cmp(b.0));
    out.reserve(
        entries
            .iter()
            .map(|(k, v)| k.len() + v.len() + 4)
            .sum::<usize>()
            + 2,
    );
    out.push('{');
    let mut first = true;
    for (i, (key, value)) in entries.iter().enumerate() {
        if entries.get(i + 1).is_some_and(|next| next.0 == *key) {
            continue;
        }
        if !first {
            out.push(',');
        }
        first = false;
        json::push_str(out, key);
        out.push(':');
        out.push_str(value);
    }
    out.push('}');
}

/// A string as JSON text, as serde_json writes it.
fn json_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    json::push_str(&mut out, s);
    out
}

/// The label of each progress item of a page (see themes/default/MARKUP.md), in the order of
/// `items`: the text a learner saw, or the id when the page has no element for it.
///
/// Each item's element is looked up by its marker (`data-item="…"`, `data-question="…"`,
/// `data-sort="…"`), first after the previous item's marker, then from the top. The page is
/// scanned for markers once, not once per item (that was most of the cost of the labels).
pub fn page_labels(html: &str, items: &[String]) -> Vec<String> {
    if items.is_empty() {
        return Vec::new();
    }
    let markers = markers(html);
    let mut from = 0;
    items
        .iter()
        .map(|id| {
            let (kind, value) = item_marker(id);
            let value = attr(value);
            let found = |m: &&Marker| m.kind == kind && m.value == value;
            let at = (markers.iter().filter(|m| m.at >= from).find(found))
                .or_else(|| markers.iter().find(found))
                .map(|m| m.at);
            if let Some(at) = at {
                from = at;
            }
            let mut label = String::from(kind.prefix());
            match at.and_then(|at| after(&html[at..], kind.open(), kind.close(), &mut label)) {
                Some(()) => label,
                None => id.clone(),
            }
        })
        .collect()
}

/// What a progress marker marks.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Item,
    Question,
    Sort,
}

impl Kind {
    /// The element holding the label, after the marker.
    fn open(self) -> &'static str {
        match self {
            Kind::Item => "<label",
            Kind::Question => "<legend",
            Kind::Sort => "<h2",
        }
    }

    fn close(self) -> &'static str {
        match self {
            Kind::Item => "</label>",
            Kind::Question => "</legend>",
            Kind::Sort => "</h2>",
        }
    }

    fn prefix(self) -> &'static str {
        match self {
            Kind::Item => "",
            Kind::Question => "Question: ",
            Kind::Sort => "Exercise: ",
        }
    }
}

/// A `data-item="…"`, `data-question="…"` or `data-sort="…"` attribute in a page's HTML:
/// where it starts and its value (up to the next `"`).
struct Marker<'h> {
    at: usize,
    kind: Kind,
    value: &'h str,
}

/// Every marker of the page in order. A marker string `data-item="id"` is found at exactly
/// the places listed here with that kind and value (a value never holds `"`: ids are escaped).
fn markers(html: &str) -> Vec<Marker<'_>> {
    let mut out = Vec::new();
    static DATA: std::sync::LazyLock<memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memmem::Finder::new("data-"));
    for at in DATA.find_iter(html.as_bytes()) {
        let rest = &html[at + 5..];
        let kind = [
            ("item=\"", Kind::Item),
            ("question=\"", Kind::Question),
            ("sort=\"", Kind::Sort),
        ]
        .into_iter()
        .find_map(|(name, kind)| rest.strip_prefix(name).map(|v| (kind, v)));
        let Some((kind, value)) = kind else {
            continue;
        };
        if let Some(end) = memchr::memchr(b'"', value.as_bytes()) {
            let value = &value[..end];
            out.push(Marker { at, kind, value });
        }
    }
    out
}

/// The kind of marker a progress id has and the marker's value before escaping.
fn item_marker(id: &str) -> (Kind, &str) {
    if let Some(q) = id.strip_prefix("quiz:") {
        (Kind::Question, q)
    } else if let Some(s) = id.strip_prefix("sort:") {
        (Kind::Sort, s)
    } else {
        (Kind::Item, id)
    }
}

fn attr(s: &str) -> std::borrow::Cow<'_, str> {
    super::inline::escape_cow(s)
}

/// Appends to `out` the text of the first `open … close` element in `html`, whitespace runs
/// as one space; `None` (and nothing appended) when there is no such element or it has no text.
fn after(html: &str, open: &str, close: &str, out: &mut String) -> Option<()> {
    let rest = &html[find_tag(html, open)?..];
    let inner = &rest[memchr::memchr(b'>', rest.as_bytes())? + 1..find_tag(rest, close)?];
    let text = html_text(inner);
    let start = out.len();
    if is_single_spaced(&text) {
        out.push_str(&text);
    } else {
        for word in text.split_whitespace() {
            if out.len() > start {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    (out.len() > start).then_some(())
}

/// True when `text` is its words joined by single spaces already (the usual label): ASCII,
/// no whitespace but lone spaces between other characters.
fn is_single_spaced(text: &str) -> bool {
    let bytes = text.as_bytes();
    text.is_ascii()
        && !text.starts_with(' ')
        && !text.ends_with(' ')
        && !bytes.windows(2).any(|w| w == b"  ")
        && !bytes
            .iter()
            .any(|b| b.is_ascii_whitespace() && *b != b' ' || *b == 0x0b)
}

/// Where `tag` (which starts with `<`) first occurs in `html`, as `str::find` answers. (The
/// tag is nearly always close by: building a `memmem` searcher for it cost more.)
fn find_tag(html: &str, tag: &str) -> Option<usize> {
    let bytes = html.as_bytes();
    memchr::memchr_iter(b'<', bytes).find(|&at| bytes[at..].starts_with(tag.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(html: &str, id: &str) -> String {
        page_labels(html, &[id.to_string()]).remove(0)
    }

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

    #[test]
    fn looks_after_the_last_item_first_then_from_the_top() {
        let html = "<p data-item=\"a\"><label>first a</label></p>\
            <p data-item=\"b\"><label>b</label></p><p data-item=\"a\"><label>second a</label></p>";
        let ids = ["b", "a", "a"].map(String::from);
        assert_eq!(page_labels(html, &ids), ["b", "second a", "second a"]);
        let ids = ["a", "a"].map(String::from);
        assert_eq!(page_labels(html, &ids), ["first a", "first a"]);
        // a marker's value ends at its quote: `a` is not `ab`
        let html =
            "<p data-item=\"ab\"><label>ab</label></p><p data-item=\"a\"><label>a</label></p>";
        assert_eq!(page_labels(html, &["a".to_string()]), ["a"]);
    }

    #[test]
    fn single_spaced_text_is_kept_as_is() {
        let texts = [
            "a b", " a", "a ", "a  b", "a\tb", "a\u{b}b", "a\u{c}b", "a\nb", "é b", "a\u{a0}b", "",
            "ab",
        ];
        for text in texts {
            let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(
                is_single_spaced(text),
                words == text && text.is_ascii(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn writes_json_as_serde_json_does() {
        for s in [
            "",
            "plain",
            "a\"b\\c",
            "line\nbreak\t\r\u{8}\u{c}",
            "\u{1}\u{1f}\u{7f}",
            "é ✓",
        ] {
            assert_eq!(json_str(s), serde_json::to_string(s).unwrap(), "{s:?}");
        }
        let items = ["a".to_string(), "quiz:b\"".to_string()];
        let entry = page_entry("T \"x\"", "m/a.html", &items);
        let value = json!({"title": "T \"x\"", "url": "m/a.html", "items": items});
        assert_eq!(entry, value.to_string());
        let mut out = String::new();
        let entries = vec![
            ("b", "1".to_string()),
            ("a", "2".to_string()),
            ("b", "3".to_string()),
        ];
        push_object(&mut out, entries);
        assert_eq!(out, r#"{"a":2,"b":3}"#);
    }
}
