//! Block rewrites with no page state, applied as the `items` pass copies events on: GitHub
//! alerts to callouts, GFM tables wrapped for narrow screens.

use std::ops::Range;

use pulldown_cmark::{BlockQuoteKind, Event, Tag, TagEnd};

use super::Spanned;

/// Pushes an event onto `out`, turning `> [!TIP]` blockquotes into callouts and wrapping GFM
/// tables so they scroll on narrow screens.
pub(super) fn push<'e>(out: &mut Vec<Spanned<'e>>, event: Event<'e>, range: Range<usize>) {
    match event {
        Event::Start(Tag::BlockQuote(Some(kind))) => {
            let (class, title) = alert_name(kind);
            out.push((Event::Html(format!("<div class=\"callout callout-{class}\" role=\"note\"><p class=\"callout-title\">{title}</p>\n").into()), range));
        }
        Event::End(TagEnd::BlockQuote(Some(_))) => {
            out.push((Event::Html("</div>\n".into()), range))
        }
        Event::Start(Tag::Table(_)) => {
            let wrap = Event::Html("<div class=\"table-wrap\" tabindex=\"0\">".into());
            out.push((wrap, range.clone()));
            out.push((event, range));
        }
        Event::End(TagEnd::Table) => {
            out.push((event, range.clone()));
            out.push((Event::Html("</div>\n".into()), range));
        }
        other => out.push((other, range)),
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
