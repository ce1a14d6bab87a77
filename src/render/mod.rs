//! Stage 3, render: the course model → pages, handed to a [`Sink`] as they are made. No
//! file-system access, no timing and no threads of its own (rayon's pool is the caller's):
//! these are the steps; the recipe that runs them, once or incrementally, is
//! `src/build/`.
//!
//! 1. [`templates`]: compile the theme's templates once;
//! 2. [`page_markdown`]: each page's Markdown (the recipe runs them in parallel, or takes
//!    unchanged pages' from its cache);
//! 3. [`prepare`]: check links to headings now that every page's headings are known, build
//!    the navigation ([`Nav`]) and one sidebar per module;
//! 4. [`render_pages`]: every page through its template, handed over at once in pieces that
//!    share the sidebar and the Markdown HTML ([`assemble`]), and the copied files;
//!    [`render_page`] for one page;
//! 5. [`course_files`]: the progress, certificate and 404 pages; [`publish_files`]:
//!    `sitemap.xml`/`robots.txt`.
//!
//! Nothing is copied per page that grows with the course: navigation is turned into template
//! values once and every page shares them.

pub mod assemble;
pub mod asset_urls;
pub mod checklist;
pub mod directives;
pub mod facilitator;
pub mod favicon;
pub mod glossary;
pub mod html_text;
pub mod ids;
pub mod inline;
pub mod json;
pub mod markdown;
pub mod markup;
pub mod nav;
pub mod pages;
pub mod publish;
pub mod reading;
pub mod sidebar;
pub mod strings;
pub mod templates;
pub mod tracked;

use std::collections::HashSet;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::error::{Diagnostic, Diagnostics};
use crate::model::Course;
use crate::site::{Output, Sink};
use markdown::{PageInput, RenderedMarkdown};
use pages::Nav;
use sidebar::Sidebars;
use templates::Templates;

/// What templates read as `site`.
#[derive(Serialize)]
struct SiteInfo<'a> {
    id: &'a str,
    title: &'a str,
    description: Option<&'a str>,
    language: &'a str,
    author: Option<&'a str>,
    base_url: Option<&'a str>,
    accent: Option<&'a str>,
    logo: Option<&'a str>,
    /// Whether the course has a glossary page.
    glossary: bool,
    /// The tab icon's address from the site root.
    favicon: &'a str,
    /// The course's languages, for the language switcher (`None`: one language).
    alternates: Option<&'a crate::languages::Alternates>,
}

/// What every page is made from: the compiled templates, every page's Markdown, checked, the
/// navigation and the sidebars. Cheap to clone (shared parts), so an incremental build can
/// keep it and hand a snapshot to another thread.
#[derive(Clone)]
pub struct Prepared {
    templates: Arc<Templates>,
    nav: Arc<Nav>,
    /// Every page's sidebar.
    bars: Arc<Sidebars>,
    /// Every page's Markdown, by page index.
    pub markdown: Vec<Arc<RenderedMarkdown>>,
}

/// The course's templates, compiled, with the values every template reads (`site`, `tables`).
pub fn templates(course: &Course) -> Result<Templates, Diagnostics> {
    let mut templates = Templates::new(&course.theme)?;
    set_globals(&mut templates, course);
    Ok(templates)
}

/// Sets the values every template reads (`site`, `tables`, `asset_v`) from `course`.
pub fn set_globals(templates: &mut Templates, course: &Course) {
    templates.set_global("site", &site_info(course));
    templates.set_global("tables", &course.tables);
    templates.set_asset_versions(&course.theme);
    templates.set_strings(course.strings());
}

/// Checks the links between pages' Markdown, then builds the navigation and sidebars, with
/// the problems of the pages' Markdown and links: they do not stop it, since the pages can
/// still be made (for the problems only they can show, such as a template's). Fails when the
/// sidebars could not be made, with every problem found so far.
pub fn prepare(
    course: &Course,
    templates: Arc<Templates>,
    markdown: Vec<Arc<RenderedMarkdown>>,
) -> Result<(Prepared, Diagnostics), Diagnostics> {
    let (checked, nav) = rayon::join(|| check(course, &markdown), || Nav::new(course));
    let mut problems = checked.err().unwrap_or_default();
    let bars = match Sidebars::new(&nav, &templates, course) {
        Ok(bars) => bars,
        Err(e) => {
            problems.push(e);
            return Err(problems.sorted());
        }
    };
    let prepared = Prepared {
        templates,
        nav: Arc::new(nav),
        bars: Arc::new(bars),
        markdown,
    };
    Ok((prepared, problems))
}

