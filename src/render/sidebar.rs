//! The sidebar: every module, and the lessons of the page's own module.
//!
//! It is made once per module through the theme's `sidebar.html` (every page of a module sits
//! at the same depth), and each page then only marks its own link ([`Sidebar::split`]).
//!
//! The sidebar is repeated on every page (at 10,000 lessons, some 18 KB a page and 180 MB of
//! the output), so the built-in template writes it compactly: no `</li>` end tags (HTML
//! implies them) and no line breaks between items, and the current module's lessons linked
//! from their own folder (`lesson.html`, not `../module/lesson.html`): each lesson's `href`;
//! `lectern.js` reads a lesson's id from its link and the folder of the current module's link.

use std::collections::HashMap;

use tera::{Context, Value};

use super::nav::{nav_module, Nav};
use super::templates::Templates;
use crate::error::Diagnostic;

/// The sidebar of a page in `module` (none: a page outside the modules), `root` away from the
/// site root.
pub fn sidebar_html(
    nav: &Nav,
    templates: &Templates,
    module: Option<usize>,
    root: &str,
) -> Result<String, Diagnostic> {
    templates.render("sidebar.html", &sidebar_context(nav, module, root))
}

/// Sidebar context for a page in `module` (None: the home page and other root pages).
/// Only the current module lists its lessons; the others are shared values, made once.
pub(super) fn sidebar_context(nav: &Nav, module: Option<usize>, root: &str) -> Context {
    let mut modules = nav.closed_modules();
    if let Some(m) = module {
        modules[m] = nav_module(&nav.modules[m], true, &module_folder(&nav.modules[m].url));
    }
    let mut ctx = Context::new();
    ctx.insert_value("modules", Value::from(modules));
    ctx.insert("root", root);
    ctx
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
