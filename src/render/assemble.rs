//! A home, module or lesson page through its template, handed over in pieces rather than
//! copied whole.
//!
//! Most of a page is two values made before it: its module's sidebar (the same for every page
//! of the module but for the current link's `aria-current` mark; some 26 KB at 10,000 lessons)
//! and its Markdown HTML. Through tera each would be copied twice more (into the context, then
//! into the output), page after page. So with Lectern's built-in page templates, the template
//! renders only the page's shell, with short placeholders where `sidebar` and `content` go, and
//! the page is the shell's pieces around them, the module's sidebar split at the mark
//! ([`Sidebar::split`]) and the Markdown HTML, all borrowed. A build to disk writes the pieces
//! with one vectored write ([`Sink::put_parts`]); the in-memory [`Collect`](crate::site::Collect)
//! joins them.
//!
//! A course theme's template may test, filter or measure `content` or `sidebar`, where a
//! placeholder would not do, so when the theme overrides the page's template or `base.html`,
//! the page is rendered whole as before. So it is when a placeholder does not appear exactly
//! once, in order, in the shell (it cannot come from escaped text, but the check is cheap).

use std::sync::LazyLock;

use memchr::memmem::Finder;
use tera::Context;

use super::markdown::RenderedMarkdown;
use super::pages::{self, Nav};
use super::sidebar::Sidebar;
use super::templates::Templates;
use crate::error::Diagnostic;
use crate::model::{Course, PageKind};
use crate::site::Sink;

/// Stands for the page's `sidebar` in its shell.
const SIDEBAR: &str = "<!--lectern:sidebar-->";
/// Stands for the page's `content` (its Markdown HTML) in its shell.
const CONTENT: &str = "<!--lectern:content-->";

/// Room for a page's shell: the default theme's lesson page adds 2–4 KB around the Markdown
/// HTML and the sidebar, a module page's lesson list more.
const SHELL: usize = 8 * 1024;

/// A rendered page.
pub enum PageHtml<'a> {
    /// The page as its template wrote it.
    Whole(Vec<u8>),
    /// The shell with the sidebar and the content in place of their placeholders (at
    /// `sidebar_at` and `content_at`, the sidebar first).
    Pieces {
        shell: Vec<u8>,
        sidebar_at: usize,
        content_at: usize,
        sidebar: [&'a str; 3],
        content: &'a str,
    },
}

impl PageHtml<'_> {
    /// The page's bytes in order, as pieces (some may be empty).
    pub fn parts(&self) -> [&[u8]; 7] {
        match self {
            PageHtml::Whole(html) => [html, &[], &[], &[], &[], &[], &[]],
            PageHtml::Pieces {
                shell,
                sidebar_at,
                content_at,
                sidebar,
                content,
            } => [
                &shell[..*sidebar_at],
                sidebar[0].as_bytes(),
                sidebar[1].as_bytes(),
                sidebar[2].as_bytes(),
                &shell[sidebar_at + SIDEBAR.len()..*content_at],
                content.as_bytes(),
                &shell[content_at + CONTENT.len()..],
            ],
        }
    }

    /// The whole page in one buffer.
    pub fn into_bytes(self) -> Vec<u8> {
        match self {
            PageHtml::Whole(html) => html,
            pieces => pieces.parts().concat(),
        }
    }

    /// Hands the page to `sink` as `path`.
    pub fn put(self, sink: &dyn Sink, path: String) -> Result<(), Diagnostic> {
        match self {
            PageHtml::Whole(html) => sink.put(path, crate::site::Output::Bytes(html.into())),
            pieces => sink.put_parts(path, &pieces.parts()),
        }
    }
}

