//! Front matter: the YAML between `---` lines at the top of a Markdown file.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::fast_front;
use super::yaml::{self, Fragment};
use crate::error::Diagnostic;

/// The keys a lesson or module `_index.md` may set.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// Page title (required for lessons and the course home).
    #[serde(default)]
    pub title: Option<String>,
    /// Short summary, shown in lists and `<meta name=description>`.
    #[serde(default)]
    pub description: Option<String>,
    /// Orders pages whose numeric prefixes are equal (or absent).
    #[serde(default)]
    pub weight: Option<i64>,
    /// Drafts are left out unless `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// What the learner will be able to do.
    #[serde(default)]
    pub objectives: Vec<String>,
    /// How long the page takes, e.g. `10 min`.
    #[serde(default)]
    pub duration: Option<String>,
    /// A lesson whose quizzes make the course's score in an LMS package.
    #[serde(default)]
    pub assessment: bool,
    /// An assessment's pass mark as written, e.g. `80%` (checked by `model::assessment`).
    #[serde(default)]
    pub pass: Option<String>,
}

/// A Markdown file split into its front matter and body.
#[derive(Debug, Clone)]
pub struct Split {
    /// The parsed front matter (defaults when there is none).
    pub front: FrontMatter,
    /// Byte offset in the file's text where the Markdown body starts.
    pub body_start: usize,
}

/// Splits `text` (a whole `.md` file) and parses its front matter.
pub fn split(file: &Path, text: &str) -> Result<Split, Diagnostic> {
    split_with(file, text, fast_front::parse)
}

/// [`split`], with `fast` tried before the general YAML parser (tests compare both paths).
fn split_with(
    file: &Path,
    text: &str,
    fast: fn(&str) -> Option<FrontMatter>,
) -> Result<Split, Diagnostic> {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[bom..];
    if first_line(rest) != "---" {
        return Ok(Split {
            front: FrontMatter::default(),
            body_start: bom,
        });
    }
    let yaml_start = bom + rest.find('\n').map_or(rest.len(), |i| i + 1);
    let (yaml_end, body_start) = find_closing(text, yaml_start).ok_or_else(|| {
        Diagnostic::at(file, text, 1, 1, "the front matter is never closed")
            .help("add a line with just `---` after the last front matter key")
    })?;
    let yaml_text = &text[yaml_start..yaml_end];
    let front = if yaml_text.trim().is_empty() {
        FrontMatter::default()
    } else if let Some(front) = fast(yaml_text) {
        front
    } else {
        let at = Fragment {
            file,
            file_text: text,
            first_line: 2,
            indent: 0,
        };
        yaml::parse::<FrontMatter>(yaml_text, at)?
    };
    Ok(Split { front, body_start })
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or("").trim_end()
}

/// Finds the closing `---` line: (end of the YAML, start of the body).
fn find_closing(text: &str, from: usize) -> Option<(usize, usize)> {
    let mut pos = from;
    for line in text[from..].split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Some((pos, pos + line.len()));
        }
        pos += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn splits_front_matter_with_crlf_and_bom() {
        let text = "\u{feff}---\r\ntitle: Hi\r\nweight: 2\r\n---\r\n# Body\r\n";
        let s = split(Path::new("a.md"), text).unwrap();
        assert_eq!(s.front.title.as_deref(), Some("Hi"));
        assert_eq!(s.front.weight, Some(2));
        assert_eq!(&text[s.body_start..], "# Body\r\n");
    }

    #[test]
    fn no_front_matter_is_fine() {
        let s = split(Path::new("a.md"), "# Just text\n").unwrap();
        assert!(s.front.title.is_none());
        assert_eq!(s.body_start, 0);
    }

    #[test]
    fn unclosed_front_matter_points_at_line_one() {
        let d = split(Path::new("a.md"), "---\ntitle: x\n").unwrap_err();
        assert_eq!(d.message, "the front matter is never closed");
        assert_eq!(d.line, Some(1));
    }

    /// Every Markdown file of the repository's courses (and the benchmark course, when it is
    /// there) splits the same with and without the fast path: same front matter, same body,
    /// same error.
    #[test]
    fn fast_path_agrees_with_the_general_parser_on_real_files() {
        let here = Path::new(env!("CARGO_MANIFEST_DIR"));
        let roots = [
            here.join("content"),
            here.join("tests"),
            PathBuf::from("/work/bench/c1k/content"),
        ];
        let (mut files, mut fast) = (0, 0);
        for entry in roots.iter().flat_map(walkdir::WalkDir::new) {
            let Ok(entry) = entry else { continue };
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "md") {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            let with = split_with(path, &text, fast_front::parse);
            let without = split_with(path, &text, |_| None);
            assert_eq!(
                format!("{with:?}"),
                format!("{without:?}"),
                "{}",
                path.display()
            );
            files += 1;
            fast += usize::from(front_yaml(&text).is_some_and(|y| fast_front::parse(y).is_some()));
        }
        assert!(files > 200, "only {files} files found");
        assert!(
            fast * 2 > files,
            "the fast path took only {fast} of {files} files"
        );
    }

    /// The YAML between the fences, when the file has front matter.
    fn front_yaml(text: &str) -> Option<&str> {
        let rest = text.strip_prefix("---\n")?;
        let end = rest.find("\n---")?;
        Some(&rest[..end + 1])
    }
}
