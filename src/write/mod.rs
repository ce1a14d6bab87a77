//! Stage 4, write: put a [`Site`] on disk atomically.
//!
//! Files go into a temporary folder beside the output folder; only when every file is written
//! is the old output swapped out and the new one renamed into place. A failed build therefore
//! leaves the previous output exactly as it was.
//!
//! [`write_with`] lets the renderer stream pages into the staging folder as it makes them
//! (through [`Staging`], a [`Sink`]), so a big course is never held in memory all at once;
//! [`write`] puts an already collected [`Site`] on disk the same way. A page handed over in
//! pieces (its shell, shared sidebar and Markdown HTML) is written with vectored writes, never
//! joined in memory. On a rebuild, a file whose bytes did not change is linked from the
//! previous output instead of written ([`reuse`]). Only an empty folder or an earlier Lectern
//! site is ever replaced ([`guard`]); the temporary folders are locked while a build runs, and
//! the ones interrupted builds left are removed by the next build ([`leftovers`]).
//! [`file_atomically`] writes a single file the same way (the course's `lectern.lock`).

mod guard;
mod leftovers;
mod reuse;

pub use leftovers::remove_stale as remove_leftovers;

use std::collections::HashSet;
use std::fs;
use std::io::{self, IoSlice, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::error::{Diagnostic, Diagnostics};
use crate::site::{Output, Sink, Site};
use leftovers::{claim, Claimed, Purpose};
use reuse::Previous;

/// Writes one file (the course's `lectern.lock`) atomically: a temporary file beside it,
/// renamed over it, so a reader never sees half of it.
pub fn file_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty());
    let mut file = tempfile::NamedTempFile::new_in(dir.unwrap_or(Path::new(".")))?;
    file.write_all(bytes)?;
    // a temporary file is private (0600); the lock file is read and committed like any other
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.as_file()
            .set_permissions(fs::Permissions::from_mode(0o644))?;
    }
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Writes `site` into `out`, replacing what was there only after everything was written.
pub fn write(site: &Site, out: &Path) -> Result<(), Diagnostic> {
    let staging = staging_folder(out)?;
    write_all(site, staging.dir.path())?;
    swap(staging, out)
}

/// Runs `make` with a sink that writes each file into a staging folder beside `out` as it
/// comes, then swaps the folder into place, but only when `make` succeeded: on any error the
/// staging folder is removed and `out` is left as it was.
pub fn write_with<T>(
    out: &Path,
    make: impl FnOnce(&dyn Sink) -> Result<T, Diagnostics>,
) -> Result<T, Diagnostics> {
    let staging = staging_folder(out)?;
    let sink = Staging {
        dir: staging.dir.path().to_path_buf(),
        folders: Mutex::new(HashSet::new()),
        previous: Previous::of(out),
    };
    let made = make(&sink)?;
    swap(staging, out)?;
    Ok(made)
}

/// A [`Sink`] that writes every file into a staging folder at once.
pub struct Staging {
    dir: PathBuf,
    /// Folders already created, so each is made once.
    folders: Mutex<HashSet<PathBuf>>,
    /// The output folder being replaced, whose unchanged files are kept.
    previous: Option<Previous>,
}

impl Staging {
    /// Creates the folder `path` goes in, once.
    fn make_folder(&self, path: &str) -> Result<(), Diagnostic> {
        if let Some(folder) = Path::new(path).parent() {
            let mut made = self.folders.lock().unwrap_or_else(|e| e.into_inner());
            if !made.contains(folder) {
                let full = self.dir.join(folder);
                fs::create_dir_all(&full)
                    .map_err(|e| io_error(&full, "cannot create the folder", &e))?;
                made.insert(folder.to_path_buf());
            }
        }
        Ok(())
    }
}

impl Sink for Staging {
    fn put(&self, path: String, output: Output) -> Result<(), Diagnostic> {
        let bytes = match &output {
            Output::Text(text) => text.as_bytes(),
            Output::Bytes(bytes) => bytes,
            Output::Copy(src) => {
                self.make_folder(&path)?;
                let target = self.dir.join(&path);
                if let Some(previous) = &self.previous {
                    if previous.keep_copy(&path, src, &target) {
                        return Ok(());
                    }
                }
                return write_file(&target, &output);
            }
        };
        self.put_parts(path, &[bytes])
    }

    fn put_parts(&self, path: String, parts: &[&[u8]]) -> Result<(), Diagnostic> {
        self.make_folder(&path)?;
        let target = self.dir.join(&path);
        if let Some(previous) = &self.previous {
            if previous.keep(&path, parts, &target) {
                return Ok(());
            }
        }
        fs::File::create(&target)
            .and_then(|mut file| write_all_vectored(&mut file, parts))
            .map_err(|e| io_error(&target, "cannot write the file", &e))
    }
}