impl Prepared {
    /// The compiled templates.
    pub fn templates(&self) -> &Templates {
        &self.templates
    }

    /// The course's navigation.
    pub fn nav(&self) -> &Nav {
        &self.nav
    }

    /// The compiled templates, to change their globals before the pages render (copied
    /// first if another render still shares them).
    pub fn templates_mut(&mut self) -> &mut Templates {
        Arc::make_mut(&mut self.templates)
    }

    /// Gives theme asset `path` (below `assets/`) its new `bytes`' version. The pages made
    /// after this name it; a theme's sidebar may name it too, so the caller makes the
    /// sidebars again ([`Prepared::remake_sidebars`]) before the next page.
    pub fn set_asset_version(&mut self, path: &str, bytes: &[u8]) {
        self.templates_mut().set_asset_version(path, bytes);
    }

    /// Makes the sidebars again, from the templates' values as they are now.
    pub fn remake_sidebars(&mut self, course: &Course) -> Result<(), Diagnostic> {
        self.bars = Arc::new(Sidebars::new(&self.nav, &self.templates, course)?);
        Ok(())
    }

    /// The compiled templates, for the next render when the theme is unchanged.
    pub fn into_templates(self) -> Arc<Templates> {
        self.templates
    }

    /// Replaces page `index`'s Markdown with `md` (an edit of the page's body) and checks the
    /// links from it and from `incoming` pages into it.
    pub fn replace_markdown(
        &mut self,
        course: &Course,
        index: usize,
        md: Arc<RenderedMarkdown>,
        incoming: &[usize],
    ) -> Result<(), Diagnostics> {
        self.markdown[index] = md;
        let mut problems = self.markdown[index].problems.clone();
        for &from in std::iter::once(&index).chain(incoming) {
            problems.extend(check_anchors(course, &self.markdown, from));
        }
        problems.into_result(())
    }
}

/// Every page, each handed to `sink` as soon as it is made, and the copied files (theme
/// assets, files beside lessons, `static/`).
pub fn render_pages(
    course: &Course,
    prepared: &Prepared,
    sink: &dyn Sink,
) -> Result<(), Diagnostics> {
    render_pages_of(course, prepared, None, sink)
}

/// [`render_pages`], of the pages `only` marks (every page: `None`) and the copied files.
pub fn render_pages_of(
    course: &Course,
    prepared: &Prepared,
    only: Option<&[bool]>,
    sink: &dyn Sink,
) -> Result<(), Diagnostics> {
    let problems: Vec<Diagnostic> = prepared
        .markdown
        .par_iter()
        .enumerate()
        .filter(|(i, _)| only.is_none_or(|only| only[*i]))
        .filter_map(|(i, md)| {
            let page = &course.pages[i];
            let bar = prepared.bars.of(i);
            assemble::page_html(course, &prepared.nav, &prepared.templates, bar, i, md)
                .and_then(|html| html.put(sink, page.out.clone()))
                .err()
        })
        .collect();
    Diagnostics(problems).into_result(())?;
    add_files(course, sink).map_err(Diagnostics::from)
}

/// Page `index`, as its output path and bytes.
pub fn render_page(
    course: &Course,
    prepared: &Prepared,
    index: usize,
) -> Result<(String, Output), Diagnostic> {
    let page = &course.pages[index];
    let bar = prepared.bars.of(index);
    let md = &prepared.markdown[index];
    let html = assemble::page_html(course, &prepared.nav, &prepared.templates, bar, index, md)?;
    Ok((page.out.clone(), Output::Bytes(html.into_bytes().into())))
}

/// The pages outside the course structure: the progress, certificate, 404 and glossary pages
/// and the facilitator's guide.
/// Returns how many.
pub fn course_files(
    course: &Course,
    prepared: &Prepared,
    sink: &dyn Sink,
) -> Result<usize, Diagnostic> {
    let (nav, templates) = (&*prepared.nav, &*prepared.templates);
    for (id, title) in LEARNER_PAGES {
        render_learner_page(course, nav, templates, id, title, sink)?;
    }
    render_not_found(course, nav, templates, sink)?;
    let glossary = glossary::render(course, nav, templates, sink)?;
    let guide = facilitator::render(course, nav, templates, &prepared.markdown, sink)?;
    Ok(LEARNER_PAGES.len() + 1 + glossary + guide)
}

