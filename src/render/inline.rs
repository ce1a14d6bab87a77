//! Inline Markdown for short author text from YAML (table cells, checklist items, quiz text).
//!
//! Raw HTML is escaped, never passed through: YAML cells are data, and a `<script>` there must
//! show as text.

use pulldown_cmark::{html, Event, Options, Parser, Tag, TagEnd};
use std::borrow::Cow;

/// Renders `text` as inline HTML: emphasis, code, links; no paragraphs, raw HTML escaped.
pub fn inline_markdown(text: &str) -> String {
    if is_plain(text) {
        return text.to_string();
    }
    parsed(text)
}

/// True when `text` renders as itself: words, digits, single spaces and punctuation that
/// Markdown gives no meaning (not even smart punctuation) and HTML needs no escape for.
/// Most table cells are like this, and skipping the parser for them matters: a course embeds
/// its tables in many pages.
fn is_plain(text: &str) -> bool {
    // A letter first: no list marker, heading, quote or indented code can start the text.
    let Some(first) = text.chars().next() else {
        return false;
    };
    let mut prev = ' ';
    let plain = first.is_alphabetic()
        && text.chars().all(|c| {
            let ok = c.is_alphanumeric()
                || match c {
                    // Doubled, these are a hard break, an en dash or an ellipsis.
                    ' ' | '-' | '.' => prev != c,
                    ',' | ';' | ':' | '?' | '!' | '(' | ')' | '/' => true,
                    _ => false,
                };
            prev = c;
            ok
        });
    plain && prev != ' '
}

/// Inline Markdown through the parser.
fn parsed(text: &str) -> String {
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_SMART_PUNCTUATION;
    let events = Parser::new_ext(text, options).filter_map(|event| match event {
        Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => None,
        Event::Html(s) | Event::InlineHtml(s) => Some(Event::Text(s)),
        Event::SoftBreak => Some(Event::Text(" ".into())),
        other => Some(other),
    });
    let mut out = String::with_capacity(text.len() + 16);
    html::push_html(&mut out, events);
    out.trim_end().to_string()
}

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    pulldown_cmark_escape::escape_html(&mut out, text).ok();
    out
}

/// [`escape`], borrowing `text` when it has nothing to escape: heading ids and progress ids
/// are slugs, and copying each of them showed in profiles.
pub fn escape_cow(text: &str) -> Cow<'_, str> {
    let special = |b: &u8| matches!(b, b'<' | b'>' | b'&' | b'"' | b'\'');
    match text.as_bytes().iter().any(special) {
        true => Cow::Owned(escape(text)),
        false => Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_html_and_keeps_emphasis() {
        assert_eq!(
            inline_markdown("Be *kind* <script>x</script>"),
            "Be <em>kind</em> &lt;script&gt;x&lt;/script&gt;"
        );
        assert_eq!(escape("a\"<b>&"), "a&quot;&lt;b&gt;&amp;");
    }

    #[test]
    fn escape_cow_escapes_as_escape_does() {
        for byte in 0..=127u8 {
            let text = format!("a-{}_é", char::from(byte));
            assert_eq!(escape_cow(&text), escape(&text), "{text:?}");
        }
        assert!(matches!(escape_cow("step-1_é"), Cow::Borrowed(_)));
    }

    #[test]
    fn plain_text_renders_as_the_parser_would() {
        let samples = [
            "Find and qualify new accounts.",
            "Observe, ask questions, develop skills.",
            "Step 1: plan (then act)/review? Yes!",
            "Wait... what",
            "A -- B",
            "a  b",
            "trailing ",
            "Émile ça va",
            "x!",
        ];
        for text in samples {
            assert_eq!(inline_markdown(text), parsed(text), "{text:?}");
        }
        // Every short string over an alphabet of the characters the fast path treats.
        let alphabet = [
            'a', '1', ' ', '-', '.', ',', ':', '!', '(', ')', '/', '?', '*', '\'',
        ];
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            texts = texts
                .iter()
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            for text in &texts {
                for text in [text.clone(), format!("b{text}"), format!("{text}c")] {
                    assert_eq!(inline_markdown(&text), parsed(&text), "{text:?}");
                }
            }
        }
    }
}
