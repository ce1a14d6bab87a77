//! Watching the course folder with notify, through notify-debouncer-full.
//!
//! Folders are watched, never single files (editors replace files on save): the course folder
//! itself without recursion (for course.yaml and folders appearing), and `content/`, `themes/`
//! and `static/` recursively. The debouncer merges the bursts editors make when they save
//! atomically (write a temporary file, rename it over the old one); swap, backup and hidden
//! files are ignored. Batches of changed paths, relative to the course folder, go out on a
//! channel.
//!
//! notify reports absolute paths, so the course folder is watched by its canonical path (a
//! relative one such as `.` would never match them). A watched folder that appears at the
//! course root — created while serving, or restored after being deleted or renamed away, as a
//! `git checkout` does — is watched recursively again (re-armed) and reported changed as a
//! whole, since files written into it before the new watch was set made no events.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use notify_debouncer_full::notify::event::ModifyKind;
use notify_debouncer_full::notify::{self, EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{
    new_debouncer, DebounceEventResult, DebouncedEvent, Debouncer, RecommendedCache,
};

use crate::load::is_ignored;

/// How long the debouncer waits for a burst of events to end.
pub const DEBOUNCE: Duration = Duration::from_millis(20);

/// The folders under the course folder that a build reads.
const WATCHED: [&str; 3] = ["content", "themes", "static"];

type Inner = Debouncer<RecommendedWatcher, RecommendedCache>;

/// The debouncer, shared with its own event handler so that the handler can re-arm watches
/// (the handler holds it weakly: dropping the [`Watch`] ends it).
type Shared = Arc<Mutex<Option<Inner>>>;

/// Keeps the watch alive while held.
pub struct Watch {
    _debouncer: Shared,
}

/// Starts watching `root`; every batch of relevant changes is sent on `tx`, as paths relative
/// to `root`.
pub fn watch(root: &Path, tx: Sender<Vec<PathBuf>>) -> notify::Result<Watch> {
    let root = std::fs::canonicalize(root).map_err(notify::Error::io)?;
    let shared: Shared = Arc::default();
    let handler_root = root.clone();
    let handle = Arc::downgrade(&shared);
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
        on_events(&handler_root, &handle, &tx, result)
    })?;
    debouncer.watch(&root, RecursiveMode::NonRecursive)?;
    for dir in WATCHED {
        let dir = root.join(dir);
        if dir.is_dir() {
            debouncer.watch(&dir, RecursiveMode::Recursive)?;
        }
    }
    *shared.lock().unwrap_or_else(|e| e.into_inner()) = Some(debouncer);
    Ok(Watch { _debouncer: shared })
}

/// One batch from the debouncer: re-arms folders that appeared, then sends what changed.
fn on_events(
    root: &Path,
    debouncer: &Weak<Mutex<Option<Inner>>>,
    tx: &Sender<Vec<PathBuf>>,
    result: DebounceEventResult,
) {
    let events = match result {
        Ok(events) => events,
        Err(errors) => {
            for e in errors {
                eprintln!("warning: watching files: {e}");
            }
            return;
        }
    };
    let appeared = appeared(root, &events);
    if let Some(debouncer) = debouncer.upgrade() {
        rearm(root, &debouncer, &appeared);
    }
    let mut paths: Vec<PathBuf> = events
        .iter()
        .filter(|e| !matches!(e.kind, EventKind::Access(_)))
        .flat_map(|e| e.paths.iter())
        .filter_map(|p| course_path(root, p))
        .chain(appeared.into_iter().map(PathBuf::from))
        .collect();
    paths.sort();
    paths.dedup();
    if !paths.is_empty() {
        let _ = tx.send(paths);
    }
}

/// The watched folders that are folders now and that the batch created or renamed into place
/// (all of them after an overflow, when events were lost).
fn appeared(root: &Path, events: &[DebouncedEvent]) -> Vec<&'static str> {
    let lost = events.iter().any(|e| e.need_rescan());
    WATCHED
        .into_iter()
        .filter(|dir| {
            let path = root.join(dir);
            let named = events.iter().any(|e| {
                matches!(
                    e.kind,
                    EventKind::Create(_) | EventKind::Modify(ModifyKind::Name(_))
                ) && e.paths.contains(&path)
            });
            (lost || named) && path.is_dir()
        })
        .collect()
}

/// Watches `dirs` recursively again (a watch on a deleted folder ends with it).
fn rearm(root: &Path, debouncer: &Mutex<Option<Inner>>, dirs: &[&str]) {
    let mut debouncer = debouncer.lock().unwrap_or_else(|e| e.into_inner());
    let Some(debouncer) = debouncer.as_mut() else {
        return;
    };
    for dir in dirs {
        if let Err(e) = debouncer.watch(root.join(dir), RecursiveMode::Recursive) {
            eprintln!("warning: watching {dir}/: {e}");
        }
    }
}

/// The path relative to the course folder, when it can change the site: course.yaml or
/// anything under a watched folder, except editors' swap, backup and hidden files.
fn course_path(root: &Path, path: &Path) -> Option<PathBuf> {
    let rel = path.strip_prefix(root).ok()?;
    let first = rel.components().next()?.as_os_str();
    if first == "course.yaml" {
        return Some(rel.to_path_buf());
    }
    let wanted = WATCHED.iter().any(|w| first == *w)
        && !rel.components().any(|c| is_ignored(c.as_os_str()))
        && !is_editor_probe(path);
    wanted.then(|| rel.to_path_buf())
}

/// vim creates and deletes a file named `4913` to test that it may write in a folder.
fn is_editor_probe(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == "4913")
}

#[cfg(test)]
mod tests {
    use super::course_path;
    use std::path::Path;

    #[test]
    fn only_course_files_are_relevant_and_go_out_relative() {
        let root = Path::new("/c");
        for (path, rel) in [
            ("/c/course.yaml", "course.yaml"),
            ("/c/content/m/a.md", "content/m/a.md"),
            ("/c/themes/t/static/x.css", "themes/t/static/x.css"),
            ("/c/./static", "static"),
        ] {
            assert_eq!(course_path(root, Path::new(path)).unwrap(), Path::new(rel));
        }
        for no in [
            "/c/public/index.html",
            "/c/content/m/.a.md.swp",
            "/c/content/m/a.md~",
            "/c/content/m/4913",
            "/c/target/x",
            "/c/content.away/a.md",
            "/elsewhere/content/a.md",
        ] {
            assert_eq!(course_path(root, Path::new(no)), None, "{no}");
        }
    }
}
