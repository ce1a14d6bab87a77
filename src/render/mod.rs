//! Stage 3, render: the course model → pages, handed to a [`Sink`] as they are made. No
//! file-system access here.
//!
//! In two halves, so that the build recipe (in `lib.rs`) can feed the first half's Markdown to
//! the search index while the second renders the pages. [`prepare`]:
//! 1. compile the theme's templates once;
//! 2. render every page's Markdown in parallel (rayon);
//! 3. check links to headings now that every page's headings are known.
//!
//! Then [`render_into`]:
//! 4. the course data and progress labels (they need every page's Markdown);
//! 5. render the sidebar once per module, then every page through its template, in parallel,
//!    handing each page to the [`Sink`] at once (a build to disk writes it straight away), in
//!    pieces that share the sidebar and the Markdown HTML ([`assemble`]);
//! 6. handouts, from each page's HTML with its ids scoped, the progress page, 404;
//! 7. `sitemap.xml`/`robots.txt` when the course has a `base_url`, theme assets, copied files.
//!
//! Nothing is copied per page that grows with the course: navigation is turned into template
//! values once ([`Nav`]) and every page shares them.

pub mod assemble;
pub mod cache;
pub mod checklist;
pub mod directives;
pub mod handouts;
pub mod html_text;
pub mod ids;
pub mod inline;
pub mod json;
pub mod live;
pub mod markdown;
pub mod markup;
pub mod nav;
pub mod pages;
pub mod progress;
pub mod publish;
pub mod sidebar;
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
pub use cache::RenderCache;
use markdown::{PageInput, RenderedMarkdown};
use pages::Nav;
use sidebar::Sidebar;
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
}

/// The first half of a render, what every page is made from: the compiled templates, every
/// page's Markdown, rendered and checked, and the navigation.
pub struct Prepared {
    templates: Templates,
    nav: Nav,
    /// Every page's Markdown, by page index.
    pub markdown: Vec<Arc<RenderedMarkdown>>,
}

/// Compiles the templates, renders every page's Markdown and checks the links between pages.
/// The Markdown sources are freed once rendered, so the navigation, pages and search index
/// made next reuse their memory (some 50 MB at 10,000 lessons) rather than the process
/// growing by as much again.
pub fn prepare(course: &mut Course) -> Result<Prepared, Diagnostics> {
    let templates = templates(course)?;
    let markdown = render_markdown(course);
    course.free_source_texts();
    let course = &*course;
    let (checked, nav) = rayon::join(|| check(course, &markdown), || Nav::new(course));
    checked?;
    Ok(Prepared {
        templates,
        nav,
        markdown,
    })
}

fn templates(course: &Course) -> Result<Templates, Diagnostics> {
    let mut templates = Templates::new(&course.theme)?;
    templates.set_global("site", &site_info(course));
    templates.set_global("tables", &course.tables);
    crate::timing::mark("templates compiled");
    Ok(templates)
}

fn render_markdown(course: &Course) -> Vec<Arc<RenderedMarkdown>> {
    let rendered = (0..course.pages.len())
        .into_par_iter()
        .map(|i| Arc::new(render_page_markdown(course, i)))
        .collect();
    crate::timing::mark("markdown rendered");
    rendered
}

/// The second half of a render: every page, the whole-course files and handouts, each handed
/// to `sink` as soon as it is made. Returns the number of HTML pages.
pub fn render_into(
    course: &Course,
    prepared: &Prepared,
    sink: &dyn Sink,
) -> Result<usize, Diagnostics> {
    let (templates, nav, rendered) = (&prepared.templates, &prepared.nav, &prepared.markdown);
    // the whole-course files need every page's Markdown but no page needs them: make them
    // while the pages render, so neither waits on a single core
    let (pages, whole) = rayon::join(
        || render_pages(course, nav, templates, rendered, sink),
        || whole_course_files(course, nav, rendered, sink),
    );
    pages?;
    whole?;
    crate::timing::mark("pages, course data and progress labels");
    let handouts = finish(course, nav, templates, rendered, sink)?;
    add_files(course, sink)?;
    // every page, the handouts, progress.html and 404.html
    Ok(course.pages.len() + handouts + 2)
}

