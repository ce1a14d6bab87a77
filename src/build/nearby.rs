//! The pages a front-matter edit (a new title, description or duration) shows on first, for the
//! dev server to make before the reload event when the course's pages are the same ones, at
//! the same paths and in the same order: the edited pages, every page of their modules (whose
//! sidebar lists their titles), the pages just before and after each in reading order
//! (previous/next links) and the course home. The other pages, which may show it too (a
//! theme's template can show any title anywhere), are made after the event with the
//! whole-course files, so that the served site ends up what a full build makes.

use std::path::PathBuf;

use crate::model::Course;

/// Which pages of `course` to make first after `edited` (paths relative to `content/`)
/// changed, when `before` (the previous course) has the same pages; `None`: every page.
pub(super) fn pages_first(
    course: &Course,
    before: &Course,
    edited: &[PathBuf],
) -> Option<Vec<bool>> {
    let same = course.pages.len() == before.pages.len()
        && (course.pages.iter().zip(&before.pages))
            .all(|(a, b)| a.out == b.out && a.id == b.id && a.module == b.module);
    if !same || edited.is_empty() {
        return None;
    }
    let mut first = vec![false; course.pages.len()];
    first[0] = true;
    for rel in edited {
        let i =
            (course.pages.iter()).position(|p| p.source.as_ref().is_some_and(|s| &s.rel == rel))?;
        for near in [i.saturating_sub(1), i, i + 1] {
            if let Some(page) = first.get_mut(near) {
                *page = true;
            }
        }
        if let Some(module) = course.pages[i].module.and_then(|m| course.modules.get(m)) {
            first[module.page] = true;
            for &lesson in &module.lessons {
                first[lesson] = true;
            }
        }
    }
    Some(first)
}
