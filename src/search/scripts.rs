//! What a word is, in every script: which characters make words and which are skipped
//! inside them, how a word is lowercased and normalised, and how the scripts written without
//! spaces between words (Chinese, Japanese, Thai, Lao, Khmer, Myanmar) are cut into pairs of
//! characters. search.js applies the same rule to queries; `tests/search_tokens.rs` runs that
//! script in Node and compares its words with these, text by text and character by character.
//!
//! The rule, on both sides:
//!
//! 1. A word is a run of letters, marks and numbers (`\p{L}\p{M}\p{N}`): the vowel signs and
//!    viramas of Indic scripts, Thai tone marks and combining accents belong to their word.
//!    Apostrophes (`'`, `’`), soft hyphens and zero-width (non-)joiners inside a run are
//!    dropped: "don't" is "dont", a Persian word is the same with or without its ZWNJ.
//! 2. Each character is lowercased on its own (`char::to_lowercase`, JavaScript's
//!    `toLowerCase` of the one character: both Unicode's default mapping, `İ` → `i̇`), final
//!    sigma `ς` is read as `σ` (so `ΛΌΓΟΣ` finds `λόγος`), and the word is put in NFC (so
//!    text saved decomposed and a query typed composed agree).
//! 3. The word is cut where it passes between a script written without spaces and any other
//!    (a mark goes with the character before it). A piece in another script is a word when it
//!    has two characters or more. A piece in a script without spaces is indexed as its
//!    overlapping pairs of characters followed by its last character alone: `日本語` gives
//!    `日本`, `本語`, `語`. Every piece of such text, however long, then gives words that are
//!    each the start of an indexed word (a query's words are matched by prefix): the text is
//!    found by any part of it, the query's pairs all required.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Whether `c` belongs to words: a letter, mark or number (`\p{L}\p{M}\p{N}`).
pub(super) fn is_word_char(c: char) -> bool {
    // Alphabetic is the letters, the letter-numbers and Other_Alphabetic: marks, and a few
    // symbols (circled and squared Latin letters) that are no letters
    (c.is_alphanumeric() || is_combining_mark(c)) && !is_lettered_symbol(c)
}

/// The symbols that Unicode counts as alphabetic (Other_Alphabetic) while they are neither
/// letters, marks nor numbers: circled, parenthesised and squared Latin letters.
fn is_lettered_symbol(c: char) -> bool {
    matches!(c, '\u{24B6}'..='\u{24E9}' | '\u{1F130}'..='\u{1F149}' | '\u{1F150}'..='\u{1F169}' | '\u{1F170}'..='\u{1F189}')
}

/// Characters dropped inside a word, which neither belong to it nor end it: apostrophes,
/// the soft hyphen and the zero-width non-joiner and joiner.
pub(super) fn is_skipped(c: char) -> bool {
    matches!(c, '\'' | '’' | '\u{AD}' | '\u{200C}' | '\u{200D}')
}

/// `c` lowercased as the index keeps it: final sigma as sigma.
pub(super) fn lower(c: char) -> impl Iterator<Item = char> {
    c.to_lowercase().map(|l| if l == 'ς' { 'σ' } else { l })
}

