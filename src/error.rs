//! Diagnostics: what every stage reports when the course is wrong.
//!
//! A [`Diagnostic`] names the file (relative to the course folder), the line and column when
//! there is one, what is wrong and how to fix it. [`Diagnostics`] collects several so that a
//! build reports every independent problem at once. Rendering uses `annotate-snippets` so the
//! offending line is shown under the location, the way compilers do.

use std::fmt;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// One problem in the course, with where it is and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// File relative to the course folder (or as given, when outside it).
    pub file: PathBuf,
    /// 1-based line, when the problem has a place in the file.
    pub line: Option<usize>,
    /// 1-based column (in characters), when known.
    pub column: Option<usize>,
    /// What is wrong, in plain words.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// The text of the offending line, shown under the location.
    pub source_line: Option<String>,
}

impl Diagnostic {
    /// A problem with a whole file.
    pub fn file(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            line: None,
            column: None,
            message: message.into(),
            help: None,
            source_line: None,
        }
    }

    /// A problem at a line and column of `source` (the file's full text).
    pub fn at(
        file: impl Into<PathBuf>,
        source: &str,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        let source_line = source
            .lines()
            .nth(line.saturating_sub(1))
            .map(str::to_owned);
        Diagnostic {
            line: Some(line.max(1)),
            column: Some(column.max(1)),
            source_line,
            ..Diagnostic::file(file, message)
        }
    }

    /// A problem at a byte offset of `source`.
    pub fn at_offset(
        file: impl Into<PathBuf>,
        source: &str,
        offset: usize,
        message: impl Into<String>,
    ) -> Self {
        let (line, column) = line_col(source, offset);
        Diagnostic::at(file, source, line, column, message)
    }

    /// Adds the "how to fix it" part.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// `file:line:col` (or less, when the place is not known).
    pub fn location(&self) -> String {
        let file = self.file.display();
        match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{file}:{l}:{c}"),
            (Some(l), None) => format!("{file}:{l}"),
            _ => file.to_string(),
        }
    }

    /// The diagnostic as one line of JSON, for editors' problem panels: `file`, `line`,
    /// `column` (1-based, `null` when unknown), `severity` (`error` or `warning`), `message`
    /// and `help` (`null` when there is none).
    pub fn to_json(&self, severity: Severity) -> String {
        #[derive(serde::Serialize)]
        struct Line<'a> {
            file: String,
            line: Option<usize>,
            column: Option<usize>,
            severity: &'a str,
            message: &'a str,
            help: Option<&'a str>,
        }
        let line = Line {
            file: self.file.to_string_lossy().replace('\\', "/"),
            line: self.line,
            column: self.column,
            severity: severity.name(),
            message: &self.message,
            help: self.help.as_deref(),
        };
        serde_json::to_string(&line).unwrap_or_default()
    }

    /// The diagnostic as a warning: the same place and help, for something that does not stop
    /// the build.
    pub fn as_warning(&self) -> String {
        self.render_at(Level::WARNING)
    }

    fn render(&self) -> String {
        self.render_at(Level::ERROR)
    }

    fn render_at(&self, level: Level) -> String {
        let path = self.file.display().to_string();
        let title = level.primary_title(self.message.as_str());
        let mut group = match (&self.source_line, self.line) {
            (Some(text), Some(line)) => {
                let span = column_span(text, self.column.unwrap_or(1));
                title.element(
                    Snippet::source(text.as_str())
                        .line_start(line)
                        .path(path.as_str())
                        .annotation(AnnotationKind::Primary.span(span)),
                )
            }
            _ => title.element(annotate_snippets::Origin::path(path.as_str())),
        };
        if let Some(help) = &self.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        let report: &[Group] = &[group];
        Renderer::plain().render(report).to_string()
    }
}

/// Whether a diagnostic stops the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// Byte range of the character at `column` (1-based) in `text`, for the caret.
fn column_span(text: &str, column: usize) -> std::ops::Range<usize> {
    let mut chars = text.char_indices().skip(column.saturating_sub(1));
    match chars.next() {
        Some((start, c)) => start..start + c.len_utf8(),
        None => text.len()..text.len(),
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.render().trim_end())
    }
}

/// Every problem a stage found; a build fails when this is not empty.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Adds one problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// Adds all problems of another collection.
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    /// True when nothing is wrong.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(value)` when nothing is wrong, else the problems sorted by place.
    pub fn into_result<T>(self, value: T) -> Result<T, Diagnostics> {
        if self.0.is_empty() {
            return Ok(value);
        }
        Err(self.sorted())
    }

    /// The problems sorted by file and place, each once.
    pub fn sorted(mut self) -> Diagnostics {
        self.0
            .sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
        self.0.dedup();
        self
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        if self.0.len() > 1 {
            write!(f, "\n\n{} problems found.", self.0.len())?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// Path of `path` relative to `root`, for messages; unchanged when outside it.
pub fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Closest candidate to `word`, for "did you mean" hints.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::levenshtein(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\ncé d", 7), (2, 4));
        assert_eq!(line_col("abc", 0), (1, 1));
    }

    #[test]
    fn suggests_close_words() {
        assert_eq!(did_you_mean("tilte", &["title", "weight"]), Some("title"));
        assert_eq!(did_you_mean("zzzzzz", &["title", "weight"]), None);
    }

    #[test]
    fn json_has_every_field_on_one_line() {
        let d = Diagnostic::at("a.md", "x\ntilte: y\n", 2, 1, "unknown key `tilte`");
        assert_eq!(
            d.to_json(Severity::Error),
            r#"{"file":"a.md","line":2,"column":1,"severity":"error","message":"unknown key `tilte`","help":null}"#
        );
        let w = Diagnostic::file("course.yaml", "no id").help("add one");
        assert_eq!(
            w.to_json(Severity::Warning),
            r#"{"file":"course.yaml","line":null,"column":null,"severity":"warning","message":"no id","help":"add one"}"#
        );
    }

    #[test]
    fn renders_location_and_help() {
        let d = Diagnostic::at("a.md", "x\ntilte: y\n", 2, 1, "unknown key `tilte`")
            .help("did you mean `title`?");
        let text = d.to_string();
        assert!(text.starts_with("error: unknown key `tilte`"), "{text}");
        assert!(text.contains("a.md:2:1"), "{text}");
        assert!(text.contains("2 | tilte: y"), "{text}");
        assert!(text.contains("help: did you mean `title`?"), "{text}");
    }
}
