//! Walking the course folders: which files are content, which are ignored (hidden files,
//! editor swap and backup files), symlinks that loop or point outside the course, and what
//! to say when a folder entry cannot be read.

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::{io_reason, kind};
use crate::error::{relative, Diagnostic, Diagnostics};

/// Names that are never content: hidden files, editor swap and backup files.
pub fn is_ignored(name: &OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.starts_with('#')
}

#[derive(Default)]
pub(super) struct Listing {
    pub markdown: Vec<PathBuf>,
    pub yaml: Vec<PathBuf>,
    pub other: Vec<PathBuf>,
}

/// Markdown files are handed to `found_markdown` in batches of this many (with the batch's
/// number), as soon as the walk has found them.
const BATCH: usize = 32;

/// Lists `content/` in path order, reporting entries that cannot be content. Markdown files
/// are also handed to `found_markdown` batch by batch while the walk goes on, so that they can
/// be read meanwhile.
pub(super) fn walk(
    root: &Path,
    content: &Path,
    problems: &mut Diagnostics,
    mut found_markdown: impl FnMut(usize, Vec<PathBuf>),
) -> Listing {
    let mut listing = Listing::default();
    let mut batches = Batches::default();
    let real_root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let walker = WalkDir::new(content).follow_links(true).sort_by(by_name);
    let entries = walker
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(e.file_name()));
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                problems.push(walk_error(root, content, &e));
                continue;
            }
        };
        if entry.path_is_symlink() && !points_inside(&real_root, entry.path()) {
            problems.push(
                Diagnostic::file(
                    relative(root, entry.path()),
                    "this symbolic link points outside the course folder",
                )
                .help("copy the file into the course instead, so the course is self-contained"),
            );
            continue;
        }
        if entry.file_type().is_dir() {
            continue;
        }
        if !entry.file_type().is_file() {
            let fix = "remove it from content/, or replace it with an ordinary file";
            problems.push(kind::not_ordinary(root, entry.path(), fix));
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(content)
            .unwrap_or(entry.path())
            .to_path_buf();
        match entry.path().extension().and_then(OsStr::to_str) {
            Some("md") => {
                listing.markdown.push(rel);
                batches.hand_out(&listing.markdown, false, &mut found_markdown);
            }
            Some("yaml") | Some("yml") => listing.yaml.push(rel),
            _ => listing.other.push(rel),
        }
    }
    batches.hand_out(&listing.markdown, true, &mut found_markdown);
    listing
}

/// Orders the entries of one folder by name, as `WalkDir::sort_by_file_name` does, comparing
/// whole paths: siblings' paths are their folder's path joined with their names, so they
/// compare as the names do, and the name need not be parsed out of the path at every
/// comparison (that was a sixth of the walk).
fn by_name(a: &walkdir::DirEntry, b: &walkdir::DirEntry) -> std::cmp::Ordering {
    a.path().as_os_str().cmp(b.path().as_os_str())
}

/// Which of the Markdown files found so far were handed out, in batches.
#[derive(Default)]
struct Batches {
    handed_out: usize,
    count: usize,
}

impl Batches {
    /// Hands out the files not handed out yet: a full batch, or (`last`) whatever is left.
    fn hand_out(
        &mut self,
        markdown: &[PathBuf],
        last: bool,
        to: &mut impl FnMut(usize, Vec<PathBuf>),
    ) {
        let waiting = &markdown[self.handed_out..];
        if waiting.len() >= BATCH || (last && !waiting.is_empty()) {
            to(self.count, waiting.to_vec());
            self.handed_out = markdown.len();
            self.count += 1;
        }
    }
}

fn points_inside(real_root: &Path, path: &Path) -> bool {
    fs::canonicalize(path).is_ok_and(|p| p.starts_with(real_root))
}

pub(crate) fn walk_error(root: &Path, content: &Path, e: &walkdir::Error) -> Diagnostic {
    let path = e.path().unwrap_or(content);
    if e.loop_ancestor().is_some() {
        return Diagnostic::file(
            relative(root, path),
            "this symbolic link makes a loop (it points to a folder that contains it)",
        )
        .help("remove the link or point it somewhere else");
    }
    if kind::is_link_loop(path) {
        return kind::link_loop(root, path);
    }
    if let Ok(target) = fs::read_link(path) {
        return Diagnostic::file(
            relative(root, path),
            format!(
                "this symbolic link points to `{}`, which does not exist",
                target.display()
            ),
        )
        .help("point the link at an existing file, or remove it");
    }
    let reason = e.io_error().map_or_else(|| e.to_string(), io_reason);
    Diagnostic::file(relative(root, path), format!("cannot read this: {reason}"))
        .help("check that it exists and that you may read it")
}

pub(super) fn list_static(root: &Path, problems: &mut Diagnostics) -> Vec<PathBuf> {
    let dir = root.join("static");
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut files = Vec::new();
    for entry in WalkDir::new(&dir).sort_by(by_name) {
        match entry {
            Ok(e) if is_ignored(e.file_name()) && e.depth() > 0 => {}
            Ok(e) if e.file_type().is_file() => {
                files.push(
                    e.path()
                        .strip_prefix(&dir)
                        .unwrap_or(e.path())
                        .to_path_buf(),
                );
            }
            Ok(e) if is_special(e.file_type()) => {
                let fix = "remove it from static/, or replace it with an ordinary file";
                problems.push(kind::not_ordinary(root, e.path(), fix));
            }
            Ok(_) => {}
            Err(e) => problems.push(walk_error(root, &dir, &e)),
        }
    }
    files
}

/// A named pipe, socket or device: neither a file, a folder nor a link.
pub(super) fn is_special(t: fs::FileType) -> bool {
    !t.is_file() && !t.is_dir() && !t.is_symlink()
}
