//! The library's incremental build API: a [`Session`] keeps the loaded [`Source`] and the last
//! good [`Live`] render, and given what changed, redoes only what the change needs.
//!
//! An edit to the body of a lesson (or `_index.md`) whose front matter is unchanged re-renders
//! that page alone ([`Update::Pages`]); the whole-course files are then made apart, from
//! [`Session::aggregates`]. An edit to tables alone (each still read without a problem) makes
//! again the pages whose Markdown names one of them, the same way ([`Update::Pages`]), unless
//! the course's own theme reads `tables` in a template. Any other change re-reads what changed
//! ([`patch`]: a lesson, a table, a template, `course.yaml`) or the whole course (the theme's
//! name or languages, static files, files created, deleted or renamed), rebuilds the model and renders every page, taking unchanged pages' Markdown from
//! the [`RenderCache`] and the compiled templates from the previous render when the theme is
//! unchanged ([`Update::Full`]); after the first build its whole-course files are left to
//! [`Session::aggregates`] too. A change to copied files alone (`static/`, the theme's static
//! files) puts those files in ([`Update::Files`]); when a theme file changed, the pages that
//! name its version are made again from [`Session::aggregates`] too. After a failed build the
//! next one is a full one. Pages plus aggregates are always what [`crate::build_site`] would
//! produce.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use super::cache::RenderCache;
use super::copied::{self, Copied};
use super::live::{Aggregates, Live, PagesDue};
use super::patch::{patch, Patch};
use crate::error::{relative, Diagnostics};
use crate::load::theme::ThemeAsset;
use crate::load::{self, frontmatter, table, MarkdownFile, Source};
use crate::model::{self, ModelOptions};
use crate::site::{Collect, Output, Site};
use crate::BuildOptions;

/// A course kept in memory between rebuilds.
pub struct Session {
    options: BuildOptions,
    /// The last loaded source; `None` after a failed read, forcing a full load next time.
    source: Option<Source>,
    /// The last good render; `None` after a failed build.
    live: Option<Live>,
    cache: RenderCache,
    reuse: (usize, usize),
    /// Rebuilds so far that left pages to make from [`Session::aggregates`] (a theme file's
    /// change, a front-matter edit), and up to which of them those pages are served.
    stale_changes: u64,
    pages_served: Arc<AtomicU64>,
}

/// What a rebuild changed in the site.
pub enum Update {
    /// Every page and copied file, and the whole-course files (`None`: the previous ones stay
    /// until made again from [`Session::aggregates`]).
    Full {
        pages: Site,
        aggregates: Option<Site>,
        /// Whether `pages` holds some pages alone (see [`super::nearby`]): the others keep
        /// their last version until made again from [`Session::aggregates`].
        rest_stale: bool,
        /// What the author should know but that did not stop the build.
        warnings: Vec<crate::Diagnostic>,
    },
    /// Only these pages changed; the whole-course files are stale until made again.
    Pages(Vec<(String, Output)>),
    /// Only these copied files changed (see [`super::copied`]). When `pages_stale` (a theme
    /// file changed), every page names its old version until the pages and whole-course
    /// files are made again from [`Session::aggregates`]; else nothing else changed.
    Files {
        files: Vec<(String, Output)>,
        pages_stale: bool,
    },
}

impl Update {
    /// Whether the whole-course files are left to be made from [`Session::aggregates`].
    pub fn aggregates_pending(&self) -> bool {
        matches!(
            self,
            Update::Pages(_)
                | Update::Full {
                    aggregates: None,
                    ..
                }
                | Update::Files {
                    pages_stale: true,
                    ..
                }
        )
    }
}

impl Session {
    pub fn new(options: BuildOptions) -> Session {
        Session {
            options,
            source: None,
            live: None,
            cache: RenderCache::default(),
            reuse: (0, 0),
            stale_changes: 0,
            pages_served: Arc::default(),
        }
    }

    /// Pages whose Markdown was reused and pages rendered by the last build.
    pub fn last_reuse(&self) -> (usize, usize) {
        self.reuse
    }

    /// What the whole-course files of the last good build need, and every page too while
    /// the served ones may name a theme file's old version.
    pub fn aggregates(&self) -> Option<Aggregates> {
        let mut job = self.live.as_ref().map(Live::aggregates)?;
        if self.pages_served.load(Ordering::Acquire) < self.stale_changes {
            job.pages = Some(PagesDue {
                change: self.stale_changes,
                served: self.pages_served.clone(),
            });
        }
        Some(job)
    }

    /// Rebuilds after `changed` (absolute or root-relative paths; empty: load everything).
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<Update, Diagnostics> {
        let result = if let Some(copied) = self.copied(changed) {
            self.copy_files(copied)
        } else {
            match self.edits(changed) {
                Some(edits) => self.edit_pages(edits),
                None => match self.table_edits(changed) {
                    Some(tables) => self.edit_tables(tables),
                    None => self.full(changed),
                },
            }
        };
        if result.is_err() {
            self.live = None;
        }
        result
    }

