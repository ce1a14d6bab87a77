//! Where the file system puts the output's folders, on ext4.
//!
//! ext4 puts a new folder's inode near its parent's, and a new file's in its folder's block
//! group. Allocating an inode there skips every free inode deleted in the last minutes, reading
//! each one's deletion time (`recently_deleted()`, fs/ext4/ialloc.c). Beside a folder like
//! `/tmp`, or after a previous output was replaced, thousands of such inodes lie in those
//! groups, and every file of a build pays for walking past them: a 10,000-lesson build took
//! 2.2–2.4 s there instead of 1.2–1.3 s. A folder flagged "top of a directory hierarchy"
//! (`chattr +T`) has its subfolders spread over block groups with many free inodes instead, as
//! the file system's top folders are, so the module folders, and the lessons in them, land in
//! groups without a backlog. Other file systems refuse the flag; nothing changes there.

use std::path::Path;

/// Asks the file system to spread the subfolders of `folder` (best effort: errors ignored).
#[cfg(target_os = "linux")]
pub fn spread_subfolders(folder: &Path) {
    use rustix::fs::{ioctl_getflags, ioctl_setflags, IFlags};
    let Ok(dir) = std::fs::File::open(folder) else {
        return;
    };
    if let Ok(flags) = ioctl_getflags(&dir) {
        let _ = ioctl_setflags(&dir, flags | IFlags::TOPDIR);
    }
}

#[cfg(not(target_os = "linux"))]
pub fn spread_subfolders(_folder: &Path) {}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;
    use rustix::fs::{ioctl_getflags, IFlags};

    #[test]
    fn the_flag_is_added_where_the_file_system_has_it_and_the_folder_still_works() {
        let dir = tempfile::tempdir().unwrap();
        let flags = || ioctl_getflags(std::fs::File::open(dir.path()).unwrap());
        let before = flags();
        spread_subfolders(dir.path());
        match (before, flags()) {
            // ext2/3/4 keep the flag; a file system without it keeps what it had
            (Ok(before), Ok(after)) => {
                assert!(after.contains(before), "{before:?} -> {after:?}");
                assert!(after.contains(IFlags::TOPDIR) || after == before);
            }
            (Err(_), Err(_)) => {}
            (before, after) => panic!("{before:?} -> {after:?}"),
        }
        std::fs::create_dir(dir.path().join("module")).unwrap();
        std::fs::write(dir.path().join("module/lesson.html"), "x").unwrap();
        assert_eq!(
            std::fs::read(dir.path().join("module/lesson.html")).unwrap(),
            b"x"
        );
    }
}
