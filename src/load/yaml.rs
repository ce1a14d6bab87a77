//! YAML parsing with serde-saphyr, turning its errors into [`Diagnostic`]s an author can act on.
//!
//! The YAML may be a slice of a larger file (front matter, a directive's body), so callers pass
//! the file's full text and the line where the YAML starts; locations are shifted accordingly.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::{did_you_mean, Diagnostic};

mod layout;
pub use layout::merged_list_items;

/// Where a YAML fragment sits inside its file.
#[derive(Clone, Copy)]
pub struct Fragment<'a> {
    /// The file, relative to the course folder.
    pub file: &'a Path,
    /// The file's whole text, for showing the offending line.
    pub file_text: &'a str,
    /// 1-based line of the file where the fragment's first line is.
    pub first_line: usize,
    /// Columns the fragment is indented by inside the file (for indented blocks).
    pub indent: usize,
}

impl<'a> Fragment<'a> {
    /// A whole YAML file.
    pub fn whole(file: &'a Path, text: &'a str) -> Self {
        Fragment {
            file,
            file_text: text,
            first_line: 1,
            indent: 0,
        }
    }

    /// A diagnostic at a line/column of the fragment (both 1-based).
    pub fn diagnostic(&self, line: usize, column: usize, message: impl Into<String>) -> Diagnostic {
        let line = self.first_line + line.max(1) - 1;
        Diagnostic::at(
            self.file,
            self.file_text,
            line,
            column + self.indent,
            message,
        )
    }
}

/// Parses `yaml` as `T`, or explains what is wrong where.
pub fn parse<T: DeserializeOwned>(yaml: &str, at: Fragment) -> Result<T, Diagnostic> {
    serde_saphyr::from_str::<T>(yaml).map_err(|e| {
        let (line, column) = e
            .location()
            .map_or((1, 1), |l| (l.line() as usize, l.column() as usize));
        let raw = e.without_snippet().to_string();
        let raw = strip_location(&raw);
        let explained = layout::explain(raw, yaml, line, column);
        let (line, column, message, help) = match explained {
            Some(e) => (e.line, e.column, e.message, Some(e.help)),
            None => {
                let (message, help) = explain(raw);
                (line, column, message, help)
            }
        };
        let d = at.diagnostic(line, column, message);
        match help {
            Some(h) => d.help(h),
            None => d,
        }
    })
}

/// True when `yaml` holds nothing but blank lines and comments.
pub fn is_blank(yaml: &str) -> bool {
    yaml.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#')
    })
}

/// saphyr appends " at line L, column C"; we show the place ourselves.
fn strip_location(raw: &str) -> &str {
    match raw.rfind(" at line ") {
        Some(i) => &raw[..i],
        None => raw,
    }
}

/// Rewords serde/saphyr messages in an author's terms, with a hint how to fix them.
fn explain(raw: &str) -> (String, Option<String>) {
    if let Some(rest) = raw.strip_prefix("unknown field `") {
        return explain_unknown_key(rest);
    }
    if let Some(field) = raw
        .strip_prefix("missing field `")
        .and_then(|r| r.strip_suffix('`'))
    {
        return (
            format!("the required key `{field}` is missing"),
            Some(format!(
                "add a line `{field}: …` to this block, lined up with its other keys"
            )),
        );
    }
    if let Some(rest) = raw.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(", set ").next().unwrap_or(rest);
        return (
            format!("the key `{key}` appears twice"),
            Some("remove one of the two, or rename it".into()),
        );
    }
    if raw.starts_with("unclosed bracket") {
        return (
            "this `[` list is never closed".into(),
            Some("add the closing `]`, or put quotes around text that starts with `[`".into()),
        );
    }
    if raw.starts_with("unclosed brace") {
        return (
            "this `{` is never closed".into(),
            Some("add the closing `}`, or put quotes around text that starts with `{`".into()),
        );
    }
    if raw.starts_with("invalid trailing content after") {
        return (
            "there is more text after the closing quote".into(),
            Some("quote the whole text; inside single quotes write an apostrophe twice (`'It''s mine'`), or use double quotes (`\"It's mine\"`)".into()),
        );
    }
    let (message, help) = match raw {
        "alias references unknown anchor" => (
            "text starting with `*` is read as a YAML alias, and there is no anchor of that name",
            "put the text in quotes, e.g. `title: \"*Important*\"`",
        ),
        "expected string scalar" => ("expected text here", "write plain text, in quotes if it contains `: ` or starts with `[`, `{` or `-`"),
        "invalid i64" | "invalid u32" | "invalid u64" | "invalid i32" => (
            "expected a whole number here",
            "write a number such as `10`",
        ),
        "invalid bool" | "invalid boolean" => ("expected true or false here", "write `true` or `false`"),
        "unexpected end of input" => (
            "the YAML ends before it is complete",
            "finish the last entry, or close the bracket or quote it opened",
        ),
        "unclosed quote" => ("this quoted text is never closed", "add the closing quote at the end of the text"),
        "expected mapping start" => (
            "expected keys and values here (`key: value` lines)",
            "write one `key: value` per line",
        ),
        "expected sequence start" => (
            "expected a list here",
            "write one `- item` per line, or `[a, b]`",
        ),
        "mapping values are not allowed in this context" => (
            "a `key: value` is in a place where it is not allowed (often wrong indentation, or an unquoted `: ` inside text)",
            "line the key up with the keys above it, or put the text in quotes",
        ),
        _ if raw.contains("tab") => (
            "a tab is used here, but YAML indentation must be spaces",
            "replace the tab with spaces (most editors can show tabs and convert them)",
        ),
        _ => return (raw.to_string(), Some("check the YAML syntax on this line".into())),
    };
    (message.to_string(), Some(help.to_string()))
}

fn explain_unknown_key(rest: &str) -> (String, Option<String>) {
    let (key, expected) = rest.split_once('`').unwrap_or((rest, ""));
    let allowed: Vec<&str> = expected
        .trim_start_matches(", expected one of ")
        .trim_start_matches(", expected ")
        .split(", ")
        .map(|s| s.trim_matches('`'))
        .filter(|s| !s.is_empty())
        .collect();
    let message = format!("unknown key `{key}`");
    let help = match did_you_mean(key, &allowed) {
        Some(s) => format!("did you mean `{s}`?"),
        None if !allowed.is_empty() => format!("allowed keys: {}", allowed.join(", ")),
        None => "remove this key".to_string(),
    };
    (message, Some(help))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Meta {
        title: String,
        weight: Option<i64>,
    }

    fn err(yaml: &str) -> Diagnostic {
        let at = Fragment {
            file: Path::new("a.md"),
            file_text: &format!("---\n{yaml}---\n"),
            first_line: 2,
            indent: 0,
        };
        parse::<Meta>(yaml, at).unwrap_err()
    }

    #[test]
    fn unknown_key_gets_a_hint_and_shifted_line() {
        let d = err("title: a\ntilte: b\n");
        assert_eq!(d.message, "unknown key `tilte`");
        assert_eq!(d.help.as_deref(), Some("did you mean `title`?"));
        assert_eq!((d.line, d.column), (Some(3), Some(1)));
    }

    #[test]
    fn wrong_type_is_explained() {
        let d = err("title: x\nweight: high\n");
        assert_eq!(d.message, "expected a whole number here");
        assert_eq!((d.line, d.column), (Some(3), Some(9)));
    }
}
