//! Text for the search index: rendered HTML split into sections at its `h2`/`h3` headings,
//! tags stripped and entities decoded, and the tokenizer that search.js mirrors.

/// Characters of section text kept for the snippet.
const EXCERPT: usize = 120;

/// Lowercase words of letters and digits; apostrophes inside words are dropped ("don't" →
/// "dont"); one-letter words are left out. search.js tokenizes queries the same way.
pub fn tokenize(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_token(text, &mut String::new(), |w| out.push(w.to_string()));
    out
}

/// Calls `f` with each word of `text` as [`tokenize`] splits it, in one reused buffer.
/// Works on bytes: course text is mostly ASCII, and a byte needs no char decoding.
pub fn each_token(text: &str, word: &mut String, mut f: impl FnMut(&str)) {
    word.clear();
    // chars in `word`: one-letter words are left out
    let mut chars = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let joins = if b.is_ascii() {
            i += 1;
            if b.is_ascii_alphanumeric() {
                word.push(char::from(b.to_ascii_lowercase()));
                chars += 1;
                continue;
            }
            b == b'\''
        } else {
            // `i` is on a char boundary: every byte before it was a whole ASCII char or char
            let c = text[i..].chars().next().unwrap_or_default();
            i += c.len_utf8();
            if c.is_alphanumeric() {
                for lower in c.to_lowercase() {
                    word.push(lower);
                    chars += 1;
                }
                continue;
            }
            c == '’'
        };
        if joins && chars > 0 {
            // inside a word: "don't" is one word
            continue;
        }
        if chars > 1 {
            f(word);
        }
        word.clear();
        chars = 0;
    }
    if chars > 1 {
        f(word);
    }
}

pub(super) fn excerpt(source: &str) -> String {
    // whitespace collapsed, and no more of it than the snippet can use
    let mut text = String::new();
    let mut chars = 0;
    for word in source.split_whitespace() {
        if !text.is_empty() {
            text.push(' ');
            chars += 1;
        }
        text.push_str(word);
        chars += word.chars().count();
        if chars > EXCERPT {
            break;
        }
    }
    if text.chars().count() <= EXCERPT {
        return text;
    }
    let cut: String = text.chars().take(EXCERPT).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{cut}…")
}

/// A section of a page's HTML: the part before the first heading has no anchor.
pub(super) struct Section {
    pub anchor: String,
    pub heading: String,
    pub text: String,
}

/// Splits rendered HTML at its `h2` and `h3` headings.
pub(super) fn sections(html: &str) -> Vec<Section> {
    let mut out = Vec::new();
    let mut rest = html;
    let mut current = Section {
        anchor: String::new(),
        heading: String::new(),
        text: String::new(),
    };
    while let Some((start, level)) = next_heading(rest) {
        current.text = html_text(&rest[..start]);
        let after = &rest[start + 8..];
        let id_end = after.find('"').unwrap_or(0);
        let close = format!("</h{level}>");
        let end = after.find(&close).unwrap_or(after.len());
        let inner = &after[(id_end + 1).min(end)..end];
        let inner = inner.split("<a class=\"anchor\"").next().unwrap_or("");
        let heading = html_text(inner.trim_start_matches('>'));
        let done = std::mem::replace(
            &mut current,
            Section {
                anchor: decode(&after[..id_end]),
                heading,
                text: String::new(),
            },
        );
        if !done.anchor.is_empty() || !done.text.trim().is_empty() {
            out.push(done);
        }
        rest = &after[(end + close.len()).min(after.len())..];
    }
    current.text = html_text(rest);
    if !current.anchor.is_empty() || !current.text.trim().is_empty() {
        out.push(current);
    }
    out
}

/// Byte offset and level of the next `<h2 id="` or `<h3 id="`.
fn next_heading(html: &str) -> Option<(usize, char)> {
    let bytes = html.as_bytes();
    let mut from = 0;
    // a one-byte search runs on memchr, faster than searching for "<h"
    while let Some(i) = html[from..].find('<') {
        let at = from + i;
        let tail = &bytes[at..];
        if tail.len() > 3
            && tail[1] == b'h'
            && matches!(tail[2], b'2' | b'3')
            && tail[3..].starts_with(b" id=\"")
        {
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
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        decode_into(&mut out, &rest[..lt]);
        let tag = &rest[lt..];
        let skip_to = [
            ("<script", "</script>"),
            ("<style", "</style>"),
            ("<a class=\"anchor\"", "</a>"),
        ]
        .iter()
        .find(|(open, _)| tag.starts_with(open))
        .map(|(_, close)| *close);
        let end = match skip_to {
            Some(close) => tag.find(close).map(|i| i + close.len()),
            None => tag.find('>').map(|i| i + 1),
        };
        let end = end.unwrap_or(tag.len());
        if !is_inline_tag(&tag[..end]) {
            out.push(' ');
        }
        rest = &tag[end..];
    }
    decode_into(&mut out, rest);
    out
}

fn is_inline_tag(tag: &str) -> bool {
    let name = tag.trim_start_matches('<').trim_start_matches('/');
    let len = name
        .bytes()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(name.len());
    matches!(
        &name[..len],
        "a" | "em" | "strong" | "code" | "del" | "span" | "mark" | "sup" | "sub" | "b" | "i"
    )
}

/// Decodes the entities pulldown-cmark and our escaping produce, and numeric ones.
fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    decode_into(&mut out, text);
    out
}

/// [`decode`], appending to `out`.
fn decode_into(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        let semi = tail.find(';').filter(|&i| i <= 10);
        let decoded = semi.and_then(|i| entity(&tail[1..i]));
        match (semi, decoded) {
            (Some(i), Some(c)) => {
                out.push(c);
                rest = &tail[i + 1..];
            }
            _ => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
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
    fn tokenizes_like_the_script() {
        assert_eq!(
            tokenize("Don't delegate—coach! A 1:1 in Zürich, 2024."),
            ["dont", "delegate", "coach", "in", "zürich", "2024"]
        );
        assert_eq!(tokenize("İSTANBUL Ünal ÉÉ é"), ["i̇stanbul", "ünal", "éé"]);
    }

    #[test]
    fn splits_sections_and_strips_tags() {
        let html = "<p>Intro &amp; more</p>\n<h2 id=\"why-it-matters\">Why <em>it</em> matters<a class=\"anchor\" href=\"#why-it-matters\">#</a></h2>\n<p>Because.</p><h4 id=\"x\">Small</h4><p>Still here</p>";
        let s = sections(html);
        assert_eq!(s.len(), 2);
        assert_eq!(
            (s[0].anchor.as_str(), s[0].text.trim()),
            ("", "Intro & more")
        );
        assert_eq!(s[1].anchor, "why-it-matters");
        assert_eq!(s[1].heading.trim(), "Why it matters");
        assert_eq!(tokenize(&s[1].text), ["because", "small", "still", "here"]);
    }
}