/// Page `index` through its template, its Markdown HTML `md` and its module's sidebar `bar`.
pub fn page_html<'a>(
    course: &Course,
    nav: &Nav,
    templates: &Templates,
    bar: &'a Sidebar,
    index: usize,
    md: &'a RenderedMarkdown,
) -> Result<PageHtml<'a>, Diagnostic> {
    let page = &course.pages[index];
    let (template, builtin) = match page.kind {
        PageKind::Home => ("home.html", "builtin/home.html"),
        PageKind::Module => ("module.html", "builtin/module.html"),
        PageKind::Lesson => ("lesson.html", "builtin/lesson.html"),
    };
    let sidebar = bar.split(&page.out);
    if templates.is_builtin(template) && templates.is_builtin("base.html") {
        let mut ctx = pages::page_context(course, nav, index, md);
        ctx.insert("sidebar", SIDEBAR);
        ctx.insert("content", CONTENT);
        // by its full name: tera need not try the theme's name first
        let shell = templates.render_bytes(builtin, &ctx, SHELL)?;
        if let Some((sidebar_at, content_at)) = holes(&shell) {
            return Ok(PageHtml::Pieces {
                shell,
                sidebar_at,
                content_at,
                sidebar,
                content: &md.html,
            });
        }
    }
    let ctx = pages::page_context(course, nav, index, md);
    whole(templates, template, ctx, &sidebar.concat(), &md.html)
}

/// The page through its template with its real sidebar and content, as before placeholders.
fn whole<'a>(
    templates: &Templates,
    template: &str,
    mut ctx: Context,
    sidebar: &str,
    content: &str,
) -> Result<PageHtml<'a>, Diagnostic> {
    let capacity = content.len() + sidebar.len() + SHELL;
    ctx.insert("sidebar", sidebar);
    ctx.insert("content", content);
    templates
        .render_bytes(template, &ctx, capacity)
        .map(PageHtml::Whole)
}

