//! Changes to copied files alone, which the dev server puts in without rendering anything:
//! a file in the course's `static/` (new or changed) and a file in the course theme's
//! `static/` (new or changed).
//!
//! Neither changes a page's Markdown, the navigation or a whole-course file. A file in
//! `static/` is copied as it is: a new one makes no link valid that the last good build had
//! (that build had no broken link), and a changed one is read when served. A theme file is
//! copied under `assets/`, and every page names it with its content hash (`?v=`), so the
//! pages are made again after it is served (see [`super::Session::aggregates`]).
//!
//! Anything else goes the full way: a deleted file or folder, a symbolic link, a file of
//! another theme, a theme file whose version the build makes from generated text
//! ([`crate::render::asset_urls::made_by_build`]) or that is not copied (`.md`).

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use crate::load::{is_ignored, Source};

/// A changed copied file.
pub(super) enum Copied {
    /// A file in `static/`, relative to it.
    Static(PathBuf),
    /// A file of the course theme's `static/`: its path relative to that folder
    /// (`/`-separated) and its bytes.
    Theme(String, Cow<'static, [u8]>),
}

/// `changed` (absolute or relative to `root`) as changes to copied files, when every change
/// is one.
pub(super) fn classify(root: &Path, source: &Source, changed: &[PathBuf]) -> Option<Vec<Copied>> {
    let theme =
        (source.config.theme.as_ref()).map(|name| root.join("themes").join(name).join("static"));
    let mut copied = Vec::with_capacity(changed.len());
    for path in changed {
        let path = root.join(path);
        let plain = path.is_file() && !path.is_symlink();
        if !plain {
            return None;
        }
        let statics = root.join("static");
        if let Ok(rel) = path.strip_prefix(&statics) {
            ordinary(rel)?;
            copied.push(Copied::Static(rel.to_path_buf()));
            continue;
        }
        let rel = path.strip_prefix(theme.as_ref()?).ok()?;
        let name = ordinary(rel)?;
        if name.ends_with(".md") || crate::render::asset_urls::made_by_build(&name) {
            return None;
        }
        let bytes = std::fs::read(&path).ok()?;
        copied.push(Copied::Theme(name, Cow::Owned(bytes)));
    }
    (!copied.is_empty()).then_some(copied)
}

/// `rel` with `/` separators, unless one of its parts is a name the course walk skips
/// (hidden, backup and swap files) or is not plain.
fn ordinary(rel: &Path) -> Option<String> {
    let mut parts = Vec::new();
    for part in rel.components() {
        let std::path::Component::Normal(part) = part else {
            return None;
        };
        if is_ignored(part) {
            return None;
        }
        parts.push(part.to_str()?);
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}