/// Writes `parts` one after another with as few (vectored) writes as the writer allows,
/// however few bytes each write takes.
fn write_all_vectored(out: &mut impl Write, parts: &[&[u8]]) -> io::Result<()> {
    let mut slices: Vec<IoSlice> = parts.iter().map(|p| IoSlice::new(p)).collect();
    let mut rest = &mut slices[..];
    IoSlice::advance_slices(&mut rest, 0);
    while !rest.is_empty() {
        match out.write_vectored(rest) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => IoSlice::advance_slices(&mut rest, n),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

fn staging_folder(out: &Path) -> Result<Claimed, Diagnostic> {
    guard::check_replaceable(out)?;
    let parent = parent_of(out);
    fs::create_dir_all(&parent).map_err(|e| io_error(&parent, "cannot create the folder", &e))?;
    claim(&parent, out, Purpose::Build)
        .map_err(|e| io_error(&parent, "cannot create a temporary folder in", &e))
}

fn parent_of(out: &Path) -> PathBuf {
    match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn write_all(site: &Site, dir: &Path) -> Result<(), Diagnostic> {
    let folders: std::collections::BTreeSet<PathBuf> = site
        .files
        .keys()
        .filter_map(|p| Path::new(p).parent().map(Path::to_path_buf))
        .collect();
    for folder in &folders {
        let path = dir.join(folder);
        fs::create_dir_all(&path).map_err(|e| io_error(&path, "cannot create the folder", &e))?;
    }
    site.files
        .par_iter()
        .try_for_each(|(path, output)| write_file(&dir.join(path), output))
}

fn write_file(target: &Path, output: &Output) -> Result<(), Diagnostic> {
    let result = match output {
        Output::Text(s) => fs::write(target, s),
        Output::Bytes(b) => fs::write(target, b),
        Output::Copy(src) => fs::copy(src, target).map(|_| ()),
    };
    result.map_err(|e| match output {
        Output::Copy(src) => io_error(src, "cannot copy the file", &e),
        _ => io_error(target, "cannot write the file", &e),
    })
}

fn swap(staging: Claimed, out: &Path) -> Result<(), Diagnostic> {
    let parent = parent_of(out);
    // Checked again: the output may have been replaced while the pages were written.
    guard::check_replaceable(out)?;
    let old = if fs::symlink_metadata(out).is_ok() {
        let old = claim(&parent, out, Purpose::Old)
            .map_err(|e| io_error(&parent, "cannot create a temporary folder in", &e))?;
        let old_path = old.dir.path().join("site");
        fs::rename(out, &old_path)
            .map_err(|e| io_error(out, "cannot move the previous output aside", &e))?;
        Some((old, old_path))
    } else {
        None
    };
    let (new, _lock) = staging.keep();
    if let Err(e) = fs::rename(&new, out) {
        if let Some((_, old_path)) = &old {
            let _ = fs::rename(old_path, out);
        }
        let _ = fs::remove_dir_all(&new);
        return Err(io_error(out, "cannot move the new output into place", &e));
    }
    if let Some((_, old_path)) = &old {
        remove_in_parallel(old_path);
    }
    Ok(())
}

/// Removes the previous output (thousands of files for a big course) on every core; the
/// temporary folder's own cleanup then finds it gone. Failures are ignored like that cleanup's.
fn remove_in_parallel(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.par_iter().for_each(|path| {
        let is_dir = fs::symlink_metadata(path).is_ok_and(|m| m.is_dir());
        let _ = if is_dir {
            fs::remove_dir_all(path)
        } else {
            fs::remove_file(path)
        };
    });
}

fn io_error(path: &Path, what: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::file(path, format!("{what} {}: {e}", path.display())).help(
        "check that the folder exists, that you may write to it and that the disk is not full",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Takes at most three bytes of the first non-empty slice a call, and is interrupted
    /// every other call.
    #[derive(Default)]
    struct Trickle {
        bytes: Vec<u8>,
        calls: usize,
    }

    impl Write for Trickle {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.calls += 1;
            if self.calls.is_multiple_of(2) {
                return Err(io::ErrorKind::Interrupted.into());
            }
            let n = buf.len().min(3);
            self.bytes.extend_from_slice(&buf[..n]);
            Ok(n)
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn pieces_are_written_whole_however_little_each_write_takes() {
        let parts: [&[u8]; 6] = [b"", b"<p>", b"", b"shared sidebar", b"x", b"</p>\n"];
        let mut out = Trickle::default();
        write_all_vectored(&mut out, &parts).unwrap();
        assert_eq!(out.bytes, parts.concat());
        let mut out = Trickle::default();
        write_all_vectored(&mut out, &[b"", b""]).unwrap();
        assert_eq!(out.calls, 0);
    }

    #[test]
    fn the_staging_folder_writes_pieces_into_one_file() {
        let dir = tempfile::tempdir().unwrap();
        let sink = Staging {
            dir: dir.path().to_path_buf(),
            folders: Mutex::new(HashSet::new()),
            previous: None,
        };
        let parts: [&[u8]; 3] = [b"<html>", b"", b"</html>"];
        sink.put_parts("module/page.html".into(), &parts).unwrap();
        let written = fs::read(dir.path().join("module/page.html")).unwrap();
        assert_eq!(written, b"<html></html>");
    }
}
