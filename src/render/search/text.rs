//! Text for the search index: rendered HTML split into sections at its `h2`/`h3` headings,
//! tags stripped and entities decoded.

use std::sync::LazyLock;

use memchr::memchr;
use memchr::memmem::Finder;

use super::scan::{HIGH, ONES};
use super::words::Excerpt;

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

/// The text of an HTML fragment: tags dropped (with the contents of `script`, `style` and
/// anchor links), entities decoded, every tag a word break.
pub fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    each_piece(html, |piece| {
        out.push_str(piece);
        true
    });
    out
}

/// Calls `f` with the pieces of [`html_text`] in order, without building it, until `f`
/// returns false. (The searches use `memchr`, several times faster than `str::find` on the
/// megabytes of a big course.)
pub(super) fn each_piece(html: &str, mut f: impl FnMut(&str) -> bool) {
    let mut rest = html;
    while let Some(lt) = memchr(b'<', rest.as_bytes()) {
        if !decode_pieces(&rest[..lt], &mut f) {
            return;
        }
        let (end, breaks) = tag_end(&rest[lt..]);
        if breaks && !f(" ") {
            return;
        }
        rest = &rest[lt + end..];
    }
    decode_pieces(rest, &mut f);
}

/// The length of the tag `tag` starts with (a `script`, `style` or anchor link with its
/// contents), and whether it breaks words (all but inline tags do).
pub(super) fn tag_end(tag: &str) -> (usize, bool) {
    // only `<s…` and `<a…` may open an element that is skipped whole
    let skip_to = match tag.as_bytes().get(1) {
        Some(b's' | b'a') => [
            ("<script", "</script>"),
            ("<style", "</style>"),
            ("<a class=\"anchor\"", "</a>"),
        ]
        .iter()
        .find(|(open, _)| tag.starts_with(open))
        .map(|(_, close)| *close),
        _ => None,
    };
    let end = match skip_to {
        Some(close) => tag.find(close).map(|i| i + close.len()),
        None => after_gt(tag.as_bytes()),
    };
    let end = end.unwrap_or(tag.len());
    (end, !is_inline_tag(tag.as_bytes()))
}

/// The position after the first `>` of `bytes`. Most tags (`<p>`, `</li>`) end within eight
/// bytes, found there at once, without the call and set-up of a vectorised search.
fn after_gt(bytes: &[u8]) -> Option<usize> {
    if let Some(eight) = bytes.first_chunk::<8>() {
        // bit 7 set in the bytes equal to `>` (and perhaps in bytes after one: only the first
        // is read)
        let x = u64::from_le_bytes(*eight) ^ (ONES * u64::from(b'>'));
        let gt = x.wrapping_sub(ONES) & !x & HIGH;
        if gt != 0 {
            return Some(gt.trailing_zeros() as usize / 8 + 1);
        }
    }
    memchr(b'>', bytes).map(|i| i + 1)
}

/// Whether the tag `tag` starts with is one of the inline elements, whose tags do not break
/// words. Byte by byte and looking no further than the longest name (`strong`): this runs for
/// every tag of every page.
fn is_inline_tag(tag: &[u8]) -> bool {
    let mut name = tag;
    while let [b'<', rest @ ..] = name {
        name = rest;
    }
    while let [b'/', rest @ ..] = name {
        name = rest;
    }
    let name = &name[..name.len().min(7)];
    let len = (name.iter())
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(name.len());
    matches!(
        &name[..len],
        b"a" | b"em"
            | b"strong"
            | b"code"
            | b"del"
            | b"span"
            | b"mark"
            | b"sup"
            | b"sub"
            | b"b"
            | b"i"
    )
}

/// Decodes the entities pulldown-cmark and our escaping produce, and numeric ones.
fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    decode_pieces(text, |piece| {
        out.push_str(piece);
        true
    });
    out
}

/// Calls `f` with the pieces of `text` with its entities decoded, until `f` returns false;
/// returns false when it did.
fn decode_pieces(text: &str, mut f: impl FnMut(&str) -> bool) -> bool {
    let mut rest = text;
    while let Some(amp) = memchr(b'&', rest.as_bytes()) {
        if !f(&rest[..amp]) {
            return false;
        }
        let tail = &rest[amp..];
        let semi = tail.find(';').filter(|&i| i <= 10);
        let decoded = semi.and_then(|i| entity(&tail[1..i]));
        let mut buf = [0; 4];
        let (piece, next) = match (semi, decoded) {
            (Some(i), Some(c)) => (&*c.encode_utf8(&mut buf), i + 1),
            _ => ("&", 1),
        };
        if !f(piece) {
            return false;
        }
        rest = &tail[next..];
    }
    f(rest)
}

/// The character the entity `tail` starts with (at its `&`) stands for and the entity's
/// length, as [`decode_pieces`] decodes text that ends at the next tag; `&` alone when it is
/// not an entity.
pub(super) fn entity_at(tail: &str) -> (char, usize) {
    let bytes = tail.as_bytes();
    let semi = bytes[..bytes.len().min(11)]
        .iter()
        .position(|&b| b == b';' || b == b'<')
        .filter(|&i| bytes[i] == b';');
    semi.and_then(|i| Some((entity(&tail[1..i])?, i + 1)))
        .unwrap_or(('&', 1))
}

fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::search::tokenize;

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

    /// [`is_inline_tag`] as it was first written, on the tag cut at its end.
    fn is_inline_reference(tag: &str) -> bool {
        let name = tag.trim_start_matches('<').trim_start_matches('/');
        let name: String = name
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let inline = [
            "a", "em", "strong", "code", "del", "span", "mark", "sup", "sub", "b", "i",
        ];
        inline.contains(&name.as_str())
    }

    #[test]
    fn tells_inline_tags_as_the_simple_rule_does() {
        let parts = [
            "<", "/", "a", "b", "em", "strong", "s", "span", "sup", "i", "code", "x", ">", " ",
            "=\"", "1", "é", "&",
        ];
        let mut seed = 5usize;
        for _ in 0..20_000 {
            let text: String = (0..6)
                .map(|_| crate::render::search::pick(&mut seed, &parts))
                .collect();
            let Some(lt) = text.find('<') else { continue };
            let tag = &text[lt..];
            let (end, breaks) = tag_end(tag);
            assert_eq!(!breaks, is_inline_reference(&tag[..end]), "{tag:?}");
            let gt = tag.find('>').map_or(tag.len(), |i| i + 1);
            assert_eq!(end, gt, "{tag:?}");
        }
    }

    #[test]
    fn leaves_out_a_blank_top_of_the_page() {
        let s = sections("\n<p> &nbsp;</p><h3 id=\"a&amp;b\">A</h3>");
        assert_eq!(s.len(), 1);
        assert_eq!((s[0].anchor.as_str(), s[0].body), ("a&b", ""));
    }
}