/// `course-data.js` and `progress-data.js`.
fn whole_course_files(
    course: &Course,
    nav: &Nav,
    rendered: &[Arc<RenderedMarkdown>],
    sink: &dyn Sink,
) -> Result<(), Diagnostic> {
    let data = progress::course_data(course, nav, rendered);
    sink.put("assets/course-data.js".into(), Output::Text(data))?;
    let labels = progress::labels_script(course, rendered);
    sink.put("assets/progress-data.js".into(), Output::Text(labels))
}

/// The handouts, the progress and 404 pages and the publishing files; returns the number of
/// handouts.
fn finish(
    course: &Course,
    nav: &Nav,
    templates: &Templates,
    rendered: &[Arc<RenderedMarkdown>],
    sink: &dyn Sink,
) -> Result<usize, Diagnostic> {
    let limit = handouts::WHOLE_COURSE_LIMIT;
    let handouts = handouts::render(course, nav, templates, rendered, sink, limit)?;
    crate::timing::mark("handouts");
    render_progress(course, nav, templates, sink)?;
    render_not_found(course, nav, templates, sink)?;
    for (path, text) in publish::files(course, &handouts) {
        sink.put(path, Output::Text(text))?;
    }
    Ok(handouts.len())
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
    }
}

fn render_page_markdown(course: &Course, i: usize) -> RenderedMarkdown {
    render_markdown_of(course, i, course.pages[i].source.as_ref())
}

/// Page `i`'s Markdown, from `source` (its file, or a newer version of it).
fn render_markdown_of(
    course: &Course,
    i: usize,
    source: Option<&crate::load::MarkdownFile>,
) -> RenderedMarkdown {
    let page = &course.pages[i];
    match source {
        Some(src) => markdown::render(&PageInput {
            file: &src.file,
            rel: &src.rel,
            text: &src.text,
            body_start: src.body_start,
            out: &page.out,
            page_index: i,
            links: &course.links,
            course,
            tables: &course.tables,
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

fn sidebars(nav: &Nav, templates: &Templates, course: &Course) -> Result<Vec<Sidebar>, Diagnostic> {
    let mut out = Vec::with_capacity(course.modules.len() + 2);
    for m in 0..course.modules.len() {
        out.push((Some(m), "../"));
    }
    out.push((None, ""));
    out.push((None, "../"));
    out.into_par_iter()
        .map(|(module, root)| {
            let html = sidebar::sidebar_html(nav, templates, module, root)?;
            Ok(Sidebar::new(html, root))
        })
        .collect()
}

/// Renders and hands over every page.
fn render_pages(
    course: &Course,
    nav: &Nav,
    templates: &Templates,
    rendered: &[Arc<RenderedMarkdown>],
    sink: &dyn Sink,
) -> Result<(), Diagnostics> {
    let bars = sidebars(nav, templates, course)?;
    let home = course.modules.len();
    let problems: Vec<Diagnostic> = rendered
        .par_iter()
        .enumerate()
        .filter_map(|(i, md)| {
            let page = &course.pages[i];
            let bar = &bars[page.module.unwrap_or(home)];
            assemble::page_html(course, nav, templates, bar, i, md)
                .and_then(|html| html.put(sink, page.out.clone()))
                .err()
        })
        .collect();
    Diagnostics(problems).into_result(())
}

/// A page outside the course structure (404, progress) with the home page's sidebar.
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
    let page = serde_json::json!({"kind": "notfound", "id": "404", "title": "Page not found", "description": null, "canonical": null, "objectives": [], "duration": null, "items": 0});
    let root = publish::not_found_root(course);
    let ctx = root_page_context(nav, templates, page, &root)?;
    sink.put(
        "404.html".into(),
        Output::Text(templates.render("404.html", &ctx)?),
    )
}

fn render_progress(
    course: &Course,
    nav: &Nav,
    templates: &Templates,
    sink: &dyn Sink,
) -> Result<(), Diagnostic> {
    let page = serde_json::json!({"kind": "progress", "id": "progress", "title": "My progress", "description": null, "canonical": null, "objectives": [], "duration": null, "items": 0});
    let mut ctx = root_page_context(nav, templates, page, "")?;
    ctx.insert(
        "breadcrumbs",
        &[serde_json::json!({"title": course.pages[0].title, "url": "index.html"})],
    );
    sink.put(
        "progress.html".into(),
        Output::Text(templates.render("progress.html", &ctx)?),
    )
}

/// Theme assets under `assets/`, content files next to their pages, `static/` at the root.
fn add_files(course: &Course, sink: &dyn Sink) -> Result<(), Diagnostic> {
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