/// Where the sidebar's and the content's placeholders are in `shell`, when each is there
/// exactly once and the sidebar's comes first.
fn holes(shell: &[u8]) -> Option<(usize, usize)> {
    static FINDERS: LazyLock<[Finder<'static>; 2]> =
        LazyLock::new(|| [Finder::new(SIDEBAR), Finder::new(CONTENT)]);
    let once = |finder: &Finder| {
        let at = finder.find(shell)?;
        let after = at + finder.needle().len();
        finder.find(&shell[after..]).is_none().then_some(at)
    };
    let [sidebar, content] = &*FINDERS;
    let (sidebar, content) = (once(sidebar)?, once(content)?);
    (sidebar + SIDEBAR.len() <= content).then_some((sidebar, content))
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use scraper::{Html, Selector};

    use super::*;
    use crate::load::theme::TemplateFile;
    use crate::render::sidebar::Sidebars;

    fn course(overrides: &[(&str, &str)]) -> Course {
        let root = std::path::Path::new("tests/fixtures/navigation");
        let source = crate::load::load(root).unwrap();
        let mut course =
            crate::model::build(source, crate::model::ModelOptions { drafts: false }).unwrap();
        for (name, text) in overrides {
            course.theme.templates.push(TemplateFile {
                name: name.to_string(),
                text: Cow::Owned(text.to_string()),
                file: format!("theme/templates/{name}").into(),
                origin: crate::load::theme::Origin::Course,
            });
        }
        course
    }

    fn templates(course: &Course) -> Templates {
        let mut templates = Templates::new(&course.theme).unwrap();
        super::super::set_globals(&mut templates, course);
        templates
    }

    /// Every page of `course` rendered by [`page_html`], and whole with the real values.
    fn both_ways(course: &Course, rendered: &[RenderedMarkdown]) -> Vec<(bool, Vec<u8>, Vec<u8>)> {
        let nav = Nav::new(course);
        let templates = templates(course);
        let bars = Sidebars::new(&nav, &templates, course).unwrap();
        (0..course.pages.len())
            .map(|i| {
                let page = &course.pages[i];
                let bar = bars.of(i);
                let md = &rendered[i];
                let html = page_html(course, &nav, &templates, bar, i, md).unwrap();
                let pieces = matches!(html, PageHtml::Pieces { .. });
                let name = match page.kind {
                    PageKind::Home => "home.html",
                    PageKind::Module => "module.html",
                    PageKind::Lesson => "lesson.html",
                };
                let ctx = pages::page_context(course, &nav, i, md);
                let sidebar = bar.marked(&page.out);
                let whole = whole(&templates, name, ctx, &sidebar, &md.html).unwrap();
                (pieces, html.into_bytes(), whole.into_bytes())
            })
            .collect()
    }

    fn markdown(course: &Course) -> Vec<RenderedMarkdown> {
        (0..course.pages.len())
            .map(|i| super::super::page_markdown(course, i))
            .collect()
    }

    #[test]
    fn built_in_pages_come_in_pieces_that_join_into_the_whole_page() {
        let mut course = course(&[]);
        // escaped in the shell, so a placeholder's text in a title is no placeholder
        course.pages[1].title = format!("Uses {CONTENT} and {SIDEBAR}");
        let mut rendered = markdown(&course);
        // the content is never searched: a placeholder's text in it is kept as it is
        rendered[2].html = format!("<p>{SIDEBAR}</p>\n{CONTENT}\n{}", rendered[2].html);
        for (i, (pieces, html, whole)) in both_ways(&course, &rendered).into_iter().enumerate() {
            assert!(pieces, "page {i} should come in pieces");
            assert_eq!(
                String::from_utf8(html).unwrap(),
                String::from_utf8(whole).unwrap()
            );
        }
        let (_, html, _) = &both_ways(&course, &rendered)[2];
        let html = String::from_utf8_lossy(html);
        assert_eq!(html.matches(SIDEBAR).count(), 1);
        assert_eq!(html.matches(CONTENT).count(), 1);
    }

    #[test]
    fn a_theme_that_measures_the_content_gets_the_whole_page() {
        let lesson = "{% extends \"builtin/lesson.html\" %}{% block content %}\
            <p class=\"size\">{{ content | length }} {{ sidebar | length }}</p>\
            {{ content | upper | safe }}{% endblock content %}";
        let course = course(&[("lesson.html", lesson)]);
        let rendered = markdown(&course);
        let nav = Nav::new(&course);
        let templates = templates(&course);
        let bars = Sidebars::new(&nav, &templates, &course).unwrap();
        let ways = both_ways(&course, &rendered);
        let mut lessons = 0;
        for (i, (pieces, html, whole)) in ways.into_iter().enumerate() {
            let page = &course.pages[i];
            assert_eq!(pieces, page.kind != PageKind::Lesson, "page {i}");
            assert_eq!(html, whole);
            let text = String::from_utf8(html).unwrap();
            assert!(!text.to_lowercase().contains("<!--lectern:"), "page {i}");
            if page.kind == PageKind::Lesson {
                lessons += 1;
                let sidebar = bars.of(i).marked(&page.out);
                let md = &rendered[i].html;
                let doc = Html::parse_document(&text);
                let size = Selector::parse("p.size").unwrap();
                let size: String = doc.select(&size).flat_map(|p| p.text()).collect();
                let expected = format!("{} {}", md.chars().count(), sidebar.chars().count());
                assert_eq!(size, expected);
                assert!(text.contains(&md.to_uppercase()));
            }
        }
        assert!(lessons > 1);
    }

    #[test]
    fn a_theme_with_its_own_base_template_gets_whole_pages() {
        let base =
            "{% extends \"builtin/base.html\" %}{% block footer %}<p>Own</p>{% endblock footer %}";
        let course = course(&[("base.html", base)]);
        for (pieces, html, whole) in both_ways(&course, &markdown(&course)) {
            assert!(!pieces);
            assert_eq!(html, whole);
        }
    }

    #[test]
    fn placeholders_must_each_be_there_once_the_sidebar_first() {
        let shell = |s: &str| holes(s.as_bytes());
        let (s, c) = (SIDEBAR, CONTENT);
        assert_eq!(shell(&format!("a{s}bc{c}d")), Some((1, 3 + s.len())));
        assert_eq!(shell(&format!("{s}{c}")), Some((0, s.len())));
        assert_eq!(shell(&format!("{c}{s}")), None);
        assert_eq!(shell(&format!("{s}{c}{s}")), None);
        assert_eq!(shell(&format!("{s}{c}{c}")), None);
        assert_eq!(shell(s), None);
        assert_eq!(shell(""), None);
    }
}