/// The root pages drawn in the browser from the learner's record: `<id>.html` from the
/// template of the same name, and its title's catalog key.
const LEARNER_PAGES: [(&str, &str); 3] = [
    ("progress", "progress_title"),
    ("my-handout", "my_handout_title"),
    ("certificate", "certificate_title"),
];

/// `sitemap.xml` and `robots.txt` when the course has a `base_url`, listing every page and
/// the `extra_pages` (output paths) that later stages made.
pub fn publish_files(
    course: &Course,
    extra_pages: &[String],
    sink: &dyn Sink,
) -> Result<(), Diagnostic> {
    for (path, text) in publish::files(course, extra_pages) {
        sink.put(path, Output::Text(text))?;
    }
    Ok(())
}

fn site_info(course: &Course) -> SiteInfo<'_> {
    let c = &course.config;
    SiteInfo {
        id: &course.id,
        title: &c.title,
        description: c.description.as_deref(),
        language: &c.language,
        author: c.author.as_deref(),
        base_url: c.base_url.as_deref(),
        accent: c.brand.accent.as_deref(),
        logo: c.brand.logo.as_deref(),
        glossary: course.glossary.is_some(),
        favicon: favicon::url(c),
        alternates: course.alternates.as_deref(),
    }
}

/// Page `i`'s Markdown, from the file it was modelled from, its items' ids as written or
/// derived.
pub fn page_markdown(course: &Course, i: usize) -> RenderedMarkdown {
    page_markdown_from(course, i, course.pages[i].source.as_ref(), None)
}

/// Page `i`'s Markdown, from `source` (its file, or a newer version of it), its items' ids
/// from `plan` (see [`PageInput::plan`]).
pub fn page_markdown_from(
    course: &Course,
    i: usize,
    source: Option<&crate::load::MarkdownFile>,
    plan: Option<Vec<String>>,
) -> RenderedMarkdown {
    page_markdown_of(course, i, source.map(|src| (src, src.text.as_str())), plan)
}

/// As [`page_markdown_from`], with the file's text given apart from it (`text`, the whole
/// file, of which the body starts at the file's `body_start`): a build takes each text out of
/// the course to free it as soon as its page is rendered.
pub fn page_markdown_of(
    course: &Course,
    i: usize,
    source: Option<(&crate::load::MarkdownFile, &str)>,
    plan: Option<Vec<String>>,
) -> RenderedMarkdown {
    let page = &course.pages[i];
    match source {
        Some((src, text)) => markdown::render(&PageInput {
            file: &src.file,
            rel: &src.rel,
            text,
            body_start: src.body_start,
            out: &page.out,
            page_index: i,
            links: &course.links,
            course,
            tables: &course.tables,
            plan,
        }),
        None => RenderedMarkdown::default(),
    }
}

/// Every problem found while rendering Markdown, plus links to headings that do not exist.
fn check(course: &Course, rendered: &[Arc<RenderedMarkdown>]) -> Result<(), Diagnostics> {
    let mut problems = Diagnostics::default();
    for (i, page) in rendered.iter().enumerate() {
        problems.extend(page.problems.clone());
        problems.extend(check_anchors(course, rendered, i));
    }
    problems.into_result(())
}

/// Links from page `from` to headings that do not exist.
fn check_anchors(course: &Course, rendered: &[Arc<RenderedMarkdown>], from: usize) -> Diagnostics {
    let mut problems = Diagnostics::default();
    for anchor in &rendered[from].anchors {
        let target = &rendered[anchor.page];
        if !target.headings.iter().any(|h| h.id == anchor.fragment) {
            let ids: Vec<&str> = target.headings.iter().map(|h| h.id.as_str()).collect();
            let help = match crate::error::did_you_mean(&anchor.fragment, &ids) {
                Some(s) => format!("did you mean `#{s}`? Heading ids follow GitHub's rules: lowercase, punctuation dropped, spaces as hyphens"),
                None => format!("the page `{}` has these headings: {}", course.pages[anchor.page].title, if ids.is_empty() { "none".into() } else { ids.join(", ") }),
            };
            problems.push(anchor.at.clone().help(help));
        }
    }
    problems
}

