//! Rendering for the dev server: a full render that keeps what it computed, so that an edit
//! to one page's body re-renders that page alone, and the whole-course files made apart.
//!
//! [`Live::full`] compiles the templates (or keeps the previous build's when the theme is
//! unchanged), renders every page's Markdown through the [`RenderCache`], every page, the
//! copied files, and the [`Aggregates`]. [`Live::edit`] takes a new version of one page whose
//! front matter is unchanged (so navigation, titles and output paths are too): it renders that
//! page's Markdown and HTML and checks the links into and out of it, in time that does not grow
//! with the course. The aggregates (course data, progress labels, handouts, progress and 404
//! pages, sitemap, and the search index, which the caller makes from the same Markdown) read
//! every page; [`Live::aggregates`] snapshots what they need (shared, not copied) so the server
//! can make them after the reload event, on another thread. Pages plus aggregates plus search
//! index equal a full build's site, file for file.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use super::markdown::RenderedMarkdown;
use super::pages::Nav;
use super::templates::Templates;
use super::{check, RenderCache};
use crate::error::Diagnostics;
use crate::load::MarkdownFile;
use crate::model::Course;
use crate::site::{Collect, Output, Site};

/// The last good render, kept between rebuilds.
pub struct Live {
    course: Arc<Course>,
    templates: Arc<Templates>,
    nav: Arc<Nav>,
    /// Every page's Markdown, by page index.
    rendered: Vec<Arc<RenderedMarkdown>>,
    /// The sidebar of each module, then of root pages, then of pages one folder down.
    bars: Vec<super::sidebar::Sidebar>,
    /// Files edited since the full render, by page index. `course` keeps the files it was
    /// built from (what the aggregates read of it, titles, paths and order, is the same).
    edited: HashMap<usize, MarkdownFile>,
    /// Page index by source path relative to `content/`.
    by_source: HashMap<PathBuf, usize>,
    /// For each page, the pages that link to one of its headings.
    incoming: Vec<Vec<usize>>,
    /// Pages taken from the cache and pages rendered by the last render.
    pub reuse: (usize, usize),
}

/// What the whole-course files need, shared with the [`Live`] render it was taken from.
pub struct Aggregates {
    course: Arc<Course>,
    templates: Arc<Templates>,
    nav: Arc<Nav>,
    rendered: Vec<Arc<RenderedMarkdown>>,
}

impl Live {
    /// Renders the whole course. Returns the pages and copied files; the aggregates come from
    /// [`Live::aggregates`]. `previous`'s templates are kept when the theme's are unchanged.
    pub fn full(
        course: Course,
        previous: Option<Live>,
        cache: &mut RenderCache,
    ) -> Result<(Live, Site), Diagnostics> {
        let templates = match previous {
            Some(p) if same_templates(&p.course, &course) => p.templates,
            _ => Arc::new(Templates::new(&course.theme)?),
        };
        // Shared only while an aggregates snapshot is being rendered: then compile anew.
        let mut templates = match Arc::try_unwrap(templates) {
            Ok(t) => t,
            Err(_) => Templates::new(&course.theme)?,
        };
        templates.set_global("site", &super::site_info(&course));
        templates.set_global("tables", &course.tables);
        let misses = AtomicUsize::new(0);
        let rendered = cache.markdown(&course, |i| {
            misses.fetch_add(1, Ordering::Relaxed);
            super::render_page_markdown(&course, i)
        });
        let misses = misses.into_inner();
        check(&course, &rendered)?;
        let nav = Nav::new(&course);
        let sink = Collect::default();
        super::render_pages(&course, &nav, &templates, &rendered, &sink)?;
        super::add_files(&course, &sink)?;
        let bars = super::sidebars(&nav, &templates, &course)?;
        let live = Live {
            edited: HashMap::new(),
            by_source: by_source(&course),
            incoming: incoming(&rendered),
            reuse: (rendered.len() - misses, misses),
            course: Arc::new(course),
            templates: Arc::new(templates),
            nav: Arc::new(nav),
            rendered,
            bars,
        };
        Ok((live, sink.into_site()))
    }

    /// Number of pages (home, modules and lessons).
    pub fn page_count(&self) -> usize {
        self.rendered.len()
    }

