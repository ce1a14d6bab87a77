//! Assessments: lessons whose front matter says `assessment: true`, whose quizzes make the
//! course's score in an LMS package, and the course's pass mark (`pass: 80%` on an
//! assessment; one pass mark per course). The form of `pass:` is checked with the lesson
//! ([`pass_mark`]); the course-wide rules by [`of`].

use crate::error::Diagnostic;
use crate::load::MarkdownFile;

use super::{Course, PageKind};

/// The course's assessments.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Assessment {
    /// The ids of the assessment lessons, in course order.
    pub pages: Vec<String>,
    /// The pass mark in percent, when an assessment gives one.
    pub pass: Option<u8>,
}

/// The pass mark `file`'s front matter gives, checked: a whole percent from 1 to 100, on an
/// assessment only.
pub fn pass_mark(file: &MarkdownFile) -> Result<Option<u8>, Diagnostic> {
    let Some(text) = &file.front.pass else {
        return Ok(None);
    };
    let (line, column) = key_place(file, "pass");
    if !file.front.assessment {
        let message = "`pass:` is only for an assessment lesson";
        let help = "add `assessment: true` to this lesson's front matter, or remove `pass:`";
        return Err(Diagnostic::at(&file.file, &file.text, line, 1, message).help(help));
    }
    percent(text).map(Some).ok_or_else(|| {
        let message = format!("`{text}` is not a pass mark");
        Diagnostic::at(&file.file, &file.text, line, column, message)
            .help("write a whole percent from 1 to 100, e.g. `pass: 80%`")
    })
}

/// `80%` (or `80 %`) as 80; `None` for anything else or outside 1 to 100.
pub(crate) fn percent(text: &str) -> Option<u8> {
    let digits = text.trim().strip_suffix('%')?.trim_end();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.len() > 3 {
        return None;
    }
    let n: u8 = digits.parse().ok()?;
    (1..=100).contains(&n).then_some(n)
}

/// The 1-based line of the front matter key `key` in `file` and the column of its value.
fn key_place(file: &MarkdownFile, key: &str) -> (usize, usize) {
    let prefix = format!("{key}:");
    let found = file.text.lines().enumerate().find_map(|(i, l)| {
        let rest = l.strip_prefix(&prefix)?;
        let value = rest.len() - rest.trim_start().len();
        Some((i + 1, prefix.chars().count() + value + 1))
    });
    found.unwrap_or((1, 1))
}

/// The course's assessments and its one pass mark; an error when two assessments give
/// different pass marks.
pub fn of(course: &Course) -> Result<Assessment, Diagnostic> {
    let mut out = Assessment::default();
    let mut first: Option<&MarkdownFile> = None;
    let lessons = course.pages.iter().filter(|p| p.kind == PageKind::Lesson);
    for page in lessons {
        let Some(file) = page.source.as_ref().filter(|f| f.front.assessment) else {
            continue;
        };
        out.pages.push(page.id.clone());
        let Some(pass) = pass_mark(file)? else {
            continue;
        };
        match (out.pass, first) {
            (Some(other), Some(earlier)) if other != pass => {
                let (line, column) = key_place(file, "pass");
                let message = format!(
                    "this assessment's pass mark, {pass}%, differs from the {other}% of {}",
                    earlier.file.display()
                );
                let help = "a course has one pass mark: give every assessment the same `pass:`, or give it on one only";
                return Err(
                    Diagnostic::at(&file.file, &file.text, line, column, message).help(help),
                );
            }
            (Some(_), _) => {}
            (None, _) => (out.pass, first) = (Some(pass), Some(file)),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pass_marks_are_whole_percents_from_1_to_100() {
        assert_eq!(percent("80%"), Some(80));
        assert_eq!(percent("100 %"), Some(100));
        assert_eq!(percent("1%"), Some(1));
        for bad in ["80", "0%", "101%", "80.5%", "-5%", "%", "eighty%", "0080%"] {
            assert_eq!(percent(bad), None, "{bad}");
        }
    }
}
