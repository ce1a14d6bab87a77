//! Which output paths a build may replace.
//!
//! A build replaces its output folder as a whole, so the path given with `--out` must be
//! something Lectern may throw away: nothing there yet, an empty folder, or a folder that
//! holds a Lectern site. Anything else is refused before a single file is written, and left
//! exactly as it was: a file (it may be someone's report), a symbolic link (replacing it
//! would either drop the link or, following it, empty the folder it points to), a folder of
//! other files, a named pipe or device.

use std::fs;
use std::io::ErrorKind;
use std::path::Path;

use crate::error::Diagnostic;

/// Whether `out` may be replaced by a new build: an error naming why not.
pub fn check_replaceable(out: &Path) -> Result<(), Diagnostic> {
    let meta = match fs::symlink_metadata(out) {
        Ok(meta) => meta,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(()),
        Err(e) => {
            return Err(refuse(out, &format!("cannot be examined: {e}"))
                .help("check that you may read the folder it is in"))
        }
    };
    if meta.file_type().is_symlink() {
        return Err(refuse(out, "is a symbolic link").help(
            "build into a real folder, then switch the link to it (see \"Publishing through a \
             symbolic link\" in the README); Lectern never follows a link to replace what it \
             points to",
        ));
    }
    if !meta.is_dir() {
        return Err(refuse(out, "is a file, not a folder")
            .help("choose a folder with --out (a new name, or a folder Lectern built before)"));
    }
    if is_empty(out) || is_site(out) {
        return Ok(());
    }
    Err(Diagnostic::file(
        out,
        "the output folder already exists and is not a Lectern site, so it was left alone",
    )
    .help("choose another folder with --out, or empty this one first"))
}

fn refuse(out: &Path, what: &str) -> Diagnostic {
    Diagnostic::file(
        out,
        format!(
            "the output path {} {what}, so it was left alone",
            out.display()
        ),
    )
}

fn is_empty(dir: &Path) -> bool {
    fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_none())
}

/// A folder Lectern wrote: its stylesheet or course data is where a build puts them.
fn is_site(dir: &Path) -> bool {
    ["assets/course-data.js", "assets/lectern.css"]
        .iter()
        .any(|f| fs::symlink_metadata(dir.join(f)).is_ok_and(|m| m.is_file()))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn message(out: &Path) -> String {
        check_replaceable(out).unwrap_err().message
    }

    #[test]
    fn only_nothing_an_empty_folder_or_a_site_may_be_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        assert!(check_replaceable(&root.join("new")).is_ok());
        fs::create_dir(root.join("empty")).unwrap();
        assert!(check_replaceable(&root.join("empty")).is_ok());
        fs::create_dir_all(root.join("site/assets")).unwrap();
        fs::write(root.join("site/assets/lectern.css"), "").unwrap();
        assert!(check_replaceable(&root.join("site")).is_ok());

        fs::write(root.join("report.txt"), "mine").unwrap();
        let file = root.join("report.txt");
        assert!(message(&file).ends_with("is a file, not a folder, so it was left alone"));
        std::os::unix::fs::symlink(root.join("site"), root.join("link")).unwrap();
        let link = root.join("link");
        assert!(message(&link).ends_with("is a symbolic link, so it was left alone"));
        fs::create_dir(root.join("work")).unwrap();
        fs::write(root.join("work/notes.md"), "mine").unwrap();
        assert!(message(&root.join("work")).contains("is not a Lectern site"));
    }
}
