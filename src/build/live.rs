//! The last good render, kept between the dev server's rebuilds, so that an edit to one
//! page's body re-renders that page alone.
//!
//! [`Live::full`] runs the one render path ([`super::render_all`]), taking unchanged pages'
//! Markdown from the [`RenderCache`] and the compiled templates from the previous render when
//! the theme is unchanged, and keeps what the pages were made from. [`Live::edit`] takes a new
//! version of one page whose front matter is unchanged (so navigation, titles and output paths
//! are too): it renders that page's Markdown and HTML and checks the links into and out of it,
//! in time that does not grow with the course. The whole-course files read every page;
//! [`Live::aggregates`] snapshots what they need (shared, not copied) so the server can make
//! them after the reload event, on another thread. A changed file in `static/` or of the
//! theme changes no page's Markdown ([`Live::set_static_files`], [`Live::set_theme_asset`]);
//! a theme file's new version is in every page, which the aggregates then make again too.
//! Pages plus aggregates equal [`super::build_site`]'s site, file for file.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;

use super::cache::RenderCache;
use crate::error::Diagnostics;
use crate::load::theme::ThemeAsset;
use crate::load::MarkdownFile;
use crate::model::Course;
use crate::render::markdown::RenderedMarkdown;
use crate::render::{self, Prepared};
use crate::site::{Collect, Output, Site};

/// The last good render, kept between rebuilds.
pub struct Live {
    course: Arc<Course>,
    prepared: Prepared,
    /// Files edited since the full render, by page index. `course` keeps the files it was
    /// built from (what the aggregates read of it, titles, paths and order, is the same).
    edited: HashMap<usize, MarkdownFile>,
    /// Page index by source path relative to `content/`.
    by_source: HashMap<PathBuf, usize>,
    /// For each page, the pages that link to one of its headings.
    incoming: Vec<Vec<usize>>,
    /// Pages taken from the cache and pages rendered by the last render.
    pub reuse: (usize, usize),
    /// Whether a theme file's version changed since the sidebars were made (made again
    /// before the next page, not on the way to serving the file).
    sidebars_stale: bool,
}

/// What the whole-course files need, shared with the [`Live`] render it was taken from.
pub struct Aggregates {
    course: Arc<Course>,
    prepared: Prepared,
    /// Set when every page is to be made again too (a theme file's version changed).
    pub(super) pages: Option<PagesDue>,
    sidebars_stale: bool,
}

/// Pages made again for the theme change numbered `change`: once they are served, `served`
/// says so (see [`super::Session::aggregates`]).
pub(super) struct PagesDue {
    pub change: u64,
    pub served: Arc<AtomicU64>,
}

impl Live {
    /// Renders the whole course. Returns the pages and copied files, and the whole-course
    /// files when `whole` (else they are left to [`Live::aggregates`]). `previous`'s
    /// templates are kept when the theme's are unchanged. When only the front matter of
    /// `edited` pages changed and the pages are the same, the pages are those of
    /// [`super::nearby`] alone, and the last value is `true`: the others are to be made from
    /// [`Live::aggregates`].
    pub fn full(
        mut course: Course,
        previous: Option<Live>,
        cache: &mut RenderCache,
        (whole, edited): (bool, &[PathBuf]),
    ) -> Result<(Live, Site, Option<Site>, bool), Diagnostics> {
        let first = (previous.as_ref().filter(|_| !whole))
            .and_then(|p| super::nearby::pages_first(&course, &p.course, edited));
        let kept = previous
            .filter(|p| same_templates(&p.course, &course))
            .and_then(|p| Arc::try_unwrap(p.prepared.into_templates()).ok());
        // shared only while an aggregates snapshot is being made: then compiled anew
        let templates = match kept {
            Some(mut templates) => {
                render::set_globals(&mut templates, &course);
                templates
            }
            None => super::templates_or_every_problem(&course)?,
        };
        let templates = Arc::new(templates);
        let misses = AtomicUsize::new(0);
        let markdown = |course: &mut Course| {
            let course = &*course;
            cache.markdown(course, |i| {
                misses.fetch_add(1, Ordering::Relaxed);
                super::page_markdown(course, i, course.pages[i].source.as_ref())
            })
        };
        let (pages, files) = (Collect::default(), Collect::default());
        // edits render pages again with the lock's ids: the course keeps it
        let lock = course.lock.clone();
        let sink = whole.then_some(&files as &dyn crate::site::Sink);
        let only = first.as_deref();
        let done = super::render_all(
            &mut course,
            templates,
            markdown,
            (false, only),
            &pages,
            sink,
        )?;
        course.lock = lock;
        let prepared = done.prepared;
        let misses = misses.into_inner();
        let live = Live {
            edited: HashMap::new(),
            by_source: by_source(&course),
            incoming: incoming(&prepared.markdown),
            reuse: (prepared.markdown.len() - misses, misses),
            sidebars_stale: false,
            course: Arc::new(course),
            prepared,
        };
        let files = whole.then(|| files.into_site());
        Ok((live, pages.into_site(), files, first.is_some()))
    }