    /// The index of the page made from `rel` (relative to `content/`).
    pub fn page_of(&self, rel: &std::path::Path) -> Option<usize> {
        self.by_source.get(rel).copied()
    }

    /// Whether `file` can replace page `index` through [`Live::edit`]: its front matter is the
    /// same, so titles, order, navigation and output paths are too.
    pub fn same_front_matter(&self, index: usize, file: &MarkdownFile) -> bool {
        let old = self.edited.get(&index);
        let old = old.or(self.course.pages[index].source.as_ref());
        let json = |f: &MarkdownFile| serde_json::to_value(&f.front).ok();
        old.is_some_and(|old| json(old).is_some() && json(old) == json(file))
    }

    /// Replaces page `index`'s file with `file` (same front matter) and renders that page.
    /// Returns its output path and HTML. On an error the caller must drop this render.
    pub fn edit(
        &mut self,
        index: usize,
        file: MarkdownFile,
    ) -> Result<(String, Output), Diagnostics> {
        let course = &*self.course;
        let md = Arc::new(super::render_markdown_of(course, index, Some(&file)));
        self.edited.insert(index, file);
        let old = std::mem::replace(&mut self.rendered[index], md.clone());
        for target in old.anchors.iter().map(|a| a.page) {
            self.incoming[target].retain(|&p| p != index);
        }
        for target in md.anchors.iter().map(|a| a.page) {
            if !self.incoming[target].contains(&index) {
                self.incoming[target].push(index);
            }
        }
        let mut problems = md.problems.clone();
        for &from in std::iter::once(&index).chain(&self.incoming[index]) {
            problems.extend(super::check_anchors(course, &self.rendered, from));
        }
        problems.into_result(())?;
        let page = &course.pages[index];
        let bar = &self.bars[page.module.unwrap_or(course.modules.len())];
        let html = super::assemble::page_html(course, &self.nav, &self.templates, bar, index, &md)?;
        Ok((page.out.clone(), Output::Bytes(html.into_bytes().into())))
    }

    /// A snapshot of what the whole-course files need (pointers, not copies).
    pub fn aggregates(&self) -> Aggregates {
        Aggregates {
            course: self.course.clone(),
            templates: self.templates.clone(),
            nav: self.nav.clone(),
            rendered: self.rendered.clone(),
        }
    }
}

impl Aggregates {
    /// The course the snapshot was taken of.
    pub fn course(&self) -> &Course {
        &self.course
    }

    /// Every page's Markdown, by page index: what the search index is made from.
    pub fn markdown(&self) -> &[Arc<RenderedMarkdown>] {
        &self.rendered
    }

    /// Course data, progress labels, handouts, progress and 404 pages, and the publishing
    /// files, in the order [`super::render_into`] makes them.
    pub fn render(&self) -> Result<Site, Diagnostics> {
        let (course, nav, templates) = (&*self.course, &*self.nav, &*self.templates);
        let sink = Collect::default();
        super::whole_course_files(course, nav, &self.rendered, &sink)?;
        super::finish(course, nav, templates, &self.rendered, &sink)?;
        Ok(sink.into_site())
    }
}

fn same_templates(a: &Course, b: &Course) -> bool {
    let names = |c: &Course| -> Vec<(String, String)> {
        c.theme
            .templates
            .iter()
            .map(|t| (t.name.clone(), t.file.to_string_lossy().into_owned()))
            .collect()
    };
    let texts_equal = a.theme.templates.len() == b.theme.templates.len()
        && a.theme
            .templates
            .iter()
            .zip(&b.theme.templates)
            .all(|(x, y)| x.text == y.text);
    texts_equal && names(a) == names(b)
}

fn by_source(course: &Course) -> HashMap<PathBuf, usize> {
    course
        .pages
        .iter()
        .enumerate()
        .filter_map(|(i, p)| Some((p.source.as_ref()?.rel.clone(), i)))
        .collect()
}

fn incoming(rendered: &[Arc<RenderedMarkdown>]) -> Vec<Vec<usize>> {
    let mut into = vec![Vec::new(); rendered.len()];
    for (from, md) in rendered.iter().enumerate() {
        for a in &md.anchors {
            if !into[a.page].contains(&from) {
                into[a.page].push(from);
            }
        }
    }
    into
}
