//! A fast path for the common shape of front matter: a few `key: plain text` lines and a
//! `- item` list of `objectives`, all keys known.
//!
//! Why it exists: a general YAML parser (serde-saphyr) was about half of the time spent
//! loading a course, and nearly every lesson's front matter has this simple shape. This parser
//! accepts only a strict subset of YAML whose meaning is certain and returns `None` for
//! anything else (escapes, block scalars, comments, tabs, continuation lines, anchors, unknown
//! or repeated keys, empty values, numbers that are not plain decimals, words YAML may read as
//! null, booleans or numbers...). Then serde-saphyr parses the front matter as before, so every
//! edge case and every error message comes from the one general path.

use super::FrontMatter;

/// Characters that mean something special at the start of a YAML plain scalar.
const INDICATORS: &[char] = &[
    '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`',
    ' ',
];

/// Words that YAML (1.1 or 1.2) may read as null, a boolean or a number rather than text.
const SPECIAL_WORDS: &[&str] = &[
    "null", "true", "false", "yes", "no", "on", "off", "y", "n", "inf", "nan", "infinity",
];

#[derive(Clone, Copy)]
enum Key {
    Title,
    Description,
    Weight,
    Draft,
    Objectives,
    Duration,
}

impl Key {
    fn of(name: &str) -> Option<Key> {
        Some(match name {
            "title" => Key::Title,
            "description" => Key::Description,
            "weight" => Key::Weight,
            "draft" => Key::Draft,
            "objectives" => Key::Objectives,
            "duration" => Key::Duration,
            _ => return None,
        })
    }
}

/// Parses `yaml` (the lines between the `---` fences, each ending in a line break) when it
/// has the simple common shape; `None` means "use the general YAML parser".
pub(super) fn parse(yaml: &str) -> Option<FrontMatter> {
    let mut front = FrontMatter::default();
    let mut seen = [false; 6];
    let body = yaml.strip_suffix('\n')?;
    let mut lines = body
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .peekable();
    while let Some(line) = lines.next() {
        if line.is_empty() {
            continue;
        }
        let (name, value) = line.split_once(':')?;
        let key = Key::of(name)?;
        if std::mem::replace(&mut seen[key as usize], true) {
            return None;
        }
        if let Key::Objectives = key {
            if !value.is_empty() {
                return None;
            }
            front.objectives = list(&mut lines)?;
            continue;
        }
        let value = value.strip_prefix(' ')?;
        match key {
            Key::Title => front.title = Some(string(value)?),
            Key::Description => front.description = Some(string(value)?),
            Key::Duration => front.duration = Some(string(value)?),
            Key::Weight => front.weight = Some(integer(value)?),
            Key::Draft => front.draft = boolean(value)?,
            Key::Objectives => unreachable!("handled above"),
        }
    }
    Some(front)
}

/// The `- item` lines of a block list, all at the same indentation; at least one.
fn list<'a>(lines: &mut std::iter::Peekable<impl Iterator<Item = &'a str>>) -> Option<Vec<String>> {
    let mut items = Vec::new();
    let mut indent = None;
    while let Some(line) = lines.peek() {
        let trimmed = line.trim_start_matches(' ');
        let Some(item) = trimmed.strip_prefix("- ") else {
            break;
        };
        let width = line.len() - trimmed.len();
        if *indent.get_or_insert(width) != width {
            return None;
        }
        items.push(string(item)?);
        lines.next();
    }
    (!items.is_empty()).then_some(items)
}

/// A plain scalar that YAML can only read as this very text, or a quoted one without escapes.
fn string(value: &str) -> Option<String> {
    if let Some(text) = quoted(value) {
        return Some(text.to_string());
    }
    let text = plain(value)?;
    let first = text.chars().next()?;
    let surely_text = text.contains(' ')
        || (first.is_alphabetic() && !SPECIAL_WORDS.iter().any(|w| text.eq_ignore_ascii_case(w)));
    surely_text.then(|| text.to_string())
}

/// A plain decimal integer without sign tricks, leading zeros or separators.
fn integer(value: &str) -> Option<i64> {
    let digits = value.strip_prefix('-').unwrap_or(value);
    let simple = !digits.is_empty()
        && digits.len() <= 18
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'));
    if !simple || value == "-0" {
        return None;
    }
    value.parse().ok()
}

fn boolean(value: &str) -> Option<bool> {
    match value {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// The text inside `"…"` or `'…'` when the quotes hold no quote, backslash or unprintable
/// character (so there is nothing to unescape) and nothing follows the closing quote.
fn quoted(value: &str) -> Option<&str> {
    let quote = value.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let inner = value[1..].strip_suffix(quote)?;
    let simple =
        !inner.is_empty() && !inner.contains(['"', '\'', '\\']) && !inner.chars().any(unprintable);
    simple.then_some(inner)
}

fn unprintable(c: char) -> bool {
    c.is_control() || matches!(c, '\u{feff}' | '\u{fffe}' | '\u{ffff}')
}

/// `value` when it is a single-line plain scalar with no YAML syntax in it: it does not start
/// with an indicator, holds no `: ` or ` #`, does not end in a space or `:`, and has only
/// printable characters (no tabs).
fn plain(value: &str) -> Option<&str> {
    let first = value.chars().next()?;
    if INDICATORS.contains(&first) || value.ends_with([' ', ':']) {
        return None;
    }
    // One pass over the bytes (this runs for every value of every lesson).
    let bytes = value.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let next = bytes.get(i + 1).copied();
        let bad = match b {
            0..=0x1f | 0x7f => true,
            b':' => next == Some(b' '),
            b' ' => next == Some(b'#'),
            // U+0080..U+009F (C1 controls) are 0xC2 0x80..0x9F in UTF-8.
            0xc2 => matches!(next, Some(0x80..=0x9f)),
            // U+FEFF, U+FFFE and U+FFFF.
            0xef => matches!(&bytes[i + 1..], [0xbb, 0xbf, ..] | [0xbf, 0xbe | 0xbf, ..]),
            _ => false,
        };
        if bad {
            return None;
        }
    }
    Some(value)
}

#[cfg(test)]
mod tests;
