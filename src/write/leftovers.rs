//! The temporary folders a build makes beside its output, and the ones interrupted builds
//! left behind.
//!
//! A build writes into `.lectern-build-<output>.XXXXXX` and, when it swaps the new site in,
//! moves the previous one into `.lectern-old-<output>.XXXXXX` to delete it. Each such folder
//! is locked (`flock`) by the build that made it for as long as that build runs; the kernel
//! drops the lock when the process ends, however it ends. So a folder of this output's name
//! that nobody holds locked was left by a build that was killed, lost power or crashed, and a
//! later build removes it ([`remove_stale`]). Folders of other outputs, folders still locked
//! and anything not named this way are never touched.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

/// What a temporary folder is for: the new site, or the previous one on its way out.
#[derive(Clone, Copy)]
pub enum Purpose {
    Build,
    Old,
}

const PURPOSES: [Purpose; 2] = [Purpose::Build, Purpose::Old];

/// How many random characters `tempfile` ends a name with.
const RANDOM: usize = 6;

/// A temporary folder beside the output, locked for as long as this value lives.
pub struct Claimed {
    pub dir: tempfile::TempDir,
    _lock: File,
}

impl Claimed {
    /// Keeps the folder (it is about to become the output) and hands back its path and the
    /// lock, to hold until the folder is in place.
    pub fn keep(self) -> (PathBuf, File) {
        (self.dir.keep(), self._lock)
    }
}

/// Makes and locks a temporary folder for `out` in `parent`.
pub fn claim(parent: &Path, out: &Path, purpose: Purpose) -> io::Result<Claimed> {
    let prefix = prefix(out, purpose);
    // A build removing stale folders may take a new folder for stale between its creation
    // and its locking; then it is gone or changed, and another one is made.
    for _ in 0..8 {
        let dir = tempfile::Builder::new()
            .prefix(&prefix)
            .rand_bytes(RANDOM)
            .tempdir_in(parent)?;
        let lock = File::open(dir.path())?;
        if lock.try_lock().is_ok() && same_folder(&lock, dir.path()) {
            return Ok(Claimed { dir, _lock: lock });
        }
    }
    Err(io::Error::other("another build keeps removing its folders"))
}

/// Removes the temporary folders of `out` that no running build holds; returns them.
pub fn remove_stale(out: &Path) -> Vec<PathBuf> {
    let parent = super::parent_of(out);
    let Ok(entries) = fs::read_dir(&parent) else {
        return Vec::new();
    };
    let prefixes = PURPOSES.map(|p| prefix(out, p));
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = prefixes.iter().any(|p| is_named(&name, p));
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if ours && is_dir && remove_if_unheld(&entry.path()) {
            removed.push(entry.path());
        }
    }
    removed.sort();
    removed
}

/// Removes `dir` while holding its lock, if no build holds it.
fn remove_if_unheld(dir: &Path) -> bool {
    let Ok(lock) = File::open(dir) else {
        return false;
    };
    if lock.try_lock().is_err() || !same_folder(&lock, dir) {
        return false;
    }
    fs::remove_dir_all(dir).is_ok()
}

/// Whether `name` is `prefix` and then exactly the random part `tempfile` adds.
fn is_named(name: &str, prefix: &str) -> bool {
    name.strip_prefix(prefix)
        .is_some_and(|rest| rest.len() == RANDOM && rest.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// `.lectern-build-public.` for an output folder named `public`.
fn prefix(out: &Path, purpose: Purpose) -> String {
    let kind = match purpose {
        Purpose::Build => "build",
        Purpose::Old => "old",
    };
    let name = out
        .file_name()
        .map_or_else(|| "site".into(), |n| n.to_string_lossy());
    format!(".lectern-{kind}-{}.", shorten(&name, 100))
}

/// At most `max` bytes of `name`, cut at a character boundary (file names have a limit).
fn shorten(name: &str, max: usize) -> &str {
    let mut end = name.len().min(max);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    &name[..end]
}

/// Whether the folder open as `file` is still the one at `path`.
#[cfg(unix)]
fn same_folder(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_folder(_file: &File, path: &Path) -> bool {
    path.is_dir()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_carry_the_output_and_only_exact_ones_match() {
        let out = Path::new("/srv/public");
        let build = prefix(out, Purpose::Build);
        assert_eq!(build, ".lectern-build-public.");
        assert!(is_named(".lectern-build-public.a1B2c3", &build));
        assert!(!is_named(".lectern-build-public.x.a1B2c3", &build));
        assert!(!is_named(".lectern-build-public.a1B2c", &build));
        assert!(!is_named(".lectern-build-a1B2c3", &build));
        assert_eq!(shorten("ééé", 3), "é");
    }

    #[test]
    fn a_held_folder_stays_and_an_abandoned_one_goes() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let held = claim(dir.path(), &out, Purpose::Build).unwrap();
        fs::write(held.dir.path().join("index.html"), "x").unwrap();
        let abandoned = dir.path().join(".lectern-old-public.Zz9Yy8");
        fs::create_dir_all(abandoned.join("site/m")).unwrap();
        let other = dir.path().join(".lectern-build-elsewhere.Zz9Yy8");
        fs::create_dir(&other).unwrap();
        assert_eq!(remove_stale(&out), vec![abandoned.clone()]);
        assert!(held.dir.path().join("index.html").exists());
        assert!(!abandoned.exists() && other.exists());
        let path = held.dir.path().to_path_buf();
        drop(held);
        assert!(!path.exists());
    }
}
