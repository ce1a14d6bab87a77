//! The course's navigation, made once per build: every module with its lessons, the reading
//! order, and the tera values every page and sidebar share (tera values are
//! reference-counted, so handing them to a page copies nothing).

use std::ops::Range;

use rayon::prelude::*;
use serde::Serialize;
use tera::Value;

use crate::model::{Course, Page};

/// A link to a page, relative to the site root.
#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    pub id: String,
    pub title: String,
    pub url: String,
    pub description: Option<String>,
    pub duration: Option<String>,
    /// Marked `draft: true` (in a build with `--drafts`): lists show a "Draft" badge.
    pub draft: bool,
}

/// A module with its lessons, for lists and the sidebar.
#[derive(Debug, Clone, Serialize)]
pub struct ModuleLink {
    pub id: String,
    pub title: String,
    pub url: String,
    pub description: Option<String>,
    pub duration: Option<String>,
    pub lessons: Vec<PageLink>,
    pub current: bool,
}

/// Navigation of the whole course, built once per build.
pub struct Nav {
    pub modules: Vec<ModuleLink>,
    /// Reading order: indexes of module and lesson pages.
    pub order: Vec<usize>,
    /// Position of each page in `order` (home: none).
    pub position: Vec<Option<usize>>,
    /// Shared template values: `modules`, each module, `lesson_count`, `total_time`.
    values: SharedValues,
}

pub(super) struct SharedValues {
    pub modules: Value,
    pub module: Vec<Value>,
    pub lesson_count: Value,
    pub total_time: Value,
    /// Each module as a sidebar lists it when it is not the current one (no lessons).
    closed: Vec<Value>,
}

impl Nav {
    /// Builds the module list and reading order.
    pub fn new(course: &Course) -> Nav {
        // at 10,000 lessons this is some 30 ms of work on one core: the modules are turned
        // into template values in parallel, and the whole list shares them (tera values are
        // reference-counted) instead of serialising every lesson a second time
        let modules: Vec<ModuleLink> = course
            .modules
            .par_iter()
            .map(|m| module_link(course, m))
            .collect();
        let (module, closed): (Vec<Value>, Vec<Value>) = modules
            .par_iter()
            .map(|m| (Value::from_serializable(m), nav_module(m, None, "")))
            .unzip();
        let order: Vec<usize> = course
            .modules
            .iter()
            .flat_map(|m| std::iter::once(m.page).chain(m.lessons.iter().copied()))
            .collect();
        let mut position = vec![None; course.pages.len()];
        for (i, &p) in order.iter().enumerate() {
            position[p] = Some(i);
        }
        let total = course.total_minutes();
        let values = SharedValues {
            modules: Value::from(module.clone()),
            module,
            lesson_count: Value::from(course.lesson_count()),
            total_time: Value::from(course.duration_text(total)),
            closed,
        };
        Nav {
            modules,
            order,
            position,
            values,
        }
    }

    /// The modules `run` as a sidebar lists them when they are not the page's own (no
    /// lessons), shared.
    pub(super) fn closed_modules(&self, run: Range<usize>) -> Vec<Value> {
        self.values.closed[run].to_vec()
    }

    /// The template values every page shares.
    pub(super) fn values(&self) -> &SharedValues {
        &self.values
    }
}

fn page_link(course: &Course, page: &Page) -> PageLink {
    PageLink {
        id: page.id.clone(),
        title: page.title.clone(),
        url: page.out.clone(),
        description: page.description.clone(),
        duration: course.duration_text(page.minutes),
        draft: page.is_draft(),
    }
}

fn module_link(course: &Course, module: &crate::model::Module) -> ModuleLink {
    let page = &course.pages[module.page];
    let minutes: u32 = module
        .lessons
        .iter()
        .map(|&i| course.pages[i].minutes)
        .sum();
    ModuleLink {
        id: page.id.clone(),
        title: page.title.clone(),
        url: page.out.clone(),
        description: page.description.clone(),
        duration: course.duration_text(
            (page.duration.as_deref())
                .and_then(crate::model::order::duration_minutes)
                .unwrap_or(minutes),
        ),
        lessons: module
            .lessons
            .iter()
            .map(|&i| page_link(course, &course.pages[i]))
            .collect(),
        current: false,
    }
}

/// A module for the sidebar: with the run `lessons` of its lessons when it is the current one
/// (else none), each lesson's `href` relative to the module's folder `here` when the lesson sits
/// in it (else none: the template links `root` + `url`), and how many lessons come before and
/// after the run (`earlier`, `later`).
pub(super) fn nav_module(m: &ModuleLink, lessons: Option<Range<usize>>, here: &str) -> Value {
    #[derive(Serialize)]
    struct NavLesson<'a> {
        #[serde(flatten)]
        link: &'a PageLink,
        href: Option<&'a str>,
    }
    #[derive(Serialize)]
    struct NavModule<'a> {
        id: &'a str,
        title: &'a str,
        url: &'a str,
        description: Option<&'a str>,
        duration: Option<&'a str>,
        lessons: Vec<NavLesson<'a>>,
        current: bool,
        earlier: usize,
        later: usize,
    }
    let current = lessons.is_some();
    let run = lessons.unwrap_or(0..0);
    let (earlier, later) = (run.start, m.lessons.len().saturating_sub(run.end));
    let lessons = m.lessons[run]
        .iter()
        .map(|link| NavLesson {
            link,
            href: link
                .url
                .strip_prefix(here)
                .filter(|rest| !here.is_empty() && !rest.contains('/')),
        })
        .collect();
    Value::from_serializable(&NavModule {
        id: &m.id,
        title: &m.title,
        url: &m.url,
        description: m.description.as_deref(),
        duration: m.duration.as_deref(),
        lessons,
        current,
        earlier: if current { earlier } else { 0 },
        later: if current { later } else { 0 },
    })
}
