//! Ties the modelled languages of a course together: their course ids, the switcher's
//! [`Alternates`], their warnings, and the folder each is written under ([`Prefixed`]).

use std::collections::BTreeSet;
use std::sync::Arc;

use super::{native_name, Alternate, Alternates};
use crate::error::Diagnostic;
use crate::model::Course;
use crate::site::{Output, Sink};

/// Gives each language of `courses` (the default first) its course id (`ID.LANG` for the
/// others, so progress is kept per language) and its language switcher, and moves the
/// translations' warnings that the default language does not have to it, with `warnings`.
pub fn link(courses: &mut [Course], translated: &[BTreeSet<String>], warnings: Vec<Diagnostic>) {
    if courses.len() < 2 {
        return;
    }
    let languages: Vec<Alternate> = (courses.iter().zip(translated))
        .enumerate()
        .map(|(i, (course, done))| alternate(course, done, i == 0))
        .collect();
    let mut more = warnings;
    let (first, rest) = courses.split_at_mut(1);
    for course in rest.iter_mut() {
        course.id = format!("{}.{}", first[0].id, course.config.language);
        let own = std::mem::take(&mut course.warnings);
        more.extend(own.into_iter().filter(|w| !first[0].warnings.contains(w)));
    }
    first[0].warnings.extend(more);
    for (i, course) in courses.iter_mut().enumerate() {
        let up = if i == 0 { "" } else { "../" };
        course.alternates = Some(Arc::new(Alternates {
            up: up.to_string(),
            languages: languages.clone(),
        }));
    }
}

fn alternate(course: &Course, done: &BTreeSet<String>, default: bool) -> Alternate {
    let code = course.config.language.clone();
    let is_done = |page: &crate::model::Page| match &page.source {
        Some(s) => default || done.contains(&s.rel.to_string_lossy().replace('\\', "/")),
        None => true,
    };
    Alternate {
        name: native_name(&code),
        prefix: if default {
            String::new()
        } else {
            format!("{code}/")
        },
        pages: (course.pages.iter().filter(|p| is_done(p)))
            .map(|p| (p.out.clone(), true))
            .collect(),
        code,
    }
}

/// A [`Sink`] that puts every file under a folder: a translation's site under `fr/`.
pub struct Prefixed<'a> {
    pub prefix: String,
    pub inner: &'a dyn Sink,
}

impl Sink for Prefixed<'_> {
    fn put(&self, path: String, output: Output) -> Result<(), Diagnostic> {
        self.inner.put(format!("{}{path}", self.prefix), output)
    }

    fn put_parts(&self, path: String, parts: &[&[u8]]) -> Result<(), Diagnostic> {
        self.inner
            .put_parts(format!("{}{path}", self.prefix), parts)
    }
}
