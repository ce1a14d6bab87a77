//! The sidebar: a run of the course's modules, and a run of the lessons of the page's own
//! module, with links to the rest.
//!
//! A page's sidebar does not grow with the course: a course of more than [`MODULE_RUN`]
//! modules is cut into runs of that many, and a page lists the run its module falls in, with a
//! link before it to the home page's module list ("Earlier: 20 modules") and one after it; a
//! module of more than [`LESSON_RUN`] lessons likewise, linking its own page for the rest.
//! Every page of a run sits at the same depth, so each run's sidebar is made once through the
//! theme's `sidebar.html`, and each page then only marks its own link ([`Sidebar::split`]).
//!
//! The sidebar is repeated on every page, so the built-in template writes it compactly: no
//! `</li>` end tags (HTML implies them) and no line breaks between items, and the current
//! module's lessons linked from their own folder (`lesson.html`, not `../module/lesson.html`):
//! each lesson's `href`; `lectern.js` reads a lesson's id from its link and the folder of the
//! current module's link.

use std::collections::HashMap;
use std::ops::Range;

use rayon::prelude::*;
use tera::{Context, Value};

use super::nav::{nav_module, Nav};
use super::templates::Templates;
use crate::error::Diagnostic;
use crate::model::Course;

/// The most modules a sidebar lists.
pub const MODULE_RUN: usize = 10;
/// The most lessons of its module a sidebar lists.
pub const LESSON_RUN: usize = 15;

/// The run of `size` among `len` items that holds item `at`.
fn run(len: usize, size: usize, at: usize) -> Range<usize> {
    let start = at / size * size;
    start..(start + size).min(len)
}

/// The sidebar of a page `root` away from the site root: in `module`, listing the lessons from
/// the one at `lesson` (its run), or (none) a page outside the modules.
pub fn sidebar_html(
    nav: &Nav,
    templates: &Templates,
    module: Option<(usize, usize)>,
    root: &str,
) -> Result<String, Diagnostic> {
    templates.render("sidebar.html", &sidebar_context(nav, module, root))
}

/// Sidebar context for a page in `module` at its `lesson` (none: the home page and other root
/// pages). Only the current module lists its lessons; the others are shared values, made once.
fn sidebar_context(nav: &Nav, module: Option<(usize, usize)>, root: &str) -> Context {
    let count = nav.modules.len();
    let modules = run(count, MODULE_RUN, module.map_or(0, |(m, _)| m));
    let mut list = nav.closed_modules(modules.clone());
    if let Some((m, lesson)) = module {
        let link = &nav.modules[m];
        let lessons = run(link.lessons.len(), LESSON_RUN, lesson);
        list[m - modules.start] = nav_module(link, Some(lessons), &module_folder(&link.url));
    }
    let mut ctx = Context::new();
    ctx.insert_value("modules", Value::from(list));
    ctx.insert("earlier_modules", &modules.start);
    ctx.insert("later_modules", &(count - modules.end));
    ctx.insert("root", root);
    ctx
}

/// Every sidebar of the course, made once per build, and which one each page shows.
pub struct Sidebars {
    /// Each module's runs of lessons, in order, then the root pages' and then the sidebar of
    /// root pages one folder down.
    bars: Vec<Sidebar>,
    /// Each page's sidebar, by page index.
    of_page: Vec<usize>,
}

impl Sidebars {
    /// Makes every sidebar of `course` through the theme's `sidebar.html`.
    pub fn new(nav: &Nav, templates: &Templates, course: &Course) -> Result<Sidebars, Diagnostic> {
        let mut wanted: Vec<(Option<(usize, usize)>, &str)> = Vec::new();
        let mut of_page = vec![0; course.pages.len()];
        for (m, module) in course.modules.iter().enumerate() {
            let first = wanted.len();
            let runs = module.lessons.len().div_ceil(LESSON_RUN).max(1);
            wanted.extend((0..runs).map(|r| (Some((m, r * LESSON_RUN)), "../")));
            of_page[module.page] = first;
            for (l, &page) in module.lessons.iter().enumerate() {
                of_page[page] = first + l / LESSON_RUN;
            }
        }
        let home = wanted.len();
        for (i, page) in course.pages.iter().enumerate() {
            if page.module.is_none() {
                of_page[i] = home;
            }
        }
        wanted.push((None, ""));
        wanted.push((None, "../"));
        let bars = wanted
            .into_par_iter()
            .map(|(module, root)| {
                let html = sidebar_html(nav, templates, module, root)?;
                let here =
                    module.map_or(String::new(), |(m, _)| module_folder(&nav.modules[m].url));
                Ok(Sidebar::new(html, root, &here))
            })
            .collect::<Result<_, Diagnostic>>()?;
        Ok(Sidebars { bars, of_page })
    }