/// Whether `c` is of a script written without spaces between words, by block: Thai, Lao,
/// Myanmar, Khmer, the CJK radicals, symbols and punctuation block (its iteration and
/// repetition marks, `〇`), kana, CJK ideographs and compatibility ideographs, halfwidth
/// katakana, the kana supplements and the ideographs of planes 2 and 3. search.js lists the
/// same ranges.
pub(super) fn is_spaceless(c: char) -> bool {
    matches!(c,
        '\u{0E00}'..='\u{0EFF}'      // Thai, Lao
        | '\u{1000}'..='\u{109F}'    // Myanmar
        | '\u{1780}'..='\u{17FF}'    // Khmer
        | '\u{19E0}'..='\u{19FF}'    // Khmer symbols
        | '\u{2E80}'..='\u{2FDF}'    // CJK radicals, Kangxi radicals
        | '\u{3000}'..='\u{30FF}'    // CJK symbols, hiragana, katakana
        | '\u{31F0}'..='\u{31FF}'    // katakana phonetic extensions
        | '\u{3400}'..='\u{4DBF}'    // CJK extension A
        | '\u{4E00}'..='\u{9FFF}'    // CJK unified ideographs
        | '\u{A9E0}'..='\u{A9FF}'    // Myanmar extended B
        | '\u{AA60}'..='\u{AA7F}'    // Myanmar extended A
        | '\u{F900}'..='\u{FAFF}'    // CJK compatibility ideographs
        | '\u{FF66}'..='\u{FF9F}'    // halfwidth katakana
        | '\u{1B000}'..='\u{1B16F}'  // kana supplement and extensions
        | '\u{20000}'..='\u{3FFFF}' // CJK extensions B and later
    )
}

/// The words of `word`, a run of word characters already lowercased (rules 1 and 2 but NFC),
/// handed to `each` in order (rules 2 and 3).
pub(super) fn each_word(word: &str, each: &mut impl FnMut(&str)) {
    let composed: String;
    let word = if is_nfc_quick(word.chars()) == IsNormalized::Yes {
        word
    } else {
        composed = word.nfc().collect();
        &composed
    };
    let mut start = 0;
    let mut spaceless = None;
    for (i, c) in word.char_indices() {
        let here = match spaceless {
            Some(s) if is_combining_mark(c) => s,
            _ => is_spaceless(c),
        };
        if let Some(before) = spaceless.filter(|&s| s != here) {
            piece(&word[start..i], before, each);
            start = i;
        }
        spaceless = Some(here);
    }
    piece(&word[start..], spaceless == Some(true), each);
}

/// The words of one piece of a word, all in scripts written without spaces or none.
fn piece(piece: &str, spaceless: bool, each: &mut impl FnMut(&str)) {
    let mut chars = piece.char_indices().peekable();
    if !spaceless {
        if chars.nth(1).is_some() {
            each(piece);
        }
        return;
    }
    while let Some((i, _)) = chars.next() {
        match chars.peek() {
            Some(&(j, next)) => each(&piece[i..j + next.len_utf8()]),
            None => each(&piece[i..]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(word: &str) -> Vec<String> {
        let mut out = Vec::new();
        each_word(word, &mut |w| out.push(w.to_string()));
        out
    }

    #[test]
    fn cuts_scripts_without_spaces_into_pairs_and_a_last_character() {
        assert_eq!(words("日本語"), ["日本", "本語", "語"]);
        assert_eq!(words("語"), ["語"]);
        assert_eq!(
            words("unicode文字列2024年"),
            ["unicode", "文字", "字列", "列", "2024", "年"]
        );
        assert_eq!(words("x日"), ["日"]);
        assert_eq!(words("ภาษา"), ["ภา", "าษ", "ษา", "า"]);
        // a mark goes with the character before it, whatever its block
        assert_eq!(words("日\u{301}本"), ["日\u{301}", "\u{301}本", "本"]);
        assert_eq!(words(""), Vec::<String>::new());
    }

    #[test]
    fn composes_words_before_cutting_them() {
        assert_eq!(words("cafe\u{301}"), ["café"]);
        assert_eq!(words("e\u{301}"), Vec::<String>::new());
        // か + the combining voiced mark is が
        assert_eq!(words("か\u{3099}き"), ["がき", "き"]);
    }

    #[test]
    fn words_are_letters_marks_and_numbers() {
        for c in ['a', 'é', 'ि', '्', '\u{301}', '٣', 'Ⅻ', '日', 'ー', '々'] {
            assert!(is_word_char(c), "{c:?}");
        }
        for c in ['Ⓐ', '🅰', '-', ' ', '\'', '\u{200C}', '。', '、'] {
            assert!(!is_word_char(c), "{c:?}");
        }
    }
}
