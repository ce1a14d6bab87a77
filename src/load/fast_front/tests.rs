//! Tests of the front-matter fast path: it agrees with serde-saphyr on generated inputs and
//! on every Markdown file in the repository.

use super::*;
use crate::load::yaml::{self, Fragment};
use std::path::Path;

/// What the general parser makes of `yaml` (as front matter), or `None` on an error.
fn general(yaml: &str) -> Option<FrontMatter> {
    let file_text = format!("---\n{yaml}---\n");
    let at = Fragment {
        file: Path::new("a.md"),
        file_text: &file_text,
        first_line: 2,
        indent: 0,
    };
    yaml::parse::<FrontMatter>(yaml, at).ok()
}

/// The fast path takes `yaml` and agrees with the general parser.
fn fast(yaml: &str) -> FrontMatter {
    let front = parse(yaml).unwrap_or_else(|| panic!("fast path declined {yaml:?}"));
    assert_eq!(Some(&front), general(yaml).as_ref(), "{yaml:?}");
    front
}

fn declined(yaml: &str) {
    assert_eq!(parse(yaml), None, "{yaml:?}");
}

#[test]
fn takes_plain_text_keys() {
    let f = fast("title: Lesson 4 — Outcome\ndescription: Why, and how.\nduration: 13 min\n");
    assert_eq!(f.title.as_deref(), Some("Lesson 4 — Outcome"));
    assert_eq!(f.description.as_deref(), Some("Why, and how."));
    assert_eq!(f.duration.as_deref(), Some("13 min"));
}

#[test]
fn takes_weight_and_draft() {
    let f = fast("weight: 12\ndraft: true\n");
    assert_eq!((f.weight, f.draft), (Some(12), true));
    assert_eq!(fast("weight: -3\ndraft: false\n").weight, Some(-3));
    assert_eq!(fast("weight: 0\n").weight, Some(0));
}

#[test]
fn takes_objective_lists_at_any_one_indentation() {
    for indent in ["", "  ", "    "] {
        let yaml =
            format!("objectives:\n{indent}- Name four ways\n{indent}- Choose tasks\ntitle: T\n");
        let f = fast(&yaml);
        assert_eq!(f.objectives, ["Name four ways", "Choose tasks"]);
        assert_eq!(f.title.as_deref(), Some("T"));
    }
}

#[test]
fn takes_blank_lines_and_crlf() {
    let f = fast("title: Hi\r\n\r\nweight: 2\r\n\n");
    assert_eq!((f.title.as_deref(), f.weight), (Some("Hi"), Some(2)));
}

#[test]
fn takes_yaml_punctuation_that_is_only_text() {
    let f = fast("title: C++ & Rust:a [tour] {of} x#1, *really*! http://x.y/z?a=b\n");
    assert_eq!(
        f.title.as_deref(),
        Some("C++ & Rust:a [tour] {of} x#1, *really*! http://x.y/z?a=b")
    );
}

#[test]
fn takes_quoted_text_without_escapes() {
    let f = fast("title: \"Steps 1 and 2: choose # and empower\"\nduration: '12'\n");
    assert_eq!(
        f.title.as_deref(),
        Some("Steps 1 and 2: choose # and empower")
    );
    assert_eq!(f.duration.as_deref(), Some("12"));
    assert_eq!(fast("objectives:\n  - 'a: b'\n").objectives, ["a: b"]);
}

#[test]
fn declines_quoted_text_with_escapes_or_more_after_it() {
    declined("title: \"a \\\" b\"\n");
    declined("title: \"tab\\t\"\n");
    declined("title: 'it''s'\n");
    declined("title: \"a\" b\n");
    declined("title: \"open\n");
    declined("title: \"\"\n");
    declined("weight: \"3\"\n");
    declined("draft: 'true'\n");
}

#[test]
fn declines_block_scalars_and_comments() {
    declined("description: >\n  folded\n");
    declined("description: |\n  literal\n");
    declined("# comment\ntitle: x\n");
    declined("title: x # comment\n");
    declined("title: &a x\n");
    declined("title: *a\n");
    declined("title: !tag x\n");
}

#[test]
fn declines_what_yaml_reads_as_other_than_text() {
    for value in [
        "~", "null", "True", "yes", "off", "12", "1.5", ".inf", "0x1f", "1e3", "-",
    ] {
        declined(&format!("title: {value}\n"));
    }
    for value in [
        "012",
        "+3",
        "1_000",
        "1.0",
        "-0",
        "ten",
        "99999999999999999999",
    ] {
        declined(&format!("weight: {value}\n"));
    }
    for value in ["yes", "True", "1", "on"] {
        declined(&format!("draft: {value}\n"));
    }
}

#[test]
fn declines_layout_it_does_not_understand() {
    declined("title: a\n  continued\n");
    declined("title: a\ncontinued\n");
    declined("title:\n");
    declined("title:  two spaces\n");
    declined("title:\tx\n");
    declined("title: trailing \n");
    declined("title: a: b\n");
    declined("title: ends:\n");
    declined("  title: indented\n");
    declined("title : x\n");
    declined("objectives: [a, b]\n");
    declined("objectives:\n");
    declined("objectives:\n  - a\n    - b\n");
    declined("objectives:\n  - a\n    more\n");
    declined("objectives:\n  - a\n\n  - b\n");
    declined("title: x\n   \n");
    declined("title: a\u{7}b\n");
    declined("title: no final line break");
}

