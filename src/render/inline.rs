//! Inline Markdown for short author text from YAML (table cells, checklist items, quiz text).
//!
//! Raw HTML is escaped, never passed through: YAML cells are data, and a `<script>` there must
//! show as text.

use pulldown_cmark::{html, Event, Options, Parser, Tag, TagEnd};

/// Renders `text` as inline HTML: emphasis, code, links; no paragraphs, raw HTML escaped.
pub fn inline_markdown(text: &str) -> String {
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
}
