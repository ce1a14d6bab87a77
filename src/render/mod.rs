//! Stage 3, render: the course model → a [`Site`] in memory. No file-system access here.
//!
//! The recipe, in order:
//! 1. compile the theme's templates once;
//! 2. render every page's Markdown in parallel (rayon);
//! 3. check links to headings now that every page's headings are known;
//! 4. render the sidebar once per module, then every page through its template, in parallel;
//! 5. handouts, the progress page, 404, the course data script;
//! 6. the search index, and `sitemap.xml`/`robots.txt` when the course has a `base_url`;
//! 7. theme assets and copied files.

pub mod cache;
pub mod checklist;
pub mod directives;
pub mod ids;
pub mod inline;
pub mod markdown;
pub mod pages;
pub mod progress;
pub mod publish;
pub mod search;
pub mod templates;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::error::{Diagnostic, Diagnostics};
use crate::model::{Course, PageKind};
use crate::site::{Output, Site};
pub use cache::RenderCache;
use markdown::{PageInput, RenderedMarkdown};
use pages::{HandoutSection, Nav};
use templates::Templates;

/// Output folder names that module slugs may not take.
pub const RESERVED: [&str; 2] = ["assets", "handouts"];

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

/// Renders the whole course.
pub fn render(course: &Course) -> Result<Site, Diagnostics> {
    render_with(course, None)
}

