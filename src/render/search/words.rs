//! Words and snippets of text: the tokenizer that search.js mirrors, and the excerpt shown
//! under a result. Both take text in pieces, as [`super::text::each_piece`] yields it from
//! HTML, so a page's text is never copied out of its HTML first.

/// Characters of section text kept for the snippet.
const EXCERPT: usize = 120;

/// Lowercase words of letters and digits; apostrophes inside words are dropped ("don't" →
/// "dont"); one-letter words are left out. search.js tokenizes queries the same way.
pub fn tokenize(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut buf = String::new();
    let mut split = Splitter::new(&buf);
    let mut keep = |buf: &mut String, start: usize| {
        out.push(buf[start..].to_string());
        buf.truncate(start);
    };
    split.feed(&mut buf, text, &mut keep);
    split.end(&mut buf, &mut keep);
    out
}

/// Splits text into words as [`tokenize`] does, appending each word, lowercased, to a
/// `String`; the text may come in pieces, a word running on from one piece into the next.
/// Each finished word of two letters or more is handed to a callback as `(out, start)`: the
/// word is `out[start..]`, and the callback may keep it there or cut it off.
pub(super) struct Splitter {
    /// where the current word starts in `out`
    start: usize,
    /// letters in the current word
    chars: usize,
}

impl Splitter {
    pub fn new(out: &str) -> Self {
        Splitter {
            start: out.len(),
            chars: 0,
        }
    }

    pub fn feed(
        &mut self,
        out: &mut String,
        text: &str,
        word: &mut impl FnMut(&mut String, usize),
    ) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            // course text is mostly ASCII: a run of ASCII letters and digits is copied at once
            if b.is_ascii_alphanumeric() {
                let run = bytes[i..]
                    .iter()
                    .position(|b| !b.is_ascii_alphanumeric())
                    .unwrap_or(bytes.len() - i);
                let at = out.len();
                out.push_str(&text[i..i + run]);
                out[at..].make_ascii_lowercase();
                self.chars += run;
                i += run;
                continue;
            }
            let joins = if b.is_ascii() {
                i += 1;
                b == b'\''
            } else {
                // `i` is on a char boundary: only whole chars were stepped over
                let c = text[i..].chars().next().unwrap_or_default();
                i += c.len_utf8();
                if c.is_alphanumeric() {
                    for lower in c.to_lowercase() {
                        out.push(lower);
                        self.chars += 1;
                    }
                    continue;
                }
                c == '’'
            };
            // an apostrophe inside a word: "don't" is one word
            if !(joins && self.chars > 0) {
                self.end(out, word);
            }
        }
    }

    /// Ends the current word, if any.
    pub fn end(&mut self, out: &mut String, word: &mut impl FnMut(&mut String, usize)) {
        if self.chars > 1 {
            word(out, self.start);
        } else {
            out.truncate(self.start);
        }
        self.start = out.len();
        self.chars = 0;
    }
}

/// The start of a text with its whitespace collapsed, as much as [`Excerpt::finish`] needs;
/// fed in pieces like [`Splitter`].
#[derive(Default)]
pub(super) struct Excerpt {
    text: String,
    chars: usize,
    space: bool,
}

impl Excerpt {
    /// Adds `piece`; false once there is enough text.
    pub fn feed(&mut self, piece: &str) -> bool {
        for c in piece.chars() {
            if self.chars > EXCERPT {
                return false;
            }
            if c.is_whitespace() {
                self.space = !self.text.is_empty();
                continue;
            }
            if self.space {
                self.text.push(' ');
                self.chars += 1;
                self.space = false;
            }
            self.text.push(c);
            self.chars += 1;
        }
        self.chars <= EXCERPT
    }

    /// True when the text is all whitespace.
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }

    /// The text cut after a word to at most [`EXCERPT`] characters, with `…` when cut.
    pub fn finish(self) -> String {
        if self.chars <= EXCERPT {
            return self.text;
        }
        let end = self.text.char_indices().nth(EXCERPT).map_or(0, |(i, _)| i);
        let cut = &self.text[..end];
        let cut = cut.rsplit_once(' ').map_or(cut, |(a, _)| a);
        format!("{cut}…")
    }
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

    #[test]
    fn tokenizes_like_the_script() {
        assert_eq!(
            tokenize("Don't delegate—coach! A 1:1 in Zürich, 2024."),
            ["dont", "delegate", "coach", "in", "zürich", "2024"]
        );
        assert_eq!(tokenize("İSTANBUL Ünal ÉÉ é"), ["i̇stanbul", "ünal", "éé"]);
        assert_eq!(tokenize("’tis o’Neil x’ 'a"), ["tis", "oneil"]);
    }

    #[test]
    fn joins_words_across_pieces() {
        let mut out = String::new();
        let mut words = Vec::new();
        let mut split = Splitter::new(&out);
        let mut keep = |out: &mut String, start: usize| words.push(out[start..].to_string());
        for piece in ["Co", "ACH", " a ", "don", "’", "t"] {
            split.feed(&mut out, piece, &mut keep);
        }
        split.end(&mut out, &mut keep);
        assert_eq!(words, ["coach", "dont"]);
        assert_eq!(out, "coachdont");
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
