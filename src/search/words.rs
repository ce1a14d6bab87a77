//! Words and snippets of text: the tokenizer, whose rule is [`scripts`](super::scripts)'s and
//! search.js's (its loop is in [`Scanner`]), and the excerpt shown under a result, taken from
//! text in pieces as [`each_piece`](crate::render::html_text::each_piece) yields it from HTML.

use super::intern::Key;
use super::scan::Scanner;
use crate::render::html_text::{HIGH, ONES};

/// Characters of section text kept for the snippet.
const EXCERPT: usize = 120;

/// The words of `text` as the index keeps them (see [`scripts`](super::scripts)): lowercase
/// runs of letters, marks and digits, apostrophes dropped ("don't" → "dont"), one-letter words
/// left out, and text in scripts written without spaces as pairs of characters. search.js's
/// `tokenize` gives the same words.
pub fn tokenize(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    Scanner::default().text(text, &mut |key: Key, long: &[u8]| {
        let word = match key.short_word() {
            Some((bytes, len)) => String::from_utf8_lossy(&bytes[..len]).into_owned(),
            None => String::from_utf8_lossy(long).into_owned(),
        };
        out.push(word);
    });
    out
}

/// The start of a text with its whitespace collapsed, as much as [`Excerpt::finish`] needs;
/// fed in pieces.
#[derive(Default)]
pub(super) struct Excerpt {
    text: String,
    chars: usize,
    space: bool,
}

impl Excerpt {
    /// Adds `piece`; false once there is enough text.
    pub fn feed(&mut self, piece: &str) -> bool {
        let bytes = piece.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if self.chars > EXCERPT {
                return false;
            }
            // nearly all text is ASCII words with single spaces between them: such a run is
            // the same collapsed as it is, so it is copied whole (a character at a time, the
            // checks and pushes cost several times the copy), as much as surely fits
            let room = EXCERPT.saturating_sub(self.chars + 1);
            let run = plain_run(&bytes[i..], room);
            if run > 0 {
                self.push_space();
                self.text.push_str(&piece[i..i + run]);
                self.chars += run;
                i += run;
                continue;
            }
            // `i` is on a char boundary: only whole chars were stepped over
            let c = piece[i..].chars().next().unwrap_or_default();
            i += c.len_utf8();
            if c.is_whitespace() {
                self.space = !self.text.is_empty();
            } else {
                self.push_space();
                self.text.push(c);
                self.chars += 1;
            }
        }
        self.chars <= EXCERPT
    }

    /// Before a visible character: room for the whole excerpt at once (rather than growing
    /// it a few times), and the space collapsed whitespace stands for.
    fn push_space(&mut self) {
        if self.text.capacity() == 0 {
            self.text.reserve(EXCERPT + 8);
        }
        if self.space {
            self.text.push(' ');
            self.chars += 1;
            self.space = false;
        }
    }

    /// True when the text is all whitespace.
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }

    /// The text cut after a word to at most [`EXCERPT`] characters, with `…` when cut.
    pub fn finish(mut self) -> String {
        if self.chars <= EXCERPT {
            return self.text;
        }
        let end = if self.text.len() == self.chars {
            EXCERPT // all ASCII: a byte per character
        } else {
            self.text.char_indices().nth(EXCERPT).map_or(0, |(i, _)| i)
        };
        let cut = self.text[..end].rfind(' ').unwrap_or(end);
        self.text.truncate(cut);
        self.text.push('…');
        self.text
    }
}

/// The length of the run of visible ASCII characters `bytes` starts with, single spaces
/// between them allowed (text that whitespace collapsing leaves as it is), at most `max`.
fn plain_run(bytes: &[u8], max: usize) -> usize {
    let bytes = &bytes[..bytes.len().min(max)];
    let mut n = 0;
    loop {
        // eight bytes at a time while all are plain (a paragraph's text nearly always is), then
        // one at a time where the eight-byte test stopped
        while let Some(eight) = bytes.get(n..n + 8) {
            let stop = not_plain(eight.try_into().map_or(0, u64::from_le_bytes), n == 0);
            if stop != 0 {
                n += stop.trailing_zeros() as usize / 8;
                break;
            }
            n += 8;
        }
        match bytes.get(n) {
            Some(&b) if b.is_ascii_graphic() => n += 1,
            Some(b' ') if n > 0 && bytes.get(n + 1).is_some_and(u8::is_ascii_graphic) => n += 2,
            _ => return n,
        }
    }
}

