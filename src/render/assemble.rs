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

use super::markdown::RenderedMarkdown;
use super::pages::{self, Nav, Sidebar};
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
    let mut ctx = pages::page_context(course, nav, index, md);
    if templates.is_builtin(template) && templates.is_builtin("base.html") {
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
    let sidebar = sidebar.concat();
    let capacity = md.html.len() + sidebar.len() + SHELL;
    ctx.insert("sidebar", &sidebar);
    ctx.insert("content", &md.html);
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
