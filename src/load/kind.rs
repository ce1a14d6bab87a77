//! What kind of thing a path is, asked before anything is opened: opening a named pipe waits
//! for a writer forever, and a loop of symbolic links looks, to most calls, like a file that
//! does not exist. Both get errors that say what they are.

use std::collections::HashSet;
use std::fs;
use std::path::Path;

use crate::error::{relative, Diagnostic};

/// Most links a path may go through before it counts as a loop (Linux allows 40).
const MAX_HOPS: usize = 40;

/// Whether following the symbolic link `path` comes back to a link already followed (or goes
/// on for longer than the system allows).
pub fn is_link_loop(path: &Path) -> bool {
    let mut seen = HashSet::new();
    let mut at = path.to_path_buf();
    for _ in 0..MAX_HOPS {
        let Ok(target) = fs::read_link(&at) else {
            return false;
        };
        at = match at.parent() {
            Some(folder) => folder.join(target),
            None => target,
        };
        if !seen.insert(at.clone()) {
            return true;
        }
    }
    true
}

/// The error for a symbolic link that leads back to itself.
pub fn link_loop(root: &Path, path: &Path) -> Diagnostic {
    Diagnostic::file(
        relative(root, path),
        "this symbolic link makes a loop (following it leads back to a link already followed)",
    )
    .help("remove the link or point it at a real file")
}

/// The error for a named pipe, socket or device where a file is read.
pub fn not_ordinary(root: &Path, path: &Path, fix: &str) -> Diagnostic {
    Diagnostic::file(
        relative(root, path),
        "this is not an ordinary file (it is a named pipe, socket or device), so it cannot be read",
    )
    .help(fix.to_string())
}

/// Checks that `path` (a file the build reads by name, like `course.yaml`) is an ordinary file
/// or missing, before it is opened; folders are left to the reader, which names them.
pub fn check_readable(root: &Path, path: &Path) -> Result<(), Diagnostic> {
    match fs::metadata(path) {
        Ok(meta) if meta.is_file() || meta.is_dir() => Ok(()),
        Ok(_) => Err(not_ordinary(
            root,
            path,
            "replace it with an ordinary file of this name",
        )),
        Err(_) if is_link_loop(path) => Err(link_loop(root, path)),
        Err(_) => Ok(()),
    }
}

/// Whether `path` names something, even a broken or looping link.
pub fn is_there(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn loops_are_told_from_missing_targets() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        symlink("self.md", d.join("self.md")).unwrap();
        symlink("b.md", d.join("a.md")).unwrap();
        symlink("a.md", d.join("b.md")).unwrap();
        symlink("missing.md", d.join("dangling.md")).unwrap();
        fs::write(d.join("real.md"), "x").unwrap();
        symlink("real.md", d.join("good.md")).unwrap();
        assert!(is_link_loop(&d.join("self.md")));
        assert!(is_link_loop(&d.join("a.md")));
        assert!(!is_link_loop(&d.join("dangling.md")));
        assert!(!is_link_loop(&d.join("good.md")));
        assert!(!is_link_loop(&d.join("real.md")));
        let e = check_readable(d, &d.join("a.md")).unwrap_err();
        assert_eq!(e.file, Path::new("a.md"));
        assert!(e.message.contains("makes a loop"));
    }
}
