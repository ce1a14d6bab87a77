//! Block passes with no page state: GitHub alerts to callouts, GFM tables wrapped for narrow
//! screens.

use pulldown_cmark::{BlockQuoteKind, Event, Tag, TagEnd};

use super::Spanned;

/// `> [!TIP]` blockquotes → callouts.
pub(super) fn alerts(events: Vec<Spanned>) -> Vec<Spanned> {
    events
        .into_iter()
        .map(|(event, range)| match event {
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, title) = alert_name(kind);
                (Event::Html(format!("<div class=\"callout callout-{class}\" role=\"note\"><p class=\"callout-title\">{title}</p>\n").into()), range)
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => (Event::Html("</div>\n".into()), range),
            other => (other, range),
        })
        .collect()
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

/// GFM tables get a wrapper that scrolls on narrow screens.
pub(super) fn tables(events: Vec<Spanned>) -> Vec<Spanned> {
    let mut out = Vec::with_capacity(events.len());
    for (event, range) in events {
        match event {
            Event::Start(Tag::Table(_)) => {
                out.push((
                    Event::Html("<div class=\"table-wrap\" tabindex=\"0\">".into()),
                    range.clone(),
                ));
                out.push((event, range));
            }
            Event::End(TagEnd::Table) => {
                out.push((event, range.clone()));
                out.push((Event::Html("</div>\n".into()), range));
            }
            other => out.push((other, range)),
        }
    }
    out
}
