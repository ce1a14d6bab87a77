//! Rendered HTML split into sections at its `h2`/`h3` headings, each with its anchor, heading
//! text and the excerpt shown under a result: the search index's documents.

use std::sync::LazyLock;

use memchr::memmem::Finder;

use super::words::Excerpt;
use crate::render::html_text::{decode, each_piece, html_text};

/// A section of a page's HTML: the part before the first heading has no anchor.
pub(super) struct Section<'h> {
    pub anchor: String,
    pub heading: String,
    /// the section's HTML after its heading
    pub body: &'h str,
    pub excerpt: String,
}

/// Splits rendered HTML at its `h2` and `h3` headings; a section without an anchor (the top
/// of the page) is left out when it has no text.
pub(super) fn sections(html: &str) -> Vec<Section<'_>> {
    let mut out = Vec::new();
    let mut rest = html;
    let mut current = (String::new(), String::new());
    while let Some((start, level)) = next_heading(rest) {
        push_section(&mut out, current, &rest[..start]);
        let after = &rest[start + 8..];
        let id_end = after.find('"').unwrap_or(0);
        let close = if level == '2' {
            &FINDERS.h2_end
        } else {
            &FINDERS.h3_end
        };
        let end = close.find(after.as_bytes()).unwrap_or(after.len());
        let inner = &after[(id_end + 1).min(end)..end];
        let link = FINDERS.anchor.find(inner.as_bytes());
        let inner = &inner[..link.unwrap_or(inner.len())];
        let heading = html_text(inner.trim_start_matches('>'));
        current = (decode(&after[..id_end]), heading);
        rest = &after[(end + close.needle().len()).min(after.len())..];
    }
    push_section(&mut out, current, rest);
    out
}

fn push_section<'h>(
    out: &mut Vec<Section<'h>>,
    (anchor, heading): (String, String),
    body: &'h str,
) {
    let mut excerpt = Excerpt::default();
    each_piece(body, |piece| excerpt.feed(piece));
    if !anchor.is_empty() || !excerpt.is_blank() {
        out.push(Section {
            anchor,
            heading,
            body,
            excerpt: excerpt.finish(),
        });
    }
}

/// The searches [`sections`] makes, each set up once: setting one up costs more than a
/// search through a page's few headings.
struct Finders {
    heading: Finder<'static>,
    h2_end: Finder<'static>,
    h3_end: Finder<'static>,
    anchor: Finder<'static>,
}

static FINDERS: LazyLock<Finders> = LazyLock::new(|| Finders {
    heading: Finder::new("<h"),
    h2_end: Finder::new("</h2>"),
    h3_end: Finder::new("</h3>"),
    anchor: Finder::new("<a class=\"anchor\""),
});

/// Byte offset and level of the next `<h2 id="` or `<h3 id="`. (Looking for `<h` skips
/// most tags at once, where stopping at every `<` costs a call per tag.)
fn next_heading(html: &str) -> Option<(usize, char)> {
    let bytes = html.as_bytes();
    let mut from = 0;
    while let Some(i) = FINDERS.heading.find(&bytes[from..]) {
        let at = from + i;
        let tail = &bytes[at..];
        if tail.len() > 3 && matches!(tail[2], b'2' | b'3') && tail[3..].starts_with(b" id=\"") {
            return Some((at, char::from(tail[2])));
        }
        from = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::words::tokenize;

    #[test]
    fn splits_sections_and_strips_tags() {
        let html = "<p>Intro &amp; more</p>\n<h2 id=\"why-it-matters\">Why <em>it</em> matters<a class=\"anchor\" href=\"#why-it-matters\">#</a></h2>\n<p>Because.</p><h4 id=\"x\">Small</h4><p>Still here</p>";
        let s = sections(html);
        assert_eq!(s.len(), 2);
        assert_eq!(
            (s[0].anchor.as_str(), html_text(s[0].body).trim()),
            ("", "Intro & more")
        );
        assert_eq!(s[0].excerpt, "Intro & more");
        assert_eq!(s[1].anchor, "why-it-matters");
        assert_eq!(s[1].heading.trim(), "Why it matters");
        assert_eq!(
            tokenize(&html_text(s[1].body)),
            ["because", "small", "still", "here"]
        );
    }

    #[test]
    fn leaves_out_a_blank_top_of_the_page() {
        let s = sections("\n<p> &nbsp;</p><h3 id=\"a&amp;b\">A</h3>");
        assert_eq!(s.len(), 1);
        assert_eq!((s[0].anchor.as_str(), s[0].body), ("a&b", ""));
    }
}
