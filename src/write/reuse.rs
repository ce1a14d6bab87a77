//! Keeping the previous output's unchanged files on a rebuild.
//!
//! A rebuild after editing one lesson produces almost every file exactly as before. Instead of
//! writing such a file anew, the staging folder gets a hard link to the previous output's copy,
//! once its bytes have been compared with the new ones: no inode is allocated for it and none
//! is freed when the previous folder is removed after the swap, so a rebuild costs reading and
//! comparing rather than creating and deleting thousands of files (on ext4 without a journal,
//! every inode freed in the last minutes slows down each later file creation). The previous
//! output is only read, never changed, so a failed build still leaves it exactly as it was; an
//! unchanged file also keeps its modification time, which suits HTTP caches and `rsync`.
//!
//! Files copied from the course (`static/`, files beside lessons) are kept the same way when
//! the previous output's copy has the source's bytes. A kept file is the previous file itself,
//! so it also keeps that file's owner and permissions.
//!
//! Anything unexpected (no previous file, another size, different bytes, a symbolic link, a
//! file system without hard links) simply means the file is written as usual.

use std::cell::RefCell;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The previous output folder, when there is one to keep files from.
pub struct Previous {
    dir: PathBuf,
}

thread_local! {
    /// The previous file's bytes, read into one buffer per thread.
    static BUFFER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

impl Previous {
    /// The folder `out`, if it is there to keep files from.
    pub fn of(out: &Path) -> Option<Previous> {
        out.is_dir().then(|| Previous {
            dir: out.to_path_buf(),
        })
    }

    /// Links the previous output's `path` to `target` when its bytes are exactly `parts`
    /// joined; true when it did (and so `target` needs no writing).
    pub fn keep(&self, path: &str, parts: &[&[u8]], target: &Path) -> bool {
        let old = self.dir.join(path);
        same_bytes(&old, parts) && fs::hard_link(&old, target).is_ok()
    }
}

impl Previous {
    /// Links the previous output's `path` to `target` when its bytes are those of the file
    /// `src`; true when it did (and so nothing needs copying).
    pub fn keep_copy(&self, path: &str, src: &Path, target: &Path) -> bool {
        let old = self.dir.join(path);
        same_file_bytes(&old, src) && fs::hard_link(&old, target).is_ok()
    }
}

/// Whether the regular file `old` holds exactly the bytes of the file `src`, compared a
/// block at a time so that a big video is never read whole into memory.
fn same_file_bytes(old: &Path, src: &Path) -> bool {
    let (Ok(a), Ok(b)) = (fs::symlink_metadata(old), fs::metadata(src)) else {
        return false;
    };
    if !a.is_file() || !b.is_file() || a.len() != b.len() {
        return false;
    }
    let (Ok(mut a), Ok(mut b)) = (fs::File::open(old), fs::File::open(src)) else {
        return false;
    };
    let (mut x, mut y) = (vec![0; BLOCK], vec![0; BLOCK]);
    loop {
        match (read_block(&mut a, &mut x), read_block(&mut b, &mut y)) {
            (Ok(0), Ok(0)) => return true,
            (Ok(n), Ok(m)) if n == m && x[..n] == y[..m] => {}
            _ => return false,
        }
    }
}

/// How much of each file [`same_file_bytes`] compares at a time.
const BLOCK: usize = 64 * 1024;

/// Fills `buf` as far as the file allows; the count read (0 at the end).
fn read_block(file: &mut fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match file.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// Whether the regular file `file` holds exactly `parts` joined.
fn same_bytes(file: &Path, parts: &[&[u8]]) -> bool {
    let len: usize = parts.iter().map(|p| p.len()).sum();
    let Ok(meta) = fs::symlink_metadata(file) else {
        return false;
    };
    if !meta.is_file() || meta.len() != len as u64 {
        return false;
    }
    BUFFER.with_borrow_mut(|buf| {
        buf.clear();
        let read = fs::File::open(file).and_then(|mut f| f.read_to_end(buf));
        read.is_ok() && buf.len() == len && starts_with_parts(buf, parts)
    })
}

/// Whether `bytes` is `parts` joined (its length already checked).
fn starts_with_parts(bytes: &[u8], parts: &[&[u8]]) -> bool {
    let mut rest = bytes;
    for part in parts {
        match rest.split_at_checked(part.len()) {
            Some((head, tail)) if head == *part => rest = tail,
            _ => return false,
        }
    }
    true
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::MetadataExt;

    #[test]
    fn links_only_a_file_with_exactly_the_same_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let (old, new) = (dir.path().join("old"), dir.path().join("new"));
        fs::create_dir_all(old.join("m")).unwrap();
        fs::create_dir_all(new.join("m")).unwrap();
        fs::write(old.join("m/a.html"), "<p>same</p>").unwrap();
        fs::write(old.join("m/b.html"), "<p>old</p>").unwrap();
        fs::write(old.join("m/c.html"), "<p>longer</p>").unwrap();
        let previous = Previous::of(&old).unwrap();
        let parts: [&[u8]; 2] = [b"<p>sa", b"me</p>"];
        assert!(previous.keep("m/a.html", &parts, &new.join("m/a.html")));
        let ino = |p: &Path| fs::metadata(p).unwrap().ino();
        assert_eq!(ino(&new.join("m/a.html")), ino(&old.join("m/a.html")));
        // same length, other bytes; other length; no previous file
        assert!(!previous.keep("m/b.html", &[b"<p>new</p>"], &new.join("m/b.html")));
        assert!(!previous.keep("m/c.html", &[b"<p>short</p>"], &new.join("m/c.html")));
        assert!(!previous.keep("m/d.html", &[b"x"], &new.join("m/d.html")));
        assert!(!new.join("m/b.html").exists() && !new.join("m/d.html").exists());
        assert!(Previous::of(&dir.path().join("missing")).is_none());
    }

    #[test]
    fn never_links_a_symbolic_link() {
        let dir = tempfile::tempdir().unwrap();
        let (old, new) = (dir.path().join("old"), dir.path().join("new"));
        fs::create_dir_all(&old).unwrap();
        fs::create_dir_all(&new).unwrap();
        fs::write(dir.path().join("elsewhere"), "x").unwrap();
        std::os::unix::fs::symlink(dir.path().join("elsewhere"), old.join("a.html")).unwrap();
        let previous = Previous::of(&old).unwrap();
        assert!(!previous.keep("a.html", &[b"x"], &new.join("a.html")));
    }

    #[test]
    fn keeps_a_copy_only_when_the_source_has_the_same_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let (old, new) = (dir.path().join("old"), dir.path().join("new"));
        fs::create_dir_all(&old).unwrap();
        fs::create_dir_all(&new).unwrap();
        let big: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let mut changed = big.clone();
        *changed.last_mut().unwrap() ^= 1;
        fs::write(old.join("video.bin"), &big).unwrap();
        fs::write(dir.path().join("same.bin"), &big).unwrap();
        fs::write(dir.path().join("changed.bin"), &changed).unwrap();
        let previous = Previous::of(&old).unwrap();
        let src = |name: &str| dir.path().join(name);
        assert!(!previous.keep_copy("video.bin", &src("changed.bin"), &new.join("a")));
        assert!(!previous.keep_copy("none.bin", &src("same.bin"), &new.join("b")));
        assert!(previous.keep_copy("video.bin", &src("same.bin"), &new.join("c")));
        let ino = |p: &Path| fs::metadata(p).unwrap().ino();
        assert_eq!(ino(&new.join("c")), ino(&old.join("video.bin")));
    }

    #[test]
    fn compares_pieces_against_the_whole() {
        assert!(starts_with_parts(b"abcdef", &[b"ab", b"", b"cdef"]));
        assert!(!starts_with_parts(b"abcdef", &[b"ab", b"cdeg"]));
        assert!(!starts_with_parts(b"abc", &[b"abcd"]));
    }
}
