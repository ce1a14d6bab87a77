//! Template contexts: what each page template reads.
//!
//! Navigation is built once ([`Nav`]) and shared (the sidebar made from it: [`super::sidebar`]).
//! What every page reads about the whole course (`modules`, `module`, counts) is turned into
//! tera values once; tera values share their contents, so giving them to a page is O(1).

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use super::markdown::{Heading, RenderedMarkdown};
use super::sidebar::nav_module;
use crate::model::links::{relative_url, root_of};
use crate::model::order::format_minutes;
use crate::model::{Course, Page, PageKind};

/// A link to a page, relative to the site root.
#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    pub id: String,
    pub title: String,
    pub url: String,
    pub description: Option<String>,
    pub duration: Option<String>,
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

struct SharedValues {
    modules: Value,
    module: Vec<Value>,
    lesson_count: Value,
    total_time: Value,
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
            .map(|m| (Value::from_serializable(m), nav_module(m, false)))
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
            total_time: Value::from((total > 0).then(|| format_minutes(total))),
            closed,
        };
        Nav {
            modules,
            order,
            position,
            values,
        }
    }

    /// Every module as a sidebar lists it when it is not the page's own (no lessons), shared.
    pub(super) fn closed_modules(&self) -> Vec<Value> {
        self.values.closed.clone()
    }
}

fn page_link(page: &Page) -> PageLink {
    PageLink {
        id: page.id.clone(),
        title: page.title.clone(),
        url: page.out.clone(),
        description: page.description.clone(),
        duration: page.duration.clone(),
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
        duration: page
            .duration
            .clone()
            .or_else(|| (minutes > 0).then(|| format_minutes(minutes))),
        lessons: module
            .lessons
            .iter()
            .map(|&i| page_link(&course.pages[i]))
            .collect(),
        current: false,
    }
}

#[derive(Serialize)]
pub(super) struct PageInfo<'a> {
    pub kind: &'a str,
    pub id: &'a str,
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub objectives: &'a [String],
    pub duration: Option<&'a str>,
    pub url: &'a str,
    pub canonical: Option<String>,
    pub items: usize,
}

/// What a page's template reads about the page itself ([`page_context`]).
pub(super) struct PageValues<'a> {
    pub info: PageInfo<'a>,
    pub root: String,
    pub toc: Option<Vec<&'a Heading>>,
    pub breadcrumbs: Vec<Crumb<'a>>,
    pub prev: Option<Crumb<'a>>,
    pub next: Option<Crumb<'a>>,
}

/// The values of page `index`, whose Markdown HTML is `md`.
pub(super) fn page_values<'a>(
    course: &'a Course,
    nav: &Nav,
    index: usize,
    md: &'a RenderedMarkdown,
) -> PageValues<'a> {
    let page = &course.pages[index];
    let (prev, next) = neighbours(course, nav, index);
    PageValues {
        info: page_info(course, page, md.items.len()),
        root: root_of(&page.out),
        toc: toc(&md.headings),
        breadcrumbs: breadcrumbs(course, page),
        prev,
        next,
    }
}

/// The context of a home, module or lesson page, but for `content` and `sidebar`: the caller
/// inserts those (the page's own, or placeholders for them).
pub fn page_context(course: &Course, nav: &Nav, index: usize, md: &RenderedMarkdown) -> Context {
    let page = &course.pages[index];
    let values = page_values(course, nav, index, md);
    let mut ctx = Context::new();
    ctx.insert("page", &values.info);
    ctx.insert("root", &values.root);
    ctx.insert("toc", &values.toc);
    ctx.insert("breadcrumbs", &values.breadcrumbs);
    ctx.insert("prev", &values.prev);
    ctx.insert("next", &values.next);
    let shared = &nav.values;
    let module = page
        .module
        .map_or_else(Value::none, |m| shared.module[m].clone());
    ctx.insert_value("module", module);
    ctx.insert_value("modules", shared.modules.clone());
    ctx.insert_value("lesson_count", shared.lesson_count.clone());
    ctx.insert_value("total_time", shared.total_time.clone());
    ctx
}