    /// The sidebar of page `index`.
    pub fn of(&self, index: usize) -> &Sidebar {
        &self.bars[self.of_page[index]]
    }
}

/// The folder of a module's pages, from its page's output path (`m1/index.html` → `m1/`).
pub(super) fn module_folder(url: &str) -> String {
    url.rsplit_once('/')
        .map_or(String::new(), |(dir, _)| format!("{dir}/"))
}

/// A pre-rendered sidebar and where each page's link sits in it, found once, so marking a
/// page's own link searches nothing (and, split at the mark, copies nothing).
pub struct Sidebar {
    html: String,
    /// Output path of a page (as escaped in the HTML) → offset just after its link's `href`.
    links: HashMap<String, usize>,
}

impl Sidebar {
    /// `html` is the sidebar as rendered for pages `root` away from the site root, in the
    /// folder `here` (relative to the site root): a link that does not start with `root` is
    /// one relative to `here`.
    pub fn new(html: String, root: &str, here: &str) -> Sidebar {
        const HREF: &str = "href=\"";
        let mut links = HashMap::new();
        let here = super::inline::escape(here);
        let mut from = 0;
        while let Some(found) = html[from..].find(HREF) {
            let start = from + found + HREF.len();
            let Some(len) = html[start..].find('"') else {
                break;
            };
            let end = start + len + 1;
            let href = &html[start..start + len];
            match href.strip_prefix(root) {
                Some(out) => links.entry(out.to_string()).or_insert(end),
                None => links.entry(format!("{here}{href}")).or_insert(end),
            };
            from = end;
        }
        Sidebar { html, links }
    }

    /// The sidebar with the link to the page at `out` marked `aria-current="page"`.
    pub fn marked(&self, out: &str) -> String {
        self.split(out).concat()
    }

    /// The sidebar for the page at `out` in three pieces, to be written one after another
    /// without joining them: the HTML up to the end of the page's link's `href`, the
    /// ` aria-current="page"` mark, and the rest (the whole sidebar and two empty pieces when
    /// the page has no link in it).
    pub fn split(&self, out: &str) -> [&str; 3] {
        const CURRENT: &str = " aria-current=\"page\"";
        match self.links.get(&super::inline::escape(out)) {
            Some(&at) => [&self.html[..at], CURRENT, &self.html[at..]],
            None => [&self.html, "", ""],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_only_the_current_pages_link() {
        let html = "<a href=\"../m/index.html\">M</a>\
            <a href=\"../m/a&amp;b.html\" class=\"x\">A</a><a href=\"../m/a&amp;b.html\">again</a>";
        let bar = Sidebar::new(html.to_string(), "../", "m/");
        let current = " aria-current=\"page\"";
        let expected = html.replacen("a&amp;b.html\"", &format!("a&amp;b.html\"{current}"), 1);
        assert_eq!(bar.marked("m/a&b.html"), expected);
        let expected = html.replace("index.html\"", &format!("index.html\"{current}"));
        assert_eq!(bar.marked("m/index.html"), expected);
        assert_eq!(bar.marked("elsewhere.html"), html);
        let [before, mark, after] = bar.split("m/index.html");
        assert_eq!(mark, current);
        assert_eq!(before, "<a href=\"../m/index.html\"");
        assert_eq!(after, &html[before.len()..]);
        assert_eq!(bar.split("elsewhere.html"), [html, "", ""]);
    }

    #[test]
    fn marks_a_link_relative_to_the_modules_folder() {
        let html = "<a href=\"../m&amp;n/index.html\">M</a><a href=\"a.html\">A</a>";
        let bar = Sidebar::new(html.to_string(), "../", "m&n/");
        let expected = html.replace("a.html\"", "a.html\" aria-current=\"page\"");
        assert_eq!(bar.marked("m&n/a.html"), expected);
        assert_eq!(bar.marked("a.html"), html);
        assert_eq!(module_folder("m1/index.html"), "m1/");
    }
}
