//! Live reload: the server-sent events stream, the script injected into served HTML, and the
//! error overlay.
//!
//! Events on `/__lectern/events`: `reload` (pages changed: the data lists them; an open page
//! among them fetches its new version and morphs its DOM into it, others show a notice),
//! `css` (only stylesheets changed: they are swapped in place), `error` (a build failed: the
//! data is the overlay's HTML, shown on the open page). The script (`live.js`) and the
//! overlay exist only in what `serve` sends, never in `build` output.

use std::convert::Infallible;

use axum::response::sse::{Event, KeepAlive, Sse};
use tokio::sync::broadcast;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::{Stream, StreamExt};

use crate::render::inline::escape;

/// The URL of the event stream.
pub const EVENTS_PATH: &str = "/__lectern/events";

/// What a rebuild tells the open pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Pages changed: the event's data (see [`pages_changed`]).
    Reload(String),
    Css,
    Error(String),
}

/// Sends changes to every connected page.
#[derive(Clone)]
pub struct Reloader {
    tx: broadcast::Sender<Change>,
}

impl Default for Reloader {
    fn default() -> Self {
        Reloader {
            tx: broadcast::channel(64).0,
        }
    }
}

impl Reloader {
    pub fn send(&self, change: Change) {
        // No page connected is not an error.
        let _ = self.tx.send(change);
    }

    /// The SSE response for one page.
    pub fn events(&self) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
        let stream = BroadcastStream::new(self.tx.subscribe()).filter_map(|change| {
            let event = match change.ok()? {
                Change::Reload(data) => Event::default().event("reload").data(data),
                Change::Css => Event::default().event("css").data("css"),
                Change::Error(text) => Event::default().event("error").data(overlay(&text)),
            };
            Some(Ok(event))
        });
        let hello = tokio_stream::once(Ok(Event::default().event("hello").data("connected")));
        Sse::new(hello.chain(stream)).keep_alive(KeepAlive::default())
    }
}

/// Pages listed in one `reload` event at most; more are counted in `more`.
const LISTED: usize = 20;

/// The `reload` event's data for the changed site paths: `{"pages":[{"url","title"}],
/// "more":n}`, each page's URL from the site root and its `<title>` as written.
pub fn pages_changed(changed: &[String], site: &crate::site::Site) -> String {
    let pages: Vec<serde_json::Value> = changed
        .iter()
        .take(LISTED)
        .map(|path| {
            let title = site.text(path).and_then(title_of).unwrap_or(path);
            serde_json::json!({ "url": format!("/{path}"), "title": title })
        })
        .collect();
    let more = changed.len().saturating_sub(LISTED);
    serde_json::json!({ "pages": pages, "more": more }).to_string()
}

/// The text between a page's `<title>` and `</title>`.
fn title_of(html: &str) -> Option<&str> {
    let start = html.find("<title>")? + "<title>".len();
    let end = start + html[start..].find("</title>")?;
    Some(&html[start..end])
}

/// The overlay that shows a build error (the Diagnostics' text) on a page; `live.js` puts its
/// chrome in the page's language (`serve_failed` from `assets/strings.js`). Its lines are never
/// wrapped (they scroll sideways), so a caret stays under the column it points at.
pub fn overlay(error: &str) -> String {
    format!(
        "<div class=\"error-overlay\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2rem;background:rgba(20,20,20,.94);color:#fff;font:14px/1.5 ui-monospace,monospace\">\
<p data-lt=\"serve_failed\" style=\"margin:0 0 1rem;font-weight:bold;color:#ff8a80\">Lectern could not build the course. The last good version is shown underneath; fix the file and save.</p>\
<pre style=\"white-space:pre;overflow-x:auto;margin:0\">{}</pre></div>",
        escape(error)
    )
}

/// The live-reload script, inlined into every served page.
const SCRIPT: &str = include_str!("live.js");

/// Idiomorph 0.8.0 (npm `idiomorph`, 0BSD licence), which morphs a page's DOM into a new
/// version of it; served at [`MORPH_PATH`].
pub const MORPH_JS: &str = include_str!("idiomorph.min.js");

/// Where the served pages load [`MORPH_JS`] from.
pub const MORPH_PATH: &str = "/__lectern/idiomorph.js";

/// Adds the reload script (and the overlay, while the last build failed) before `</body>`.
pub fn inject(html: &str, error: Option<&str>) -> String {
    let overlay = error.map(overlay).unwrap_or_default();
    let extra = format!("{overlay}<script src=\"{MORPH_PATH}\"></script><script>{SCRIPT}</script>");
    match html.rfind("</body>") {
        Some(at) => format!("{}{extra}{}", &html[..at], &html[at..]),
        None => format!("{html}{extra}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reload_data_lists_twenty_pages_with_their_titles_and_counts_the_rest() {
        let mut site = crate::site::Site::default();
        let changed: Vec<String> = (0..22).map(|i| format!("m/{i:02}.html")).collect();
        for (i, path) in changed.iter().enumerate() {
            let html = format!("<head><title>Lesson {i} &amp; more</title></head>");
            site.insert(path.clone(), crate::site::Output::Text(html));
        }
        let data: serde_json::Value =
            serde_json::from_str(&pages_changed(&changed, &site)).unwrap();
        assert_eq!(data["pages"].as_array().unwrap().len(), 20);
        assert_eq!(data["pages"][1]["url"], "/m/01.html");
        assert_eq!(data["pages"][1]["title"], "Lesson 1 &amp; more");
        assert_eq!(data["more"], 2);
        let none = pages_changed(&[], &site);
        assert_eq!(none, r#"{"more":0,"pages":[]}"#);
    }

    #[test]
    fn inject_puts_script_and_escaped_overlay_before_body_end() {
        let html = inject("<html><body><p>x</p></body></html>", Some("error: <bad>"));
        let at_overlay = html.find("class=\"error-overlay\"").unwrap();
        let at_script = html.find("<script>").unwrap();
        assert!(at_overlay < at_script && at_script < html.find("</body>").unwrap());
        assert!(html.contains("error: &lt;bad&gt;"));
        assert!(!inject("<body></body>", None).contains("class=\"error-overlay\""));
    }
}