    /// The changed files as new versions of known pages with unchanged front matter, when
    /// every change is one (else `None`: a full rebuild).
    fn edits(&self, changed: &[PathBuf]) -> Option<Vec<(usize, MarkdownFile)>> {
        let (live, source) = (self.live.as_ref()?, self.source.as_ref()?);
        // a course in several languages is rebuilt whole: an original's edit shows in the
        // other languages that have not translated it
        if source.config.languages.len() > 1 {
            return None;
        }
        let root = &self.options.root;
        let content = root.join("content");
        let mut edits = Vec::new();
        for path in changed {
            let path = root.join(path);
            let rel = path.strip_prefix(&content).ok()?;
            let index = live.page_of(rel)?;
            if path.is_symlink() || !path.is_file() {
                return None;
            }
            let old = source.pages.iter().find(|p| p.rel == rel)?;
            let text = load::read_text(root, &path).ok()?;
            let split = frontmatter::split(&old.file, &text).ok()?;
            let file = MarkdownFile {
                rel: old.rel.clone(),
                file: old.file.clone(),
                text,
                front: split.front,
                body_start: split.body_start,
            };
            if !live.same_front_matter(index, &file) {
                return None;
            }
            edits.push((index, file));
        }
        (!edits.is_empty()).then_some(edits)
    }

    fn edit_pages(&mut self, edits: Vec<(usize, MarkdownFile)>) -> Result<Update, Diagnostics> {
        let Some(source) = self.source.as_mut() else {
            unreachable!("edits() needs the source");
        };
        for (_, file) in &edits {
            if let Some(page) = source.pages.iter_mut().find(|p| p.rel == file.rel) {
                *page = file.clone();
            }
        }
        self.edit_live(edits)
    }

    /// Makes the pages of `edits` again with their new files (see [`Live::edit`]); when what
    /// they track changed, every other page is left to [`Session::aggregates`] too.
    fn edit_live(&mut self, edits: Vec<(usize, MarkdownFile)>) -> Result<Update, Diagnostics> {
        let live = self.live.as_mut().expect("edits need the last render");
        let count = edits.len();
        let (files, tracked) = live.edit(edits)?;
        self.stale_changes += u64::from(tracked);
        self.reuse = (live.page_count() - count, count);
        Ok(Update::Pages(files))
    }

    /// The changed files as new versions of the course's tables, each read without a problem,
    /// when every change is one and no template of the course's theme reads `tables` (else
    /// `None`: a full rebuild, which reports a table's problems).
    fn table_edits(&self, changed: &[PathBuf]) -> Option<Vec<load::Table>> {
        let (_, source) = (self.live.as_ref()?, self.source.as_ref()?);
        // the other languages are rendered whole each time (see `edits`)
        if source.config.languages.len() > 1 || theme_reads_tables(source) {
            return None;
        }
        let root = &self.options.root;
        let content = root.join("content");
        let read = |path: &PathBuf| {
            let path = root.join(path);
            let rel = path.strip_prefix(&content).ok()?;
            let old = source.tables.iter().find(|t| Path::new(&t.path) == rel)?;
            if path.is_symlink() || !path.is_file() {
                return None;
            }
            let text = load::read_text(root, &path).ok()?;
            table::parse(&relative(root, &path), old.path.clone(), &text).ok()
        };
        let tables: Option<Vec<load::Table>> = changed.iter().map(read).collect();
        tables.filter(|t| !t.is_empty())
    }

    /// Takes `tables` as the new versions of the course's tables of the same paths and makes
    /// again the pages whose Markdown names one of them (`src:`/`from:` paths); the others
    /// are unchanged.
    fn edit_tables(&mut self, tables: Vec<load::Table>) -> Result<Update, Diagnostics> {
        let (Some(live), Some(source)) = (self.live.as_mut(), self.source.as_mut()) else {
            unreachable!("table_edits() needs both");
        };
        let paths: Vec<String> = tables.iter().map(|t| t.path.clone()).collect();
        for table in tables {
            if let Some(old) = source.tables.iter_mut().find(|t| t.path == table.path) {
                *old = table.clone();
            }
            live.set_table(table);
        }
        let using: Vec<(usize, MarkdownFile)> = (source.pages.iter())
            .filter(|page| paths.iter().any(|path| page.text.contains(path.as_str())))
            .filter_map(|page| Some((live.page_of(&page.rel)?, page.clone())))
            .collect();
        self.edit_live(using)
    }

    /// The changed files as copied files alone, when every change is one (see
    /// [`super::copied`]).
    fn copied(&self, changed: &[PathBuf]) -> Option<Vec<Copied>> {
        let source = self.source.as_ref().filter(|_| self.live.is_some())?;
        // the other languages are rendered whole each time (see `edits`)
        if source.config.languages.len() > 1 {
            return None;
        }
        copied::classify(&self.options.root, source, changed)
    }

