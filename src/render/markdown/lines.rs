//! Lines of a page's file: a table of where each line starts, built once per page on first
//! use, so the line of a byte offset is a binary search instead of a scan from the file's
//! start (a page records the line of every checklist item and directive).
//!
//! Answers match [`crate::error::line_col`] and [`Diagnostic::at`] exactly.

use std::cell::OnceCell;
use std::path::Path;

use crate::error::Diagnostic;

pub(super) struct Lines<'a> {
    text: &'a str,
    /// Byte offset of the start of each line; the first is 0.
    starts: OnceCell<Vec<usize>>,
}

impl<'a> Lines<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Lines {
            text,
            starts: OnceCell::new(),
        }
    }

    fn starts(&self) -> &[usize] {
        self.starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// 1-based line and column (in characters) of a byte offset, as `error::line_col`.
    pub(super) fn line_col(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let starts = self.starts();
        // Lines starting at or before `offset`: one per `\n` before it, plus the first.
        let line = starts.partition_point(|&s| s <= offset);
        let column = self.text[starts[line - 1]..offset].chars().count() + 1;
        (line, column)
    }

    /// 1-based line of a byte offset.
    pub(super) fn line(&self, offset: usize) -> usize {
        self.line_col(offset).0
    }

    /// The text of a 1-based line as `str::lines` gives it (`None` past the last line).
    pub(super) fn text_of(&self, line: usize) -> Option<&'a str> {
        let start = *self.starts().get(line.checked_sub(1)?)?;
        self.text[start..].lines().next()
    }

    /// The same diagnostic as `Diagnostic::at_offset(file, text, offset, message)`.
    pub(super) fn diagnostic(
        &self,
        file: &Path,
        offset: usize,
        message: impl Into<String>,
    ) -> Diagnostic {
        let (line, column) = self.line_col(offset);
        Diagnostic {
            line: Some(line),
            column: Some(column),
            source_line: self.text_of(line).map(str::to_owned),
            ..Diagnostic::file(file, message)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::line_col;

    #[test]
    fn matches_a_scan_from_the_start() {
        let texts = [
            "",
            "abc",
            "a\nb",
            "a\n",
            "a\n\nb\n",
            "ab\r\ncé d\r\n",
            "\n\né\n x",
        ];
        for text in texts {
            let lines = Lines::new(text);
            for offset in 0..=text.len() + 1 {
                assert_eq!(
                    lines.line_col(offset),
                    line_col(text, offset),
                    "{text:?} {offset}"
                );
                let file = Path::new("a.md");
                assert_eq!(
                    lines.diagnostic(file, offset, "m"),
                    Diagnostic::at_offset(file, text, offset, "m"),
                    "{text:?} {offset}"
                );
            }
        }
    }
}