/// Bit 7 set in the bytes of `x` that may not be taken into a plain run as they stand: those
/// outside `' '..='~'`, and spaces not followed by a visible character in `x` (the last byte's
/// follower is unknown), nor preceded by one (the first byte's when `first` starts the run).
fn not_plain(x: u64, first: bool) -> u64 {
    let low = x & !HIGH;
    let at_least = |lo: u8| low + ONES * u64::from(0x80 - lo);
    let printable = at_least(b' ') & !at_least(0x7f) & !x & HIGH;
    let other = !printable & HIGH;
    // exactly the bytes equal to a space: their bits 0-6 are zero and bit 7 clear
    let z = x ^ (ONES * u64::from(b' '));
    let space = !(((z & !HIGH) + !HIGH) | z) & HIGH;
    let last = HIGH << 56;
    let first = if first { HIGH & 0x80 } else { 0 };
    other | (space & (((space | other) >> 8) | last | first))
}
/// The snippet of a plain text.
pub(super) fn excerpt(text: &str) -> String {
    let mut out = Excerpt::default();
    out.feed(text);
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::pick;

    #[test]
    fn tokenizes_like_the_script() {
        assert_eq!(
            tokenize("Don't delegate—coach! A 1:1 in Zürich, 2024."),
            ["dont", "delegate", "coach", "in", "zürich", "2024"]
        );
        assert_eq!(tokenize("İSTANBUL Ünal ÉÉ é"), ["i̇stanbul", "ünal", "éé"]);
        assert_eq!(tokenize("’tis o’Neil x’ 'a"), ["tis", "oneil"]);
        // vowel signs, viramas and nasal marks belong to their word
        assert_eq!(tokenize("हिंदी सीखें!"), ["हिंदी", "सीखें"]);
        assert_eq!(tokenize("ΛΌΓΟΣ λόγος"), ["λόγοσ", "λόγοσ"]);
        assert_eq!(tokenize("Straße 東京へ"), ["straße", "東京", "京へ", "へ"]);
        // skipped inside a word: soft hyphen, zero-width non-joiner
        assert_eq!(
            tokenize("co\u{ad}ach می\u{200c}خواهم"),
            ["coach", "میخواهم"]
        );
    }

    /// The excerpt a character at a time.
    fn reference_excerpt(pieces: &[&str]) -> String {
        let (mut text, mut chars, mut space) = (String::new(), 0, false);
        for c in pieces.iter().flat_map(|p| p.chars()) {
            if chars > EXCERPT {
                break;
            }
            if c.is_whitespace() {
                space = !text.is_empty();
                continue;
            }
            if space {
                text.push(' ');
                chars += 1;
                space = false;
            }
            text.push(c);
            chars += 1;
        }
        Excerpt { text, chars, space }.finish()
    }

    #[test]
    fn takes_excerpts_of_text_in_pieces_as_a_character_at_a_time() {
        let parts = [
            "word",
            " ",
            "\u{b}",
            "\t\n",
            "é",
            "\u{a0}",
            "ab,cd",
            "x",
            "  ",
            "—",
            "long-word.",
            "two words",
            " lead",
            "trail ",
            "a  b",
            "c \td",
            "e é",
        ];
        let mut seed = 3usize;
        for len in 0..2000 {
            let pieces: Vec<&str> = (0..len / 20).map(|_| pick(&mut seed, &parts)).collect();
            let mut ours = Excerpt::default();
            for piece in &pieces {
                if !ours.feed(piece) {
                    break;
                }
            }
            assert_eq!(ours.finish(), reference_excerpt(&pieces), "{pieces:?}");
        }
    }

    #[test]
    fn finds_plain_runs_eight_bytes_at_a_time_as_a_byte_at_a_time() {
        let reference = |bytes: &[u8]| {
            let mut n = 0;
            loop {
                match bytes.get(n) {
                    Some(&b) if b.is_ascii_graphic() => n += 1,
                    Some(b' ') if n > 0 && bytes.get(n + 1).is_some_and(u8::is_ascii_graphic) => {
                        n += 2
                    }
                    _ => return n,
                }
            }
        };
        let parts = [
            "ab", " ", "  ", "x", "\t", "\n", "é", "~", "\u{7f}", "word. ", "!",
        ];
        let mut seed = 9usize;
        for len in 0..3000 {
            let text: String = (0..len % 30).map(|_| pick(&mut seed, &parts)).collect();
            let bytes = text.as_bytes();
            for max in [usize::MAX, len % 17] {
                let cut = &bytes[..bytes.len().min(max)];
                assert_eq!(plain_run(bytes, max), reference(cut), "{text:?} {max}");
            }
        }
    }

    #[test]
    fn cuts_excerpts_after_a_word() {
        assert_eq!(excerpt("  Short \n\t text  "), "Short text");
        let long = "word ".repeat(30);
        let cut = excerpt(&long);
        assert!(cut.ends_with("word…"), "{cut}");
        assert_eq!(cut.chars().count(), 120);
        let exact = format!("{}abcd", "x".repeat(116));
        assert_eq!(excerpt(&exact), exact);
        assert_eq!(
            excerpt(&format!("{exact}e")),
            format!("{}…", "x".repeat(116) + "abcd")
        );
    }
}