    fn copy_files(&mut self, copied: Vec<Copied>) -> Result<Update, Diagnostics> {
        let (Some(live), Some(source)) = (self.live.as_mut(), self.source.as_mut()) else {
            unreachable!("copied() needs both");
        };
        let (mut files, mut theme) = (Vec::with_capacity(copied.len()), false);
        for file in copied {
            match file {
                Copied::Static(rel) => {
                    let out = rel.to_string_lossy().replace('\\', "/");
                    let copy = Output::Copy(source.root.join("static").join(&rel));
                    if let Err(at) = source.static_files.binary_search(&rel) {
                        source.static_files.insert(at, rel);
                        live.set_static_files(&source.static_files);
                    }
                    files.push((out, copy));
                }
                Copied::Theme(path, bytes) => {
                    let assets = &mut source.theme.assets;
                    match assets.iter_mut().find(|a| a.path == path) {
                        Some(asset) => asset.bytes = bytes.clone(),
                        None => assets.push(ThemeAsset {
                            path: path.clone(),
                            bytes: bytes.clone(),
                        }),
                    }
                    live.set_theme_asset(&path, bytes.clone());
                    files.push((format!("assets/{path}"), Output::Bytes(bytes)));
                    theme = true;
                }
            }
        }
        self.stale_changes += u64::from(theme);
        self.reuse = (live.page_count(), 0);
        Ok(Update::Files {
            files,
            pages_stale: theme,
        })
    }

    fn full(&mut self, changed: &[PathBuf]) -> Result<Update, Diagnostics> {
        let root = self.options.root.clone();
        let edited = self.known_pages(changed).unwrap_or_default();
        let patched = match self.source.as_mut() {
            Some(source) if !changed.is_empty() => patch(source, &root, changed),
            _ => Patch::Reload,
        };
        match patched {
            Patch::Done => {}
            Patch::Reload => match load::load(&root) {
                Ok(source) => self.source = Some(source),
                Err(e) => {
                    self.source = None;
                    return Err(self.every_problem(e));
                }
            },
            Patch::Failed(e) => {
                self.source = None;
                return Err(self.every_problem(e));
            }
        }
        let mut courses = self.languages()?;
        let mut course = courses.remove(0);
        let mut warnings = std::mem::take(&mut course.warnings);
        // after the first good build the whole-course files (search index, handouts) are made
        // after the pages are served
        let whole = self.live.is_none();
        let previous = self.live.take();
        let (live, mut pages, aggregates, rest_stale) =
            Live::full(course, previous, &mut self.cache, (whole, &edited))?;
        self.reuse = live.reuse;
        self.live = Some(live);
        if rest_stale {
            self.stale_changes += 1;
        } else {
            // every page is made again here
            (self.pages_served).fetch_max(self.stale_changes, Ordering::AcqRel);
        }
        // the other languages are rendered whole each time (see `edits`)
        let translated = Collect::default();
        warnings.extend(super::render_translations(courses, &translated)?.1);
        pages.files.extend(translated.into_site().files);
        Ok(Update::Full {
            pages,
            aggregates,
            rest_stale,
            warnings,
        })
    }

    /// The changed files relative to `content/`, when every one is a page of the last good
    /// build in the one language.
    fn known_pages(&self, changed: &[PathBuf]) -> Option<Vec<PathBuf>> {
        let live = self.live.as_ref()?;
        let source = self.source.as_ref()?;
        if source.config.languages.len() > 1 {
            return None;
        }
        let content = self.options.root.join("content");
        let rel = |path: &PathBuf| {
            let rel = self.options.root.join(path);
            let rel = rel.strip_prefix(&content).ok()?.to_path_buf();
            live.page_of(&rel).map(|_| rel)
        };
        changed.iter().map(rel).collect()
    }
}

impl Session {
    /// The loaded source modelled in each of its languages, the default first (see
    /// [`crate::languages`]).
    fn languages(&self) -> Result<Vec<crate::model::Course>, Diagnostics> {
        let source = self.source.clone().expect("loaded above");
        let split = crate::languages::split(source);
        if !split.problems.is_empty() {
            return Err(self.every_problem(split.problems));
        }
        let drafts = self.options.drafts;
        let mut courses = Vec::with_capacity(split.sources.len());
        for source in split.sources {
            let mut course =
                model::build(source, ModelOptions { drafts }).map_err(|e| self.every_problem(e))?;
            crate::record::moves::relocate(&mut course);
            courses.push(course);
        }
        crate::languages::link(&mut courses, &split.translated, split.warnings);
        Ok(courses)
    }

    /// Every problem of the course, as a build reports them, when a rebuild stopped at
    /// `first` (a file that could not be read, or the model): the rest of the course is
    /// read, modelled and rendered once more to find the others (see
    /// [`super::load_and_model`]), so the overlay lists what `lectern build` would.
    fn every_problem(&self, first: Diagnostics) -> Diagnostics {
        super::load_and_model(&self.options).err().unwrap_or(first)
    }
}

/// Whether a template of the course's own theme reads the `tables` value, so that a table's
/// change may show on any page.
fn theme_reads_tables(source: &Source) -> bool {
    (source.theme.templates.iter())
        .any(|t| t.origin == load::theme::Origin::Course && t.text.contains("tables"))
}
