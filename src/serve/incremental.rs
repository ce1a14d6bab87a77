//! Incremental rebuilds: keep the loaded [`Source`], re-read only the files that changed,
//! rebuild the model (cheap) and re-render through a [`RenderCache`], so only pages whose
//! inputs changed go through Markdown and templates again.
//!
//! A change that is not an edit of a known lesson or table (course.yaml, the theme, static
//! files, a file created, deleted or renamed, a folder) reloads the whole course from disk.
//! The result is always what [`crate::build_site`] would produce.

use std::path::{Path, PathBuf};

use crate::error::{relative, Diagnostics};
use crate::load::{self, frontmatter, table, Source};
use crate::model::{self, ModelOptions};
use crate::render::{self, RenderCache};
use crate::{BuildOptions, Built};

/// A course kept in memory between rebuilds.
pub struct Incremental {
    options: BuildOptions,
    /// The last loaded source; `None` after a failed read, forcing a full load next time.
    source: Option<Source>,
    cache: RenderCache,
}

impl Incremental {
    pub fn new(options: BuildOptions) -> Incremental {
        Incremental {
            options,
            source: None,
            cache: RenderCache::default(),
        }
    }

    /// Pages taken from the cache and pages rendered by the last build.
    pub fn last_reuse(&self) -> (usize, usize) {
        (self.cache.last_hits, self.cache.last_misses)
    }

    /// Rebuilds after `changed` (absolute or root-relative paths; empty: load everything).
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<Built, Diagnostics> {
        let root = self.options.root.clone();
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
                    return Err(e);
                }
            },
            Patch::Failed(e) => {
                self.source = None;
                return Err(e);
            }
        }
        let source = self.source.clone().expect("loaded above");
        let course = model::build(
            source,
            ModelOptions {
                drafts: self.options.drafts,
            },
        )?;
        let site = render::render_with(&course, Some(&mut self.cache))?;
        Ok(Built {
            lessons: course.lesson_count(),
            modules: course.modules.len(),
            site,
        })
    }
}

enum Patch {
    Done,
    Reload,
    Failed(Diagnostics),
}

/// Re-reads changed lessons and tables in place; anything else asks for a full reload.
fn patch(source: &mut Source, root: &Path, changed: &[PathBuf]) -> Patch {
    let content = root.join("content");
    for path in changed {
        let path = if path.is_absolute() {
            path.clone()
        } else {
            root.join(path)
        };
        let Ok(rel) = path.strip_prefix(&content) else {
            return Patch::Reload;
        };
        if !path.is_file() || path.is_symlink() {
            return Patch::Reload;
        }
        let result = if let Some(page) = source.pages.iter_mut().find(|p| p.rel == rel) {
            reread_page(page, root, &path)
        } else if let Some(t) = source.tables.iter_mut().find(|t| Path::new(&t.path) == rel) {
            reread_table(t, root, &path)
        } else if source.content_assets.iter().any(|a| a == rel) {
            Ok(()) // copied files are read when served
        } else {
            return Patch::Reload;
        };
        if let Err(e) = result {
            return Patch::Failed(e);
        }
    }
    Patch::Done
}

fn reread_page(page: &mut load::MarkdownFile, root: &Path, path: &Path) -> Result<(), Diagnostics> {
    let text = load::read_text(root, path)?;
    let split = frontmatter::split(&page.file, &text)?;
    page.text = text;
    page.front = split.front;
    page.body_start = split.body_start;
    Ok(())
}

fn reread_table(t: &mut load::Table, root: &Path, path: &Path) -> Result<(), Diagnostics> {
    let text = load::read_text(root, path)?;
    *t = table::parse(&relative(root, path), t.path.clone(), &text)?;
    Ok(())
}