fn page_info<'a>(course: &Course, page: &'a Page, items: usize) -> PageInfo<'a> {
    PageInfo {
        kind: match page.kind {
            PageKind::Home => "home",
            PageKind::Module => "module",
            PageKind::Lesson => "lesson",
        },
        id: &page.id,
        title: &page.title,
        description: page.description.as_deref(),
        objectives: &page.objectives,
        duration: page.duration.as_deref(),
        url: &page.out,
        canonical: canonical(course, &page.out),
        items,
    }
}

/// The absolute URL of an output file, when the course has a `base_url`.
pub fn canonical(course: &Course, out: &str) -> Option<String> {
    let base = course.config.base_url.as_deref()?;
    let out = out.strip_suffix("index.html").unwrap_or(out);
    Some(format!("{}/{}", base.trim_end_matches('/'), out))
}

fn toc(headings: &[Heading]) -> Option<Vec<&Heading>> {
    let entries: Vec<&Heading> = headings
        .iter()
        .filter(|h| h.level == 2 || h.level == 3)
        .collect();
    (entries.len() >= 3).then_some(entries)
}

/// A link in the breadcrumbs or the pager (titles borrowed: serialised once, never cloned).
#[derive(Serialize)]
pub(super) struct Crumb<'a> {
    pub title: &'a str,
    pub url: String,
}

fn breadcrumbs<'a>(course: &'a Course, page: &Page) -> Vec<Crumb<'a>> {
    if page.kind == PageKind::Home {
        return Vec::new();
    }
    let home = &course.pages[0];
    let mut crumbs = vec![Crumb {
        title: &home.title,
        url: relative_url(&page.out, &home.out),
    }];
    if let (PageKind::Lesson, Some(m)) = (page.kind, page.module) {
        let module = &course.pages[course.modules[m].page];
        crumbs.push(Crumb {
            title: &module.title,
            url: relative_url(&page.out, &module.out),
        });
    }
    crumbs
}

fn neighbours<'a>(
    course: &'a Course,
    nav: &Nav,
    index: usize,
) -> (Option<Crumb<'a>>, Option<Crumb<'a>>) {
    let page = &course.pages[index];
    let link = |i: usize| {
        let p = &course.pages[i];
        Crumb {
            title: &p.title,
            url: relative_url(&page.out, &p.out),
        }
    };
    match nav.position[index] {
        None => (None, nav.order.first().map(|&i| link(i))),
        Some(pos) => {
            let prev = if pos == 0 {
                Some(link(0))
            } else {
                Some(link(nav.order[pos - 1]))
            };
            (prev, nav.order.get(pos + 1).map(|&i| link(i)))
        }
    }
}

/// The context of a handout page (the whole course, or one module). `sections` is a list of
/// maps with `anchor`, `title`, `objectives` and `html`, one per page.
pub fn handout_context(
    course: &Course,
    title: &str,
    id: &str,
    sections: Value,
    sidebar: String,
) -> Context {
    let out = format!("{id}.html");
    let mut ctx = Context::new();
    let info = PageInfo {
        kind: "handout",
        id,
        title,
        description: None,
        objectives: &[],
        duration: None,
        url: &out,
        canonical: canonical(course, &out),
        items: 0,
    };
    ctx.insert("page", &info);
    ctx.insert("root", "../");
    ctx.insert_value("sections", sections);
    ctx.insert("sidebar", &sidebar);
    ctx.insert(
        "breadcrumbs",
        &vec![Crumb {
            title: &course.pages[0].title,
            url: "../index.html".into(),
        }],
    );
    ctx.insert("prev", &None::<Crumb>);
    ctx.insert("next", &None::<Crumb>);
    ctx
}
