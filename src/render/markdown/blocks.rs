//! Block rewrites with no page state, applied as the `items` step passes events on: GitHub
//! alerts to callouts, GFM tables wrapped for narrow screens.

use std::collections::VecDeque;

use pulldown_cmark::{BlockQuoteKind, Event, Tag, TagEnd};

/// Pushes an event onto `out`, turning `> [!TIP]` blockquotes into callouts and wrapping GFM
/// tables so they scroll on narrow screens.
pub(super) fn push<'e>(out: &mut VecDeque<Event<'e>>, event: Event<'e>) {
    match event {
        Event::Start(Tag::BlockQuote(Some(kind))) => {
            let (class, title) = alert_name(kind);
            out.push_back(Event::Html(format!("<div class=\"callout callout-{class}\" role=\"note\"><p class=\"callout-title\">{title}</p>\n").into()));
        }
        Event::End(TagEnd::BlockQuote(Some(_))) => out.push_back(Event::Html("</div>\n".into())),
        Event::Start(Tag::Table(_)) => {
            out.push_back(Event::Html(
                "<div class=\"table-wrap\" tabindex=\"0\">".into(),
            ));
            out.push_back(event);
        }
        Event::End(TagEnd::Table) => {
            out.push_back(event);
            out.push_back(Event::Html("</div>\n".into()));
        }
        other => out.push_back(other),
    }
}

fn alert_name(kind: BlockQuoteKind) -> (&'static str, &'static str) {
    match kind {
        BlockQuoteKind::Note => ("note", "Note"),
        BlockQuoteKind::Tip => ("tip", "Tip"),
        BlockQuoteKind::Important => ("important", "Important"),
        BlockQuoteKind::Warning => ("warning", "Warning"),
        BlockQuoteKind::Caution => ("caution", "Caution"),
    }
}
