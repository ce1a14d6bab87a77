//! Block passes with no page state: GitHub alerts to callouts, GFM tables wrapped for narrow
//! screens.

use pulldown_cmark::{BlockQuoteKind, Event, Tag, TagEnd};

use super::Spanned;

/// `> [!TIP]` blockquotes → callouts; GFM tables get a wrapper that scrolls on narrow
/// screens. Each event maps to one or two, so this streams into the serialiser.
pub(super) fn alerts_and_tables(events: Vec<Spanned>) -> impl Iterator<Item = Event> {
    events.into_iter().flat_map(|(event, _)| {
        let (first, second) = match event {
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, title) = alert_name(kind);
                (Event::Html(format!("<div class=\"callout callout-{class}\" role=\"note\"><p class=\"callout-title\">{title}</p>\n").into()), None)
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => (Event::Html("</div>\n".into()), None),
            Event::Start(Tag::Table(_)) => (
                Event::Html("<div class=\"table-wrap\" tabindex=\"0\">".into()),
                Some(event),
            ),
            Event::End(TagEnd::Table) => (event, Some(Event::Html("</div>\n".into()))),
            other => (other, None),
        };
        std::iter::once(first).chain(second)
    })
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
