//! The tokenizer's inner loop: text (plain, or HTML whose tags are dropped and entities
//! decoded as [`html_text`](crate::render::html_text) reads them) split into lowercase words
//! in one pass over its bytes, each word handed to a sink by its [`Key`].
//!
//! This is the most run code of a build (every word of every page), hence one loop with fast
//! paths rather than pieces of text passed through callbacks: a word that is a run of ASCII
//! letters and digits on its own (nearly every word) is keyed where it stands, without being
//! copied; other words are built up lowercased, and tags and entities are handled where they
//! are met. A word with characters other than ASCII is finished by
//! [`scripts::each_word`](super::scripts::each_word) (NFC, scripts written without spaces):
//! the rule is [`scripts`](super::scripts)'s, the same as search.js's.

use super::intern::{Key, SHORT};
use super::scripts::{each_word, is_skipped, is_word_char, lower};
use crate::render::html_text::{entity_at, tag_end, HIGH, ONES};

/// Where a [`Scanner`] hands the words it finds: each word's [`Key`] and, for a word longer
/// than [`SHORT`] bytes, its bytes. A trait rather than only closures so that the index's sink,
/// called for every word of the course, can be inlined into the scanning loop.
pub(super) trait Words {
    fn word(&mut self, key: Key, long: &[u8]);
}

impl<F: FnMut(Key, &[u8])> Words for F {
    fn word(&mut self, key: Key, long: &[u8]) {
        self(key, long)
    }
}

/// Splits texts into words, each handed to a sink as its [`Key`] and, for a word longer than
/// [`SHORT`] bytes, its bytes (lowercased). Reused from text to text (its buffer stays).
#[derive(Default)]
pub(super) struct Scanner {
    /// the current word, lowercased, when it is not read at once
    word: Vec<u8>,
    /// characters in the current word
    chars: usize,
    /// whether the current word has characters other than ASCII
    wide: bool,
}

impl Scanner {
    /// The words of plain text.
    pub fn text(&mut self, text: &str, sink: &mut impl Words) {
        self.scan::<false>(text, sink);
        self.end(sink);
    }

    /// The words of an HTML fragment: tags and entities are read as
    /// [`html_text`](crate::render::html_text::html_text) reads them.
    pub fn html(&mut self, html: &str, sink: &mut impl Words) {
        self.scan::<true>(html, sink);
        self.end(sink);
    }

    /// Ends the current word: a word of two characters or more goes to `sink`; one with
    /// characters other than ASCII goes as the words it makes (see [`each_word`]).
    fn end(&mut self, sink: &mut impl Words) {
        if self.wide {
            // only whole characters were pushed: the bytes are UTF-8
            let word = std::str::from_utf8(&self.word).unwrap_or_default();
            each_word(word, &mut |w: &str| {
                sink.word(Key::of(w.as_bytes()), w.as_bytes())
            });
        } else if self.chars > 1 {
            sink.word(Key::of(&self.word), &self.word);
        }
        self.word.clear();
        self.chars = 0;
        self.wide = false;
    }

    fn scan<const HTML: bool>(&mut self, text: &str, sink: &mut impl Words) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii_alphanumeric() {
                let run = alnum_run(&bytes[i..]);
                let (start, end) = (i, i + run);
                i = end;
                // the usual word, a run of ASCII on its own, is keyed where it stands
                if self.chars == 0 && ends_word::<HTML>(bytes.get(end)) {
                    let window = bytes.get(start..start + SHORT);
                    match window.and_then(|w| <&[u8; SHORT]>::try_from(w).ok()) {
                        _ if run < 2 => continue,
                        Some(window) if run <= SHORT => {
                            sink.word(Key::of_ascii(window, run), &[]);
                            continue;
                        }
                        _ => {}
                    }
                }
                let run_bytes = &bytes[start..end];
                self.word
                    .extend(run_bytes.iter().map(|b| b.to_ascii_lowercase()));
                self.chars += run;
            } else if HTML && b == b'<' {
                let (len, breaks) = tag_end(&text[i..]);
                i += len;
                if breaks {
                    self.end(sink);
                }
            } else if HTML && b == b'&' {
                let (c, len) = entity_at(&text[i..]);
                i += len;
                self.char(c, sink);
            } else if b.is_ascii() {
                i += 1;
                // an apostrophe is dropped, inside a word or not: "don't" is one word
                if b != b'\'' && self.chars > 0 {
                    self.end(sink);
                }
            } else {
                // `i` is on a char boundary: only whole chars were stepped over
                let c = text[i..].chars().next().unwrap_or_default();
                i += c.len_utf8();
                self.char(c, sink);
            }
        }
    }

    fn char(&mut self, c: char, sink: &mut impl Words) {
        if is_word_char(c) {
            for lower in lower(c) {
                let mut buf = [0; 4];
                self.word
                    .extend_from_slice(lower.encode_utf8(&mut buf).as_bytes());
                self.chars += 1;
            }
            self.wide |= !c.is_ascii();
        } else if !is_skipped(c) {
            self.end(sink);
        }
    }
}

/// Whether the byte after a run of ASCII letters and digits (none at the end of the text)
/// surely ends the word: an apostrophe, an entity, a tag (perhaps inline) or a non-ASCII
/// letter may carry it on.
fn ends_word<const HTML: bool>(next: Option<&u8>) -> bool {
    match next {
        None => true,
        Some(&b) => b.is_ascii() && b != b'\'' && !(HTML && (b == b'<' || b == b'&')),
    }
}

/// The length of the run of ASCII letters and digits `bytes` starts with, found eight bytes
/// at a time (a branch per byte costs a misprediction at the end of every word).
fn alnum_run(bytes: &[u8]) -> usize {
    let mut n = 0;
    while let Some(eight) = bytes.get(n..n + 8) {
        let others = !alnum_bytes(eight.try_into().map_or(0, u64::from_le_bytes)) & HIGH;
        if others != 0 {
            return n + others.trailing_zeros() as usize / 8;
        }
        n += 8;
    }
    let rest = &bytes[n..];
    n + (rest.iter())
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(rest.len())
}

/// Bit 7 of each byte set where that byte of `x` is an ASCII letter or digit. Each byte's
/// low seven bits plus `0x80 - lo` reach bit 7 exactly when they are `lo` or more, without
/// carrying into the next byte.
fn alnum_bytes(x: u64) -> u64 {
    let low = x & !HIGH;
    let at_least = |v: u64, lo: u8| v + ONES * u64::from(0x80 - lo);
    let digit = at_least(low, b'0') & !at_least(low, b'9' + 1);
    // setting bit 5 lowercases a letter, and makes no other byte a lowercase letter
    let folded = low | (ONES * 0x20);
    let letter = at_least(folded, b'a') & !at_least(folded, b'z' + 1);
    (digit | letter) & !x & HIGH
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_runs_of_letters_and_digits_eight_bytes_at_a_time() {
        for b in 0..=255u8 {
            // the byte in every place of an eight-byte word among letters
            for at in 0..8 {
                let mut bytes = *b"abcdefghijklmnopqrst";
                bytes[at] = b;
                let run = alnum_run(&bytes);
                let expected = if b.is_ascii_alphanumeric() { 20 } else { at };
                assert_eq!(run, expected, "byte {b} at {at}");
            }
        }
        assert_eq!(alnum_run(b"Zz09az AZ"), 6);
        assert_eq!(alnum_run(b""), 0);
    }
}
