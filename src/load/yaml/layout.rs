//! Indentation and tabs in YAML, explained from the text itself: the parser's phrases ("while
//! parsing a block mapping, did not find expected key") become what the author did and how to
//! fix it, a tab is pointed at where it is, and a list item that an over-indented `- ` line ran
//! into is found (a warning: the YAML is valid, it just does not say what was meant).

use std::path::Path;

use crate::error::Diagnostic;

/// A parse error restated: where (1-based, in the YAML), what and how to fix it.
pub(super) struct Explained {
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub help: String,
}

/// The parser's message `raw` at `line`:`column` of `yaml`, restated when it is about
/// indentation or tabs; `None` for any other problem.
pub(super) fn explain(raw: &str, yaml: &str, line: usize, column: usize) -> Option<Explained> {
    if raw.contains("found a tab") || raw.contains("tabs disallowed") {
        return Some(tab(yaml, line, column));
    }
    let lines: Vec<&str> = yaml.lines().collect();
    let this = *lines.get(line.checked_sub(1)?)?;
    let above = lines[..line - 1].iter().rev().find(|l| is_content(l))?;
    match raw {
        "while parsing a block mapping, did not find expected key"
        | "mapping values are not allowed in this context" => key_indent(this, above, line),
        "while parsing a block collection, did not find expected '-' indicator" => {
            Some(not_an_item(this, line))
        }
        _ => None,
    }
}

/// A tab: pointed at the first one from the reported line on (the parser reports some at the
/// end of the line before).
fn tab(yaml: &str, line: usize, column: usize) -> Explained {
    let from: usize = yaml
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let (line, column) = match yaml.get(from..).and_then(|rest| rest.find('\t')) {
        Some(i) => crate::error::line_col(yaml, from + i),
        None => (line, column),
    };
    Explained {
        line,
        column,
        message: "a tab is used here, but YAML indentation must be spaces".into(),
        help: "replace the tab with spaces (most editors can show tabs and convert them)".into(),
    }
}

/// A key indented more (or less) than the key above it, which is not its parent.
fn key_indent(this: &str, above: &str, line: usize) -> Option<Explained> {
    let (here, there) = (indent(this), indent(above));
    let key = this.trim_start().split(':').next().unwrap_or("").trim();
    let above_key = above.trim_start().split(':').next().unwrap_or("").trim();
    let (message, help) = if here > there {
        (
            "this line is indented more than the key above it".to_string(),
            format!("start `{key}:` in the same column as `{above_key}:` ({}); only the keys inside a block, under a line ending with `:`, are indented more", column_words(there)),
        )
    } else if here < there {
        (
            "this line is indented less than the key above it, but not as little as any key before".to_string(),
            format!("line `{key}:` up with `{above_key}:` ({}) to keep it in the same block, or with the key that holds the block to start a new one", column_words(there)),
        )
    } else {
        return None; // same indentation: an unquoted `: ` in text, explained elsewhere
    };
    Some(Explained {
        line,
        column: here + 1,
        message,
        help,
    })
}

/// A line among list items that is not one.
fn not_an_item(this: &str, line: usize) -> Explained {
    Explained {
        line,
        column: indent(this) + 1,
        message: "this line is not a list item, but the lines above it are".into(),
        help: "start it with `- ` like the items above; if it is a new key, line it up with the key that holds the list".into(),
    }
}

/// Warnings for `- ` lines indented more than the plain list item above them: YAML reads such a
/// line as more text of that item (`- a` then `   - b` is the one item `a - b`). `text` is the
/// file's text up to where the YAML ends (its line numbers are the file's).
pub fn merged_list_items(file: &Path, text: &str) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let mut item: Option<(usize, &str)> = None; // the dash's indent, the item's text
    for (i, line) in text.lines().enumerate() {
        if !is_content(line) {
            continue;
        }
        let dash = indent(line);
        let rest = &line[dash..];
        if let Some((above, first)) =
            item.filter(|(above, _)| dash > *above && rest.starts_with("- "))
        {
            let merged = format!("{first} {}", rest.trim_end());
            let d = Diagnostic::at(file, text, i + 1, dash + 1, format!("this `- ` line is indented more than the item above it, so YAML reads both as one item: `{merged}`"));
            warnings.push(d.help(format!("start this `-` in the same column as the one above ({}) to make it an item of its own", column_words(above))));
            continue;
        }
        item = rest
            .strip_prefix("- ")
            .filter(|t| is_plain(t))
            .map(|t| (dash, t.trim()));
    }
    warnings
}

/// Plain text that a deeper line would continue (not a `key: value`, a quoted or flow value,
/// or a block scalar).
fn is_plain(text: &str) -> bool {
    let text = text.trim();
    !text.is_empty()
        && !text.starts_with(['"', '\'', '[', '{', '|', '>', '&', '*', '#'])
        && !text.contains(": ")
        && !text.ends_with(':')
}

/// Where a line indented by `spaces` starts, in words.
fn column_words(spaces: usize) -> String {
    match spaces {
        0 => "at the start of the line".into(),
        1 => "after 1 space".into(),
        n => format!("after {n} spaces"),
    }
}

fn is_content(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && !t.starts_with('#')
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn explained(raw: &str, yaml: &str, line: usize, column: usize) -> (usize, usize, String) {
        let e = explain(raw, yaml, line, column).expect("explained");
        (e.line, e.column, e.message)
    }

    #[test]
    fn a_tab_is_found_where_it_is() {
        let raw = "while scanning a plain scalar, found a tab";
        let got = explained(raw, "title: A\nbrand:\n  accent: x\n\tlogo: y\n", 3, 11);
        assert_eq!((got.0, got.1), (4, 1));
    }

    #[test]
    fn keys_indented_more_or_less_than_the_one_above() {
        let raw = "while parsing a block mapping, did not find expected key";
        let more = explained(raw, "title: \"A\"\n  weight: 2\n", 2, 3);
        assert_eq!(
            more,
            (
                2,
                3,
                "this line is indented more than the key above it".into()
            )
        );
        let less = explained(raw, "brand:\n    accent: x\n  logo: y\n", 3, 3);
        assert_eq!((less.0, less.1), (3, 3));
        assert!(
            less.2.starts_with("this line is indented less"),
            "{}",
            less.2
        );
    }

    #[test]
    fn an_over_indented_dash_merging_items_is_found() {
        let text = "---\nobjectives:\n  - Plan\n   - Agree\n  - Call: now\n     - deeper\n---\n";
        let found = merged_list_items(Path::new("a.md"), text);
        let places: Vec<_> = found.iter().map(|d| (d.line, d.column)).collect();
        assert_eq!(places, [(Some(4), Some(4))]);
        assert!(
            found[0].message.ends_with("`Plan - Agree`"),
            "{}",
            found[0].message
        );
    }
}