/// Renders the whole course, reusing what `cache` holds from the previous build (the dev
/// server's incremental rebuild; the result is the same as [`render`]'s).
pub fn render_with(
    course: &Course,
    mut cache: Option<&mut RenderCache>,
) -> Result<Site, Diagnostics> {
    let mut templates = Templates::new(&course.theme)?;
    templates.set_global("site", &site_info(course));
    templates.set_global("tables", &course.tables);
    let one = |i: usize| render_page_markdown(course, i);
    let (rendered, keys) = match cache.as_deref_mut() {
        Some(c) => c.markdown(course, one),
        None => (
            (0..course.pages.len())
                .into_par_iter()
                .map(|i| Arc::new(one(i)))
                .collect(),
            Vec::new(),
        ),
    };
    check(course, &rendered)?;
    let nav = Nav::new(course);
    pages::set_course_globals(&mut templates, course, &nav);
    let mut site = Site::default();
    let reuse = cache.map(|c| Reuse {
        shared: cache::shared_key(
            course,
            &(
                site_info(course),
                &nav.modules,
                &course.tables,
                course.total_minutes(),
            ),
        ),
        markdown: keys,
        cache: c,
    });
    render_pages(course, &nav, &templates, &rendered, reuse, &mut site)?;
    let handouts = render_handouts(course, &nav, &templates, &rendered, &mut site)?;
    render_progress(course, &nav, &templates, &mut site)?;
    render_not_found(course, &nav, &templates, &mut site)?;
    site.insert(
        "assets/course-data.js",
        Output::Text(course_data(course, &nav, &rendered)),
    );
    site.insert(
        "assets/progress-data.js",
        Output::Text(progress::labels_script(course, &rendered)),
    );
    let generated = search::index_files(course, &rendered)
        .into_iter()
        .chain(publish::files(course, &handouts));
    for (path, text) in generated {
        site.insert(path, Output::Text(text));
    }
    add_files(course, &mut site);
    Ok(site)
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
    let page = &course.pages[i];
    match &page.source {
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
    for page in rendered {
        problems.extend(page.problems.clone());
        for anchor in &page.anchors {
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
    }
    for module in &course.modules {
        if RESERVED.contains(&module.slug.as_str()) {
            let page = &course.pages[module.page];
            let file = page
                .source
                .as_ref()
                .map(|s| s.file.clone())
                .unwrap_or_else(|| format!("content/{}", module.slug).into());
            problems.push(
                Diagnostic::file(
                    file,
                    format!(
                        "a module cannot be called `{}`: Lectern uses that folder name itself",
                        module.slug
                    ),
                )
                .help("rename the module folder"),
            );
        }
    }
    problems.into_result(())
}

fn sidebars(nav: &Nav, templates: &Templates, course: &Course) -> Result<Vec<String>, Diagnostic> {
    let mut out = Vec::with_capacity(course.modules.len() + 1);
    for m in 0..course.modules.len() {
        out.push(templates.render("sidebar.html", &pages::sidebar_context(nav, Some(m), "../"))?);
    }
    out.push(templates.render("sidebar.html", &pages::sidebar_context(nav, None, ""))?);
    out.push(templates.render("sidebar.html", &pages::sidebar_context(nav, None, "../"))?);
    Ok(out)
}

/// The previous build's pages, and the keys that say which are still valid.
struct Reuse<'c> {
    shared: u64,
    markdown: Vec<u64>,
    cache: &'c mut RenderCache,
}

/// A rendered page, and its cache key when rendering with a cache.
type PageResult = Result<(String, Output, Option<(u64, bool)>), Diagnostic>;

fn render_pages(
    course: &Course,
    nav: &Nav,
    templates: &Templates,
    rendered: &[Arc<RenderedMarkdown>],
    reuse: Option<Reuse>,
    site: &mut Site,
) -> Result<(), Diagnostics> {
    let bars = sidebars(nav, templates, course)?;
    let bar_keys: Vec<u64> = match reuse {
        Some(_) => bars.iter().map(|b| cache::hash_str(b)).collect(),
        None => Vec::new(),
    };
    let home = course.modules.len();
    let results: Vec<PageResult> = course
        .pages
        .par_iter()
        .enumerate()
        .map(|(i, page)| {
            let bar = page.module.unwrap_or(home);
            let mut ctx = pages::page_context(course, nav, i, &rendered[i], String::new());
            let mut key = None;
            if let Some(r) = &reuse {
                let content = ctx.remove("content");
                let k = cache::page_key(r.shared, r.markdown[i], bar_keys[bar], &page.id, &ctx);
                if let Some(html) = r.cache.page(k) {
                    return Ok((page.out.clone(), Output::Shared(html), Some((k, true))));
                }
                if let Some(content) = content {
                    ctx.insert_value("content", content);
                }
                key = Some((k, false));
            }
            ctx.insert("sidebar", &pages::mark_current(&bars[bar], &page.id));
            let template = match page.kind {
                PageKind::Home => "home.html",
                PageKind::Module => "module.html",
                PageKind::Lesson => "lesson.html",
            };
            let html = templates.render(template, &ctx)?;
            let output = match key {
                Some(_) => Output::Shared(html.into()),
                None => Output::Text(html),
            };
            Ok((page.out.clone(), output, key))
        })
        .collect();
    let mut problems = Diagnostics::default();
    let mut kept = HashMap::new();
    let mut hits = 0;
    for r in results {
        match r {
            Ok((path, output, key)) => {
                if let (Some((k, hit)), Output::Shared(html)) = (key, &output) {
                    hits += usize::from(hit);
                    kept.insert(k, html.clone());
                }
                site.insert(path, output);
            }
            Err(d) => problems.push(d),
        }
    }
    if let Some(r) = reuse {
        r.cache.store_pages(kept, hits);
    }
    problems.into_result(())
}

fn render_handouts(
    course: &Course,
    nav: &Nav,
    templates: &Templates,
    rendered: &[Arc<RenderedMarkdown>],
    site: &mut Site,
) -> Result<Vec<String>, Diagnostic> {
    let bar = &sidebars_root(nav, templates)?;
    let section = |i: usize| {
        let page = &course.pages[i];
        let prefix = format!("h{i}-");
        HandoutSection {
            anchor: format!("{prefix}title"),
            title: page.title.clone(),
            objectives: page.objectives.clone(),
            // on paper every box is empty, whatever the source pre-ticked
            html: scope_ids(&rendered[i].html, &prefix).replace(" checked>", ">"),
        }
    };
    let all: Vec<HandoutSection> = nav.order.iter().map(|&i| section(i)).collect();
    let title = format!("{} — handout", course.config.title);
    let ctx = pages::handout_context(course, &title, "handouts/course", all, bar.clone());
    site.insert(
        "handouts/course.html",
        Output::Text(templates.render("handout.html", &ctx)?),
    );
    let mut paths = vec!["handouts/course.html".to_string()];
    for module in &course.modules {
        let page = &course.pages[module.page];
        let sections = std::iter::once(module.page)
            .chain(module.lessons.iter().copied())
            .map(section)
            .collect();
        let id = format!("handouts/{}", module.slug);
        let title = format!("{} — handout", page.title);
        let ctx = pages::handout_context(course, &title, &id, sections, bar.clone());
        site.insert(
            format!("{id}.html"),
            Output::Text(templates.render("handout.html", &ctx)?),
        );
        paths.push(format!("{id}.html"));
    }
    Ok(paths)
}

fn sidebars_root(nav: &Nav, templates: &Templates) -> Result<String, Diagnostic> {
    templates.render("sidebar.html", &pages::sidebar_context(nav, None, "../"))
}

/// Prefixes ids and same-page references so several pages' HTML can share one document.
fn scope_ids(html: &str, prefix: &str) -> String {
    let mut out = html.to_string();
    for attr in [
        " id=\"",
        " for=\"",
        " href=\"#",
        " aria-labelledby=\"",
        " aria-describedby=\"",
        " aria-controls=\"",
    ] {
        out = out.replace(attr, &format!("{attr}{prefix}"));
    }
    out
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
        &templates.render("sidebar.html", &pages::sidebar_context(nav, None, root))?,
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
    site: &mut Site,
) -> Result<(), Diagnostic> {
    let page = serde_json::json!({"kind": "notfound", "id": "404", "title": "Page not found", "description": null, "canonical": null, "objectives": [], "duration": null, "items": 0});
    let root = publish::not_found_root(course);
    let ctx = root_page_context(nav, templates, page, &root)?;
    site.insert(
        "404.html",
        Output::Text(templates.render("404.html", &ctx)?),
    );
    Ok(())
}

fn render_progress(
    course: &Course,
    nav: &Nav,
    templates: &Templates,
    site: &mut Site,
) -> Result<(), Diagnostic> {
    let page = serde_json::json!({"kind": "progress", "id": "progress", "title": "My progress", "description": null, "canonical": null, "objectives": [], "duration": null, "items": 0});
    let mut ctx = root_page_context(nav, templates, page, "")?;
    ctx.insert(
        "breadcrumbs",
        &[serde_json::json!({"title": course.pages[0].title, "url": "index.html"})],
    );
    site.insert(
        "progress.html",
        Output::Text(templates.render("progress.html", &ctx)?),
    );
    Ok(())
}

/// `assets/course-data.js`: module and lesson ids and each page's progress items.
fn course_data(course: &Course, nav: &Nav, rendered: &[Arc<RenderedMarkdown>]) -> String {
    let modules: Vec<serde_json::Value> = nav
        .modules
        .iter()
        .map(|m| serde_json::json!({"id": m.id, "title": m.title, "lessons": m.lessons.iter().map(|l| &l.id).collect::<Vec<_>>()}))
        .collect();
    let pages: serde_json::Map<String, serde_json::Value> = course
        .pages
        .iter()
        .zip(rendered)
        .filter(|(p, _)| p.kind != PageKind::Home)
        .map(|(p, r)| {
            (
                p.id.clone(),
                serde_json::json!({"title": p.title, "url": p.out, "items": r.items}),
            )
        })
        .collect();
    let data = serde_json::json!({"id": course.id, "title": course.config.title, "modules": modules, "pages": pages});
    format!("window.LECTERN_COURSE = {};\n", data)
}

/// Theme assets under `assets/`, content files next to their pages, `static/` at the root.
fn add_files(course: &Course, site: &mut Site) {
    let mut seen = HashSet::new();
    for asset in course.theme.assets.iter().rev() {
        if seen.insert(&asset.path) && !asset.path.ends_with(".md") {
            site.insert(
                format!("assets/{}", asset.path),
                Output::Bytes(asset.bytes.clone()),
            );
        }
    }
    let content = course.source_root.join("content");
    for (src, out) in &course.assets {
        site.insert(out.clone(), Output::Copy(content.join(src)));
    }
    let statics = course.source_root.join("static");
    for rel in &course.static_files {
        site.insert(
            rel.to_string_lossy().replace('\\', "/"),
            Output::Copy(statics.join(rel)),
        );
    }
}
