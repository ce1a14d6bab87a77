//! Re-reading what changed into the kept [`Source`] for the dev server's full rebuilds: a
//! lesson, a table, the theme's templates or `course.yaml` in place; anything else asks for
//! the whole course to be loaded again.

use std::path::{Path, PathBuf};

use crate::error::{relative, Diagnostics};
use crate::load::{self, frontmatter, table, Source};

/// Whether `path` is a template of the course's own theme (`themes/<name>/templates/`).
fn is_template(source: &Source, root: &Path, path: &Path) -> bool {
    let Some(name) = source.config.theme.as_deref() else {
        return false;
    };
    let templates = root.join("themes").join(name).join("templates");
    path.starts_with(templates) && path.is_file() && !path.is_symlink()
}

pub(super) enum Patch {
    Done,
    Reload,
    Failed(Diagnostics),
}

/// Re-reads changed lessons, tables, the theme's templates and `course.yaml` (naming the same
/// theme and languages) in place; anything else asks for a full reload.
pub(super) fn patch(source: &mut Source, root: &Path, changed: &[PathBuf]) -> Patch {
    let content = root.join("content");
    for path in changed {
        let path = if path.is_absolute() {
            path.clone()
        } else {
            root.join(path)
        };
        if is_template(source, root, &path) {
            match load::theme::load(root, source.config.theme.as_deref()) {
                // the theme's static files and strings are put in apart (see `copied`)
                Ok(theme) => source.theme.templates = theme.templates,
                Err(e) => return Patch::Failed(e),
            }
            continue;
        }
        if path == root.join("course.yaml") {
            match load::reread_config(source) {
                Some(config) => source.config = config,
                None => return Patch::Reload,
            }
            continue;
        }
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
