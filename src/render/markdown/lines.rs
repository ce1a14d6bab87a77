//! Lines of a page's file for messages and duplicate-id checks. A page asks for the line of
//! every checklist item and directive, mostly in page order: counting newlines on from the
//! last answer (instead of from the file's start each time) keeps that linear in the page.
//!
//! Answers match [`crate::error::line_col`] and [`Diagnostic::at`] exactly.

use std::cell::Cell;
use std::path::Path;

use crate::error::Diagnostic;

pub(super) struct Lines<'a> {
    text: &'a str,
    /// The last offset asked about and its 1-based line.
    last: Cell<(usize, usize)>,
}

impl<'a> Lines<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Lines {
            text,
            last: Cell::new((0, 1)),
        }
    }

    /// `offset` within the text, moved back to a character boundary.
    fn boundary(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// 1-based line of a byte offset.
    pub(super) fn line(&self, offset: usize) -> usize {
        let offset = self.boundary(offset);
        let (mut from, mut line) = self.last.get();
        if offset < from {
            (from, line) = (0, 1);
        }
        line += memchr::memchr_iter(b'\n', &self.text.as_bytes()[from..offset]).count();
        self.last.set((offset, line));
        line
    }

    /// Byte offset where the line holding `offset` starts.
    fn line_start(&self, offset: usize) -> usize {
        self.text[..offset].rfind('\n').map_or(0, |i| i + 1)
    }

    /// 1-based line and column (in characters) of a byte offset, as `error::line_col`.
    pub(super) fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.boundary(offset);
        let column = self.text[self.line_start(offset)..offset].chars().count() + 1;
        (self.line(offset), column)
    }

    /// The line holding a byte offset as `str::lines` gives it (`None` past the last line).
    pub(super) fn text_at(&self, offset: usize) -> Option<&'a str> {
        let start = self.line_start(self.boundary(offset));
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
            source_line: self.text_at(offset).map(str::to_owned),
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
            // Forwards (as a page asks), then backwards (starting over).
            let offsets = (0..=text.len() + 1).chain((0..=text.len() + 1).rev());
            for offset in offsets {
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
