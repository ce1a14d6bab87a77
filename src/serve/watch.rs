//! Watching the course folder with notify, through notify-debouncer-full.
//!
//! Folders are watched, never single files (editors replace files on save): the course folder
//! itself without recursion (for course.yaml and folders appearing), and `content/`, `themes/`
//! and `static/` recursively. The debouncer merges the bursts editors make when they save
//! atomically (write a temporary file, rename it over the old one); swap, backup and hidden
//! files are ignored. Batches of changed paths go out on a channel.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};

use crate::load::is_ignored;

/// How long the debouncer waits for a burst of events to end.
pub const DEBOUNCE: Duration = Duration::from_millis(20);

/// The folders under the course folder that a build reads.
const WATCHED: [&str; 3] = ["content", "themes", "static"];

/// Keeps the watch alive while held.
pub struct Watch {
    _debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
}

/// Starts watching `root`; every batch of relevant changes is sent on `tx`.
pub fn watch(
    root: &Path,
    tx: Sender<Vec<PathBuf>>,
) -> notify_debouncer_full::notify::Result<Watch> {
    let filter_root = root.to_path_buf();
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
        let events = match result {
            Ok(events) => events,
            Err(errors) => {
                for e in errors {
                    eprintln!("warning: watching files: {e}");
                }
                return;
            }
        };
        let mut paths: Vec<PathBuf> = events
            .iter()
            .filter(|e| !matches!(e.kind, EventKind::Access(_)))
            .flat_map(|e| e.paths.iter())
            .filter(|p| relevant(&filter_root, p))
            .cloned()
            .collect();
        paths.sort();
        paths.dedup();
        if !paths.is_empty() {
            let _ = tx.send(paths);
        }
    })?;
    debouncer.watch(root, RecursiveMode::NonRecursive)?;
    for dir in WATCHED {
        let dir = root.join(dir);
        if dir.is_dir() {
            debouncer.watch(&dir, RecursiveMode::Recursive)?;
        }
    }
    Ok(Watch {
        _debouncer: debouncer,
    })
}

/// Whether a changed path can change the site: course.yaml or anything under a watched
/// folder, except editors' swap, backup and hidden files.
fn relevant(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let mut parts = rel.components();
    let Some(first) = parts.next() else {
        return false;
    };
    let first = first.as_os_str();
    if first == "course.yaml" {
        return true;
    }
    if !WATCHED.iter().any(|w| first == *w) {
        return false;
    }
    !rel.components().any(|c| is_ignored(c.as_os_str())) && !is_editor_probe(path)
}

/// vim creates and deletes a file named `4913` to test that it may write in a folder.
fn is_editor_probe(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == "4913")
}

#[cfg(test)]
mod tests {
    use super::relevant;
    use std::path::Path;

    #[test]
    fn only_course_files_are_relevant() {
        let root = Path::new("/c");
        assert!(relevant(root, Path::new("/c/course.yaml")));
        assert!(relevant(root, Path::new("/c/content/m/a.md")));
        assert!(relevant(root, Path::new("/c/themes/t/static/x.css")));
        for no in [
            "/c/public/index.html",
            "/c/content/m/.a.md.swp",
            "/c/content/m/a.md~",
            "/c/content/m/4913",
            "/c/target/x",
            "/elsewhere/content/a.md",
        ] {
            assert!(!relevant(root, Path::new(no)), "{no}");
        }
    }
}
