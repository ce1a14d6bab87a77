//! Stage 4c, the learner record: what the browser needs to keep and show each learner's
//! progress, from what the rendered pages registered. `assets/course-data.js` is what every
//! page's script needs to count progress: a summary per module (lesson and item counts), each
//! module's lesson ids and pages' items in its own file under `assets/modules/` (which only
//! that module's pages load) and all of them in `assets/course-pages.js` (for the pages that
//! show the whole course; docs/progress-format.md says how the rest is counted); the
//! "my progress" page (`progress.html`, a print-friendly list drawn in the browser by
//! `assets/print.js` from localStorage) also loads `assets/progress-data.js`, the readable
//! label of every item, so other pages stay small. The home page loads
//! `assets/progress-index.js`, each item's lock index, for progress codes ([`code`]).
//! Progress ids are slugs.
//!
//! The items and their labels are what each page's Markdown registered
//! ([`RenderedMarkdown::items`]); the two scripts only write them as JSON.

pub mod code;
pub mod lock;
pub mod moves;

use std::sync::Arc;

use rayon::prelude::*;
use serde_json::{json, Value};

use crate::error::Diagnostic;
use crate::model::{Course, Page, PageKind};
use crate::record::lock::LockUpdate;
use crate::render::json;
use crate::render::markdown::RenderedMarkdown;
use crate::render::tracked::TrackedItem;
use crate::site::{Output, Sink};

/// Writes the course data ([`CourseData`]: `assets/course-data.js`, each module's file under
/// `assets/modules/` and `assets/course-pages.js`), `assets/progress-data.js` and
/// `assets/progress-index.js`: the texts of [`course_data`], [`labels_script`] and
/// [`code::index_script`], made once by the build (whose pages carry their hashes in their
/// URLs).
pub fn files(
    data: CourseData,
    labels: String,
    index: String,
    sink: &dyn Sink,
) -> Result<(), Diagnostic> {
    sink.put("assets/course-data.js".into(), Output::Text(data.summary))?;
    for (path, text) in data.modules.into_iter().chain(data.labels) {
        sink.put(format!("assets/{path}"), Output::Text(text))?;
    }
    sink.put("assets/course-pages.js".into(), Output::Text(data.all))?;
    sink.put("assets/progress-data.js".into(), Output::Text(labels))?;
    sink.put("assets/progress-index.js".into(), Output::Text(index))
}

/// The course data, split so that a page's download does not grow with the course.
pub struct CourseData {
    /// `assets/course-data.js`, loaded by every page: per module its id, title, url, `count`
    /// (lessons with items needed for completion), `items` (those items) and `data` (its
    /// file's address, versioned); `moved` (old page id → new); `pages` for pages in no module.
    pub summary: String,
    /// Per module, `modules/<module id>.js` and its text: `window.lecternData(id, lesson ids,
    /// pages, labels)`, each page's items, `ix`, `optional`, title and url (as [`page_entry`]
    /// writes) and the address of its labels' file.
    pub modules: Vec<(String, String)>,
    /// Per module, `modules/<module id>.labels.js`: `window.lecternLabels({page id: {progress
    /// id: label}})`, what the progress page shows of a module it opens.
    pub labels: Vec<(String, String)>,
    /// `assets/course-pages.js`: every module's text, for the pages that show the whole course
    /// (home, progress, certificate, my handout, SCORM).
    pub all: String,
}

/// Ends `course-data.js`: `lecternData`, which merges a module file's data into
/// `window.LECTERN_COURSE` and tells `lectern.js` (event `lectern:data`), and the loading of
/// the module file of a page whose sidebar lists a module's lessons, or on a big course's home
/// page (`[data-course-pages]`) of each module the learner has something stored in, unless the
/// page loads it (a module page) or the whole course's (`course-pages.js`) itself. The script it adds is
/// marked `data-added` (`lectern serve`'s page updates leave it out of the page's own).
const MERGE: &str = r#"window.lecternData = function (id, lessons, pages, labels) {
  const C = window.LECTERN_COURSE, m = C && C.modules.find(x => x.id === id);
  if (m) { m.lessons = lessons; m.labels = labels; Object.assign(C.pages, pages); }
  if (typeof document == 'object') document.dispatchEvent(new Event('lectern:data'));
};
(() => {
  if (typeof document != 'object' || !document.body) return;
  const C = window.LECTERN_COURSE, b = document.body, root = b.dataset.root || '';
  if (document.querySelector('script[src*="assets/modules/"]:not([data-added]), script[src*="course-pages.js"]')) return;
  let want = [];
  if (document.querySelector('[data-course-pages]')) { // a big course's home: the modules the learner has been in
    let s = null;
    try { s = JSON.parse(localStorage.getItem('lectern:v2:' + (b.dataset.course || C.id))); } catch (e) { /* none */ }
    const ps = Object.keys(Object(s && s.pages)).concat(s && s.last || []);
    want = C.modules.filter(m => ps.some(p => p.indexOf(m.id + '/') === 0));
  } else {
    const ol = document.querySelector('.nav-lessons'), a = ol && ol.parentElement.querySelector('a');
    want = C.modules.filter(x => a && root + x.url === a.getAttribute('href'));
  }
  want.filter(m => !m.lessons).forEach(m => {
    const s = document.createElement('script');
    s.src = root + m.data;
    s.dataset.added = '';
    document.head.appendChild(s);
  });
})();
"#;