    /// Number of pages (home, modules and lessons).
    pub fn page_count(&self) -> usize {
        self.prepared.markdown.len()
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

    /// Replaces pages' files with `edits` (each with the same front matter) and renders those
    /// pages. Returns their output paths and HTML, and whether what they track (items, their
    /// labels) changed: then the course's data scripts are new, and so is every page's address
    /// of them (the pages made here name the new ones; the others are left to
    /// [`Live::aggregates`]). On an error the caller must drop this render.
    pub fn edit(
        &mut self,
        edits: Vec<(usize, MarkdownFile)>,
    ) -> Result<(Vec<(String, Output)>, bool), Diagnostics> {
        let mut tracked = false;
        let indexes: Vec<usize> = edits.iter().map(|(i, _)| *i).collect();
        for (index, file) in edits {
            tracked |= self.replace(index, file)?;
        }
        if tracked {
            self.refresh_data_versions();
        }
        if self.sidebars_stale {
            self.prepared.remake_sidebars(&self.course)?;
            self.sidebars_stale = false;
        }
        let course = &*self.course;
        let pages = (indexes.into_iter())
            .map(|index| render::render_page(course, &self.prepared, index))
            .collect::<Result<_, _>>()?;
        Ok((pages, tracked))
    }

    /// Replaces page `index`'s file with `file` and its Markdown; returns whether what the
    /// page tracks changed.
    fn replace(&mut self, index: usize, file: MarkdownFile) -> Result<bool, Diagnostics> {
        let md = Arc::new(super::page_markdown(&self.course, index, Some(&file)));
        let tracked = md.items != self.prepared.markdown[index].items;
        self.edited.insert(index, file);
        self.relink(index, &md);
        let course = &*self.course;
        let incoming = &self.incoming[index];
        self.prepared
            .replace_markdown(course, index, md, incoming)?;
        Ok(tracked)
    }

    /// Gives the templates the versions of the course's data scripts as the pages' Markdown
    /// now makes them (a theme's sidebar may name them: made again too).
    fn refresh_data_versions(&mut self) {
        let (course, markdown) = (&*self.course, &self.prepared.markdown);
        let lock = crate::record::lock::update(course.lock.clone(), course, markdown);
        let data = super::DataScripts::new(course, markdown, &lock);
        (self.prepared.templates_mut()).set_data_versions(&data.course, &data.labels, &data.index);
        self.sidebars_stale = true;
    }

    /// Takes `table` as the new version of the course's table of the same path: the pages
    /// made after this (by [`Live::edit`]) read it.
    pub fn set_table(&mut self, table: crate::load::Table) {
        let course = Arc::make_mut(&mut self.course);
        course.tables.insert(table.path.clone(), table);
        self.prepared
            .templates_mut()
            .set_global("tables", &course.tables);
    }

    /// Updates which pages link into which for page `index`'s new Markdown `md`.
    fn relink(&mut self, index: usize, md: &RenderedMarkdown) {
        let old = &self.prepared.markdown[index];
        for target in old.anchors.iter().map(|a| a.page) {
            self.incoming[target].retain(|&p| p != index);
        }
        for target in md.anchors.iter().map(|a| a.page) {
            if !self.incoming[target].contains(&index) {
                self.incoming[target].push(index);
            }
        }
    }

    /// A snapshot of what the whole-course files need (pointers, not copies).
    pub fn aggregates(&self) -> Aggregates {
        Aggregates {
            course: self.course.clone(),
            prepared: self.prepared.clone(),
            pages: None,
            sidebars_stale: self.sidebars_stale,
        }
    }

    /// Takes `files` as the course's files in `static/` (one was added).
    pub fn set_static_files(&mut self, files: &[PathBuf]) {
        Arc::make_mut(&mut self.course).static_files = files.to_vec();
    }

    /// Gives theme asset `path` (below `assets/`) its new `bytes`. The pages made after this,
    /// by [`Live::edit`] or from [`Live::aggregates`], name its new version.
    pub fn set_theme_asset(&mut self, path: &str, bytes: Cow<'static, [u8]>) {
        let course = Arc::make_mut(&mut self.course);
        let assets = &mut course.theme.assets;
        match assets.iter_mut().find(|a| a.path == path) {
            Some(asset) => asset.bytes = bytes.clone(),
            None => assets.push(ThemeAsset {
                path: path.to_string(),
                bytes: bytes.clone(),
            }),
        }
        self.prepared.set_asset_version(path, &bytes);
        self.sidebars_stale = true;
    }
}

impl Aggregates {
    /// The course data, progress labels, handouts, progress and 404 pages, publishing files
    /// and search index, as the full render makes them.
    pub fn render(&self) -> Result<Site, Diagnostics> {
        let sink = Collect::default();
        let lock = self.course.lock.clone();
        let lock = crate::record::lock::update(lock, &self.course, &self.prepared.markdown);
        let data = super::DataScripts::new(&self.course, &self.prepared.markdown, &lock);
        super::whole_course(&self.course, &self.prepared, data, &sink)?;
        Ok(sink.into_site())
    }

    /// Every page and copied file, when a theme file's change left the served pages naming
    /// its old version (`None`: the pages are current).
    pub fn pages(&self) -> Option<Result<Site, Diagnostics>> {
        self.pages.as_ref()?;
        let mut prepared = self.prepared.clone();
        if self.sidebars_stale {
            if let Err(e) = prepared.remake_sidebars(&self.course) {
                return Some(Err(e.into()));
            }
        }
        let sink = Collect::default();
        let made = render::render_pages(&self.course, &prepared, &sink);
        Some(made.map(|()| sink.into_site()))
    }

    /// Says that the pages of [`Aggregates::pages`] are served.
    pub fn served(&self) {
        if let Some(due) = &self.pages {
            due.served.fetch_max(due.change, Ordering::AcqRel);
        }
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