/// A page outside the course structure (404, progress, certificate) with the home page's sidebar.
fn root_page_context(
    nav: &Nav,
    templates: &Templates,
    page: serde_json::Value,
    root: &str,
) -> Result<Context, Diagnostic> {
    let mut ctx = Context::new();
    ctx.insert("page", &page);
    ctx.insert("root", root);
    ctx.insert(
        "sidebar",
        &sidebar::sidebar_html(nav, templates, None, root)?,
    );
    ctx.insert("breadcrumbs", &None::<()>);
    ctx.insert("prev", &None::<()>);
    ctx.insert("next", &None::<()>);
    Ok(ctx)
}

fn render_not_found(
    course: &Course,
    nav: &Nav,
    templates: &Templates,
    sink: &dyn Sink,
) -> Result<(), Diagnostic> {
    let page = serde_json::json!({"kind": "notfound", "id": "404", "title": interface_text(course, "not_found_title"), "description": null, "canonical": null, "objectives": [], "duration": null, "items": 0});
    let root = publish::not_found_root(course);
    let ctx = root_page_context(nav, templates, page, &root)?;
    sink.put(
        "404.html".into(),
        Output::Text(templates.render("404.html", &ctx)?),
    )
}

/// `<id>.html` (progress, certificate), a child of the home page in the breadcrumbs.
fn render_learner_page(
    course: &Course,
    nav: &Nav,
    templates: &Templates,
    id: &str,
    title: &str,
    sink: &dyn Sink,
) -> Result<(), Diagnostic> {
    render_root_page(course, (nav, templates), (id, title), |_| {}, sink)
}

/// `<id>.html` at the site root from the template of the same name, titled `title`, a child
/// of the home page in the breadcrumbs; `fill` adds the page's own values to the context.
pub(super) fn render_root_page(
    course: &Course,
    (nav, templates): (&Nav, &Templates),
    (id, title_key): (&str, &str),
    fill: impl FnOnce(&mut Context),
    sink: &dyn Sink,
) -> Result<(), Diagnostic> {
    let file = format!("{id}.html");
    let title = interface_text(course, title_key);
    let canonical = pages::canonical(course, &file);
    let page = serde_json::json!({"kind": id, "id": id, "title": title, "description": null, "canonical": canonical, "objectives": [], "duration": null, "items": 0});
    let mut ctx = root_page_context(nav, templates, page, "")?;
    ctx.insert(
        "breadcrumbs",
        &[serde_json::json!({"title": course.pages[0].title, "url": "index.html"})],
    );
    fill(&mut ctx);
    let html = templates.render(&file, &ctx)?;
    sink.put(file, Output::Text(html))
}

/// The course's interface string `key` (a page title).
fn interface_text(course: &Course, key: &str) -> String {
    course
        .strings()
        .format(key, &[])
        .unwrap_or_else(|| key.to_string())
}

/// Theme assets under `assets/`, content files next to their pages, `static/` at the root.
fn add_files(course: &Course, sink: &dyn Sink) -> Result<(), Diagnostic> {
    if course.config.favicon.is_none() {
        sink.put(
            favicon::MADE.into(),
            Output::Text(favicon::svg(&course.config)),
        )?;
    }
    let strings = crate::i18n::script::strings_js(&course.strings());
    sink.put("assets/strings.js".into(), Output::Text(strings))?;
    let mut seen = HashSet::new();
    for asset in course.theme.assets.iter().rev() {
        if seen.insert(&asset.path) && !asset.path.ends_with(".md") {
            sink.put(
                format!("assets/{}", asset.path),
                Output::Bytes(asset.bytes.clone()),
            )?;
        }
    }
    let content = course.source_root.join("content");
    for (src, out) in &course.assets {
        sink.put(out.clone(), Output::Copy(content.join(src)))?;
    }
    let statics = course.source_root.join("static");
    for rel in &course.static_files {
        sink.put(
            rel.to_string_lossy().replace('\\', "/"),
            Output::Copy(statics.join(rel)),
        )?;
    }
    Ok(())
}