/// The [`CourseData`] of the course: module and lesson ids, each page's progress items with
/// their indexes in `lectern.lock` (`ix`, when it has items: the first one when they follow
/// each other, else one per item; what tells the browser which items are new since a
/// learner's last visit), and `moved` (old page id → new, when any lesson file was renamed or
/// moved: the browser moves what learners stored under the old id). Read from the course
/// model, not the navigation, so it can be made while the navigation is.
pub fn course_data(
    course: &Course,
    rendered: &[Arc<RenderedMarkdown>],
    lock: &LockUpdate,
) -> CourseData {
    let entries: Vec<Option<String>> = course
        .pages
        .par_iter()
        .zip(rendered)
        .map(|(p, r)| {
            let ix: Vec<Option<u32>> = (r.items.iter())
                .map(|i| lock.index(&p.id, i.kind, &i.id))
                .collect();
            (p.kind != PageKind::Home).then(|| page_entry(&p.title, &p.out, &r.items, &ix))
        })
        .collect();
    let required = |i: usize| rendered[i].items.iter().filter(|t| !t.optional).count();
    let mut in_module = vec![false; course.pages.len()];
    let mut summaries = Vec::new();
    let mut modules = Vec::new();
    let mut labels = Vec::new();
    for m in &course.modules {
        let page = &course.pages[m.page];
        let members: Vec<usize> = std::iter::once(m.page)
            .chain(m.lessons.iter().copied())
            .collect();
        let pages = (members.iter())
            .filter_map(|&i| entries[i].clone().map(|e| (course.pages[i].id.as_str(), e)));
        let mut object = String::new();
        push_object(&mut object, pages.collect());
        let lessons: Vec<&str> = m
            .lessons
            .iter()
            .map(|&i| course.pages[i].id.as_str())
            .collect();
        let (labels_path, labels_text) = module_labels(&page.id, &members, course, rendered);
        let text = format!(
            "window.lecternData({}, {}, {object}, {});\n",
            json!(page.id),
            json!(lessons),
            json!(versioned(&labels_path, &labels_text))
        );
        let path = format!("modules/{}.js", page.id);
        let data = versioned(&path, &text);
        let count = m.lessons.iter().filter(|&&i| required(i) > 0).count();
        let items: usize = m.lessons.iter().map(|&i| required(i)).sum();
        summaries.push(json!({"id": page.id, "title": page.title, "url": page.out,
            "count": count, "items": items, "data": data}));
        members.iter().for_each(|&i| in_module[i] = true);
        modules.push((path, text));
        labels.push((labels_path, labels_text));
    }
    let others = (course.pages.iter().zip(&entries).zip(&in_module))
        .filter(|(_, &inside)| !inside)
        .filter_map(|((p, e), _)| e.clone().map(|e| (p.id.as_str(), e)));
    // the keys in serde_json's order (sorted), as `json!` would write the whole object
    let mut summary = format!("window.LECTERN_COURSE = {{\"id\":{}", json!(course.id));
    summary.push_str(&format!(",\"modules\":{}", Value::Array(summaries)));
    if !lock.moved().is_empty() {
        summary.push_str(&format!(",\"moved\":{}", json!(lock.moved())));
    }
    summary.push_str(",\"pages\":");
    push_object(&mut summary, others.collect());
    summary.push_str(&format!(
        ",\"title\":{}}};\n{MERGE}",
        json!(course.config.title)
    ));
    let all = modules.iter().map(|(_, t)| t.as_str()).collect();
    CourseData {
        summary,
        modules,
        labels,
        all,
    }
}

/// A file's address under `assets/`, versioned by its text's hash.
fn versioned(path: &str, text: &str) -> String {
    let v = crate::render::asset_urls::version(text.as_bytes());
    format!("assets/{path}?v={v}")
}

