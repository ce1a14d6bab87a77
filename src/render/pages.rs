//! Template contexts: what each page template reads.
//!
//! What every page reads about the whole course (`modules`, `module`, counts) comes from the
//! navigation, made once ([`Nav`]) as shared tera values, so giving them to a page is O(1).

use serde::Serialize;
use tera::{Context, Value};

use super::markdown::{Heading, RenderedMarkdown};
pub use super::nav::Nav;
use crate::model::links::{relative_url, root_of};
use crate::model::{Course, Page, PageKind};

#[derive(Serialize)]
pub(super) struct PageInfo<'a> {
    pub kind: &'a str,
    pub id: &'a str,
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub objectives: &'a [String],
    pub duration: Option<String>,
    pub url: &'a str,
    pub canonical: Option<String>,
    pub items: usize,
    /// Marked `draft: true`: the page shows a "Draft" badge.
    pub draft: bool,
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
        info: page_info(
            course,
            page,
            md.items.iter().filter(|i| !i.optional).count(),
        ),
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
    let shared = nav.values();
    let module = page
        .module
        .map_or_else(Value::none, |m| shared.module[m].clone());
    ctx.insert_value("module", module);
    ctx.insert_value("modules", shared.modules.clone());
    ctx.insert_value("lesson_count", shared.lesson_count.clone());
    ctx.insert_value("total_time", shared.total_time.clone());
    ctx.insert("uses", &Uses::of(&md.html));
    ctx
}

/// Which of the theme's per-feature scripts a page's content needs (`uses` in the templates),
/// from the markup each feature writes, so a lesson loads only those.
#[derive(serde::Serialize)]
struct Uses {
    scenario: bool,
    /// quizzes (`quiz.js`: order and match questions, pools, pass marks and attempts)
    quiz: bool,
    reflection: bool,
    /// optional items, commitments and repeating checklists (`checklist-days.js`)
    days: bool,
    terms: bool,
}

impl Uses {
    fn of(html: &str) -> Uses {
        use memchr::memmem::Finder;
        use std::sync::LazyLock;
        // searchers made once: every page is scanned for each mark
        static MARKS: LazyLock<[Finder<'static>; 6]> = LazyLock::new(|| {
            [
                "<section class=\"scenario\"",
                "<form class=\"quiz\"",
                " data-reflection",
                " data-optional",
                " data-repeat",
                "class=\"term-wrap",
            ]
            .map(Finder::new)
        });
        let has = |i: usize| MARKS[i].find(html.as_bytes()).is_some();
        Uses {
            scenario: has(0),
            quiz: has(1),
            reflection: has(2),
            days: has(3) || has(4),
            terms: has(5),
        }
    }
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
        duration: course.duration_text(page.minutes),
        url: &page.out,
        canonical: canonical(course, &page.out),
        items,
        draft: page.is_draft(),
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
        draft: false,
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
