//! How long a lesson takes, estimated from what it holds: its words at [`WORDS_PER_MINUTE`]
//! and its activities (a checklist item half a minute, a quiz question one, a sort two, a
//! scenario three). An author's `duration:` more than twice the estimate, or less than half
//! of it, gets a warning that gives the estimate (the first [`LISTED`] lessons, then a count).

use std::sync::Arc;

use super::markdown::RenderedMarkdown;
use super::tracked::ItemKind;
use crate::error::Diagnostic;
use crate::model::{Course, PageKind};

/// A learner's reading pace for instructional text.
pub const WORDS_PER_MINUTE: u32 = 200;

/// Lessons whose duration looks off that are named one by one; the rest are counted.
pub const LISTED: usize = 10;

/// A page's estimated minutes (at least one) and its words and activities.
pub fn estimate(md: &RenderedMarkdown) -> (u32, u32, usize) {
    // in tenths of a minute, rounded up at the end
    let activity = |kind: &ItemKind| match kind {
        ItemKind::Item => 5,
        ItemKind::Question => 10,
        ItemKind::Sort => 20,
        ItemKind::Scenario => 30,
    };
    let tenths: u32 = md.items.iter().map(|i| activity(&i.kind)).sum();
    let reading = (md.words * 10).div_ceil(WORDS_PER_MINUTE);
    let minutes = (reading + tenths).div_ceil(10).max(1);
    (minutes, md.words, md.items.len())
}

/// A warning for each lesson whose `duration:` is off the estimate by more than twice.
pub fn warnings(course: &Course, markdown: &[Arc<RenderedMarkdown>]) -> Vec<Diagnostic> {
    let lessons = course.pages.iter().zip(markdown);
    let off: Vec<_> = lessons
        .filter(|(page, _)| page.kind == PageKind::Lesson && page.minutes > 0)
        .filter_map(|(page, md)| {
            let (guess, words, activities) = estimate(md);
            let off = page.minutes > 2 * guess || 2 * page.minutes < guess;
            Some((
                page.source.as_ref().filter(|_| off)?,
                page,
                (guess, words, activities),
            ))
        })
        .collect();
    let mut warnings: Vec<Diagnostic> = (off.iter().take(LISTED))
        .map(|&(file, page, (guess, words, activities))| {
            let written = page.duration.as_deref().unwrap_or_default();
            let message = format!(
                "`duration: {written}` looks off: this lesson takes about {guess} min ({words} words, {})",
                activities_text(activities)
            );
            let help = format!("set the time a learner needs (about {guess} min at {WORDS_PER_MINUTE} words a minute, plus the activities), or keep yours if the lesson asks for work away from the page");
            at_duration(course, file, written, message).help(help)
        })
        .collect();
    if off.len() > LISTED {
        let more = off.len() - LISTED;
        let last = off[LISTED - 1].0;
        warnings.push(
            Diagnostic::file(
                &last.file,
                format!(
                    "{more} more lessons have a `duration:` more than twice off their estimate"
                ),
            )
            .help("the first ten are above; fix those and build again to see the next"),
        );
    }
    warnings
}

/// `message` at the `duration:` value of `file`. A build frees each lesson's text once its
/// Markdown is rendered, so the (rare) lesson warned about is read again for its place.
fn at_duration(
    course: &Course,
    file: &crate::load::MarkdownFile,
    written: &str,
    message: String,
) -> Diagnostic {
    let reread;
    let text = if file.text.is_empty() {
        let path = course.source_root.join(&file.file);
        reread = std::fs::read_to_string(path).unwrap_or_default();
        &reread
    } else {
        &file.text
    };
    let Some(index) = text
        .lines()
        .position(|l| l.trim_start().starts_with("duration:"))
    else {
        return Diagnostic::file(&file.file, message);
    };
    let line = text.lines().nth(index).unwrap_or_default();
    let column = line
        .find(written)
        .map_or(1, |c| line[..c].chars().count() + 1);
    Diagnostic::at(&file.file, text, index + 1, column, message)
}

fn activities_text(n: usize) -> String {
    match n {
        0 => "no activities".into(),
        1 => "1 activity".into(),
        n => format!("{n} activities"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_activities_make_the_estimate() {
        let md = |words: u32| RenderedMarkdown {
            words,
            ..Default::default()
        };
        assert_eq!(estimate(&md(0)), (1, 0, 0));
        assert_eq!(estimate(&md(200)), (1, 200, 0));
        assert_eq!(estimate(&md(201)), (2, 201, 0));
        assert_eq!(estimate(&md(1000)), (5, 1000, 0));
    }
}
