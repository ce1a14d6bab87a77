//! Live reload: the server-sent events stream, the script injected into served HTML, and the
//! error overlay.
//!
//! Events on `/__lectern/events`: `reload` (content changed: the page reloads and keeps its
//! scroll position through sessionStorage), `css` (only stylesheets changed: they are swapped
//! in place), `error` (a build failed: the data is the overlay's HTML, shown on the open page).
//! The script and the overlay exist only in what `serve` sends, never in `build` output.

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
    Reload,
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
                Change::Reload => Event::default().event("reload").data("reload"),
                Change::Css => Event::default().event("css").data("css"),
                Change::Error(text) => Event::default().event("error").data(overlay(&text)),
            };
            Some(Ok(event))
        });
        let hello = tokio_stream::once(Ok(Event::default().event("hello").data("connected")));
        Sse::new(hello.chain(stream)).keep_alive(KeepAlive::default())
    }
}

/// The overlay that shows a build error (the Diagnostics' text) on a page. Its lines are never
/// wrapped (they scroll sideways), so a caret stays under the column it points at.
pub fn overlay(error: &str) -> String {
    format!(
        "<div class=\"error-overlay\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2rem;background:rgba(20,20,20,.94);color:#fff;font:14px/1.5 ui-monospace,monospace\">\
<p style=\"margin:0 0 1rem;font-weight:bold;color:#ff8a80\">Lectern could not build the course. The last good version is shown underneath; fix the file and save.</p>\
<pre style=\"white-space:pre;overflow-x:auto;margin:0\">{}</pre></div>",
        escape(error)
    )
}

const SCRIPT: &str = r#"<script>(function () {
  var key = "lectern-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    var y = parseInt(saved, 10);
    // instant: the theme scrolls smoothly, which would animate from the top on every reload
    var restore = function () { window.scrollTo({ top: y, behavior: "instant" }); };
    if (document.readyState === "complete") restore(); else addEventListener("load", restore);
  }
  var source = new EventSource("/__lectern/events");
  source.addEventListener("reload", function () {
    sessionStorage.setItem(key, String(window.scrollY));
    location.reload();
  });
  source.addEventListener("css", function () {
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
      var url = new URL(link.href);
      url.searchParams.set("lectern-reload", String(Date.now()));
      link.href = url.toString();
    });
  });
  source.addEventListener("error", function (e) {
    if (!e.data) return;
    var old = document.querySelector(".error-overlay");
    if (old) old.remove();
    document.body.insertAdjacentHTML("beforeend", e.data);
  });
})();</script>"#;

/// Adds the reload script (and the overlay, while the last build failed) before `</body>`.
pub fn inject(html: &str, error: Option<&str>) -> String {
    let overlay = error.map(overlay).unwrap_or_default();
    let extra = format!("{overlay}{SCRIPT}");
    match html.rfind("</body>") {
        Some(at) => format!("{}{extra}{}", &html[..at], &html[at..]),
        None => format!("{html}{extra}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