/// Module `id`'s labels file (`modules/<id>.labels.js`) and its text: the labels of its
/// `members`' items, by page id, as `progress-data.js` has them.
fn module_labels(
    id: &str,
    members: &[usize],
    course: &Course,
    rendered: &[Arc<RenderedMarkdown>],
) -> (String, String) {
    let pages = (members.iter())
        .filter(|&&i| !rendered[i].items.is_empty())
        .map(|&i| (course.pages[i].id.as_str(), page_labels(&rendered[i])));
    let mut text = "window.lecternLabels(".to_string();
    push_object(&mut text, pages.collect());
    text.push_str(");\n");
    (format!("modules/{id}.labels.js"), text)
}

/// A page's labels, `{progress id: label}`, as JSON text.
fn page_labels(r: &RenderedMarkdown) -> String {
    let ids: Vec<String> = r.items.iter().map(TrackedItem::progress_id).collect();
    let labels = ids.iter().zip(&r.items);
    let labels = labels.map(|(id, item)| (id.as_str(), json_str(&item.label)));
    let mut object = String::new();
    push_object(&mut object, labels.collect());
    object
}

/// One page of `course-data.js`, as `json!({"title", "url", "items", "ix", "optional"})` writes
/// it (keys sorted; `ix` only when there are items: the first index alone when they are
/// consecutive; `optional`, the items not needed for completion, only when there are some),
/// without building the `Value`: there is one per page.
fn page_entry(title: &str, url: &str, items: &[TrackedItem], ix: &[Option<u32>]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(title.len() + url.len() + 40 + items.len() * 54);
    out.push_str("{\"items\":[");
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        json::push_str(&mut out, &item.progress_id());
    }
    out.push(']');
    let first = ix.first().copied().flatten();
    let consecutive =
        (ix.iter().enumerate()).all(|(i, n)| first.is_some() && *n == first.map(|f| f + i as u32));
    match first {
        // the usual case: the page's items numbered in page order, written as the first index
        Some(first) if consecutive => {
            let _ = write!(out, ",\"ix\":{first}");
        }
        _ if items.is_empty() => {}
        _ => {
            out.push_str(",\"ix\":[");
            for (i, index) in ix.iter().enumerate() {
                let comma = if i > 0 { "," } else { "" };
                let _ = match index {
                    Some(n) => write!(out, "{comma}{n}"),
                    None => write!(out, "{comma}null"),
                };
            }
            out.push(']');
        }
    }
    if items.iter().any(|i| i.optional) {
        out.push_str(",\"optional\":[");
        for (k, item) in items.iter().filter(|i| i.optional).enumerate() {
            if k > 0 {
                out.push(',');
            }
            json::push_str(&mut out, &item.progress_id());
        }
        out.push(']');
    }
    out.push_str(",\"title\":");
    json::push_str(&mut out, title);
    out.push_str(",\"url\":");
    json::push_str(&mut out, url);
    out.push('}');
    out
}

/// `assets/progress-data.js`: page id → progress id → label.
pub fn labels_script(course: &Course, rendered: &[Arc<RenderedMarkdown>]) -> String {
    per_page_script("LECTERN_LABELS", course, rendered, |_, r| page_labels(r))
}

/// `window.<global> = {page id: value};` for the pages with tracked items, each value the JSON
/// text `value` makes of the page (on its own thread).
pub(crate) fn per_page_script(
    global: &str,
    course: &Course,
    rendered: &[Arc<RenderedMarkdown>],
    value: impl Fn(&Page, &RenderedMarkdown) -> String + Sync,
) -> String {
    let pages = course
        .pages
        .par_iter()
        .zip(rendered)
        .filter(|(_, r)| !r.items.is_empty())
        .map(|(p, r)| (p.id.as_str(), value(p, r)))
        .collect();
    let mut out = format!("window.{global} = ");
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::tracked::ItemKind;

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
        let items = [
            TrackedItem::new(ItemKind::Item, "a".into(), "A"),
            TrackedItem::new(ItemKind::Question, "b\"".into(), "B"),
        ];
        let entry = page_entry("T \"x\"", "m/a.html", &items, &[Some(3), None]);
        let ids = ["a", "quiz:b\""];
        let value = json!({"title": "T \"x\"", "url": "m/a.html", "items": ids, "ix": [3, null]});
        assert_eq!(entry, value.to_string());
        let value = json!({"title": "T", "url": "m/b.html", "items": []});
        assert_eq!(page_entry("T", "m/b.html", &[], &[]), value.to_string());
        let value = json!({"title": "T", "url": "m/a.html", "items": ids, "ix": 7});
        let entry = page_entry("T", "m/a.html", &items, &[Some(7), Some(8)]);
        assert_eq!(entry, value.to_string());
        let value = json!({"title": "T", "url": "m/a.html", "items": ids, "ix": [8, 7]});
        let entry = page_entry("T", "m/a.html", &items, &[Some(8), Some(7)]);
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