#[test]
fn plain_text_declines_exactly_the_unprintable_characters() {
    let special = [
        '\u{feff}',
        '\u{fffe}',
        '\u{ffff}',
        '\u{fffd}',
        '\u{10000}',
        '\u{2028}',
    ];
    for c in (0..0x800u32).filter_map(char::from_u32).chain(special) {
        let value = format!("a{c}b");
        assert_eq!(plain(&value).is_none(), unprintable(c), "{c:?}");
    }
}

#[test]
fn declines_unknown_and_repeated_keys() {
    declined("tilte: x\n");
    declined("title: x\ntitle: y\n");
    declined("objectives:\n- a\nobjectives:\n- b\n");
}

/// Many generated front matters, mixing the shapes the fast path takes with ones it must
/// decline: whenever it answers, the general parser gives the same front matter.
#[test]
fn agrees_with_the_general_parser_on_generated_front_matter() {
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let (mut taken, mut total) = (0, 0);
    for _ in 0..20_000 {
        let mut yaml = String::new();
        let first = next(KEYS.len());
        for i in 0..1 + next(5) {
            // Mostly distinct keys, sometimes a repeated one.
            let key = KEYS[(first + i * (1 + next(12) / 11 * 5)) % KEYS.len()];
            yaml.push_str(&generated_entry(key, &mut next));
        }
        total += 1;
        if let Some(front) = parse(&yaml) {
            taken += 1;
            assert_eq!(Some(front), general(&yaml), "{yaml:?}");
        }
    }
    assert!(
        taken * 10 > total && taken < total,
        "{taken} of {total} taken"
    );
}

const KEYS: &[&str] = &[
    "title",
    "description",
    "duration",
    "weight",
    "draft",
    "objectives",
    "title",
    "weight",
    "description",
    "draft",
    "objectives",
    "tilte",
    "duration",
    "Title",
];
const SEPARATORS: &[&str] = &[":", ":  ", ":\t", " : "];
/// Values the fast path should take for text keys (most of them).
const GOOD: &[&str] = &[
    "Lesson 4 — Outcome",
    "Intro",
    "13 min",
    "1 h 30 min",
    "Why, and how:[x] {y}",
    "it's",
    "'a: b # c'",
    "\"Steps 1: x\"",
    "\"12\"",
    "'~'",
    "' pad '",
    "é accent",
    "日本語",
    "C++ & you",
    "a:b",
    "x#c",
    "true story",
    "null and void",
    "12 x",
];
/// Every kind of value, many of which the fast path must decline.
const VALUES: &[&str] = &[
    "Lesson 4 — Outcome",
    "Intro",
    "13 min",
    "1 h 30 min",
    "12",
    "-3",
    "0",
    "012",
    "true",
    "false",
    "yes",
    "No",
    "null",
    "~",
    "1.5",
    "1e3",
    ".nan",
    "inf",
    "NaN",
    "Infinity",
    "2001-12-14 21:59:43.10",
    "2001-12-14",
    "a: b",
    "a:b",
    "end:",
    "x # c",
    "x#c",
    "'q'",
    "\"q\"",
    "it's",
    "- item",
    "-x",
    "[a, b]",
    "a [b]",
    "{a}",
    "&a x",
    "*a",
    "!t x",
    "|",
    ">",
    "%x",
    "@x",
    "'it''s'",
    "\"a\\\"b\"",
    "\"a\" b",
    "\"open",
    "\"\"",
    "''",
    "`x`",
    "?x",
    "? x",
    ",x",
    "x,",
    "trailing ",
    "",
    "é accent",
    "日本語",
    "a\tb",
    "a\u{85}b",
    "a\u{a0}",
    "<< merge",
    "=",
    "0x10",
    "+1",
    "1_000",
    "C++ & you",
    "99999999999999999999",
    "-0",
    "Y",
    "n",
    "on",
    "OFF",
];

/// One `key: value` entry (or an objectives list, a comment or a blank line).
fn generated_entry(key: &str, next: &mut impl FnMut(usize) -> usize) -> String {
    match next(40) {
        0 => return "\n".into(),
        1 => return "# note\n".into(),
        _ => {}
    }
    let eol = ["\n", "\n", "\n", "\r\n"][next(4)];
    if key == "objectives" && next(4) > 0 {
        let indent = ["", "  ", "    ", " "][next(4)];
        let mut list = format!("{key}:{eol}");
        for i in 0..next(4) {
            let indent = if next(20) == 0 && i > 0 {
                "   "
            } else {
                indent
            };
            list.push_str(&format!("{indent}- {}{eol}", text_value(next)));
        }
        return list;
    }
    let separator = match next(20) {
        0 => SEPARATORS[next(SEPARATORS.len())],
        _ => ": ",
    };
    let value = match (key, next(3)) {
        ("weight", 1 | 2) => ["1", "-4", "30", "0"][next(4)],
        ("draft", 1 | 2) => ["true", "false"][next(2)],
        _ => text_value(next),
    };
    let continuation = if next(30) == 0 { "  more\n" } else { "" };
    format!("{key}{separator}{value}{eol}{continuation}")
}

fn text_value(next: &mut impl FnMut(usize) -> usize) -> &'static str {
    match next(3) {
        0 => VALUES[next(VALUES.len())],
        _ => GOOD[next(GOOD.len())],
    }
}
