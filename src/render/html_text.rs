//! Rendered HTML read back as text: tags dropped (with the contents of `script`, `style` and
//! heading anchor links), entities decoded. The progress labels and the search index read
//! pages this way; the search tokenizer reads tags and entities with the same [`tag_end`] and
//! [`entity_at`], so its words are those of [`html_text`].

use memchr::memchr;

/// A one in every byte, and bit 7 of every byte: for reading eight bytes at a time (here and
/// in the search tokenizer's loops).
pub const ONES: u64 = 0x0101_0101_0101_0101;
pub const HIGH: u64 = ONES * 0x80;

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
pub fn each_piece(html: &str, mut f: impl FnMut(&str) -> bool) {
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

/// Words in a page's HTML: runs of non-space bytes in the text between tags (a tag ends a
/// word). Tags are skipped with `memchr`, and the text is read without a branch per byte: run
/// for every page's HTML, this must cost little beside rendering it.
pub fn count_words(html: &str) -> u32 {
    let bytes = html.as_bytes();
    let (mut words, mut at) = (0, 0);
    while at < bytes.len() {
        let text_end = memchr::memchr(b'<', &bytes[at..]).map_or(bytes.len(), |n| at + n);
        let mut space = true;
        for &b in &bytes[at..text_end] {
            let is_space = b.is_ascii_whitespace();
            words += u32::from(space && !is_space);
            space = is_space;
        }
        at = memchr::memchr(b'>', &bytes[text_end..]).map_or(bytes.len(), |n| text_end + n + 1);
    }
    words
}

/// The length of the tag `tag` starts with (a `script`, `style` or anchor link with its
/// contents), and whether it breaks words (all but inline tags do).
pub fn tag_end(tag: &str) -> (usize, bool) {
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
pub fn decode(text: &str) -> String {
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
/// length, as `decode_pieces` decodes text that ends at the next tag; `&` alone when it is
/// not an entity.
pub fn entity_at(tail: &str) -> (char, usize) {
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

    #[test]
    fn words_are_runs_of_non_space_outside_tags() {
        assert_eq!(
            count_words(
                "<h2>A heading</h2><ul><li><input type=checkbox> tick <em>this</em> one</li></ul>"
            ),
            5
        );
        assert_eq!(count_words("<p>déjà vu, 42 times</p>\n<p>no tag"), 6);
        assert_eq!(count_words(""), 0);
    }

    #[test]
    fn drops_tags_and_decodes_entities() {
        let html = "<p>Intro &amp; <em>more</em></p><script>x()</script>\
            <h2>Why<a class=\"anchor\" href=\"#why\">#</a></h2>&#x41;&#66;&bogus; &lt;";
        assert_eq!(html_text(html), " Intro & more   Why AB&bogus; <");
        assert_eq!(decode("a&amp;b&#39;&quot;"), "a&b'\"");
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
        // a linear congruential generator: the same texts every run
        let mut seed = 5usize;
        let mut pick = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            parts[(seed >> 33) % parts.len()]
        };
        for _ in 0..20_000 {
            let text: String = (0..6).map(|_| pick()).collect();
            let Some(lt) = text.find('<') else { continue };
            let tag = &text[lt..];
            let (end, breaks) = tag_end(tag);
            assert_eq!(!breaks, is_inline_reference(&tag[..end]), "{tag:?}");
            let gt = tag.find('>').map_or(tag.len(), |i| i + 1);
            assert_eq!(end, gt, "{tag:?}");
        }
    }
}
