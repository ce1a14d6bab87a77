//! `lectern package`: the course as an LMS package, one zip per format. For now SCORM 1.2:
//! the built site, a launch page (`scorm.html`) that holds the LMS session and shows the
//! lessons in a frame, its runtime (`assets/scorm.js`), `imsmanifest.xml` ([`manifest`]) and
//! the schema files it names.
//!
//! 1. the course is built into memory as `lectern check` builds it (every problem at once);
//! 2. the worst-case progress code must fit SCORM 1.2's `suspend_data`
//!    ([`crate::record::code::check_budget`]), or nothing is written;
//! 3. the zip is written to a temporary file beside its destination and renamed over it, so a
//!    failed package leaves an earlier one untouched.

mod manifest;

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use zip::write::SimpleFileOptions;

use crate::error::{Diagnostic, Diagnostics};
use crate::record::code::{check_budget, SCORM_12_SUSPEND_DATA};
use crate::site::{Output, Site};
use crate::{build_site, BuildOptions};
pub use manifest::{manifest, ManifestOptions};

/// The LMS package formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// SCORM 1.2: one SCO, progress in `cmi.suspend_data`.
    Scorm12,
}

impl Format {
    /// The name in file names and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Scorm12 => "scorm12",
        }
    }
}

/// What to package, and where.
#[derive(Debug, Clone)]
pub struct PackageOptions {
    pub build: BuildOptions,
    pub format: Format,
    /// The zip to write; by default `<course-id>-<format>.zip` in the course folder, beside
    /// its `public/`.
    pub out: Option<PathBuf>,
}

/// What a package run made.
#[derive(Debug)]
pub struct Packaged {
    /// Where the zip is.
    pub path: PathBuf,
    /// Files in it, the manifest included.
    pub files: usize,
    /// Its size in bytes.
    pub bytes: u64,
    /// The longest progress code of the course, in characters (no name).
    pub longest_code: usize,
    /// What the author should know but that did not stop the package.
    pub warnings: Vec<Diagnostic>,
    /// Whether `lectern.lock` is out of date (a build would write it).
    pub lock_changed: bool,
}

/// The launch page, in the package only.
const LAUNCH: &str = "scorm.html";
/// The SCORM 1.2 runtime, in the package only.
const RUNTIME: &str = include_str!("scorm12/scorm.js");
/// The schema files the manifest names, at the zip's root.
const SCHEMAS: [(&str, &str); 4] = [
    (
        "imscp_rootv1p1p2.xsd",
        include_str!("scorm12/imscp_rootv1p1p2.xsd"),
    ),
    (
        "imsmd_rootv1p2p1.xsd",
        include_str!("scorm12/imsmd_rootv1p2p1.xsd"),
    ),
    (
        "adlcp_rootv1p2.xsd",
        include_str!("scorm12/adlcp_rootv1p2.xsd"),
    ),
    ("ims_xml.xsd", include_str!("scorm12/ims_xml.xsd")),
];

/// Builds the course and writes its package.
pub fn package(options: &PackageOptions) -> Result<Packaged, Diagnostics> {
    let built = build_site(&options.build)?;
    let longest_code = built.longest_code.0;
    check_budget(&built.title, longest_code, SCORM_12_SUSPEND_DATA)?;
    let name = format!("{}-{}.zip", built.id, options.format.name());
    let path = (options.out.clone()).unwrap_or_else(|| options.build.root.join(name));
    let mut site = built.site;
    add_runtime(&mut site, &built.title, &built.id);
    let manifest = manifest(
        &ManifestOptions {
            id: &built.id,
            title: &built.title,
            // Lectern courses have no pass mark yet: the score and mastery come with one
            mastery_score: None,
            launch: LAUNCH,
        },
        site.files.keys().map(String::as_str),
    );
    let bytes = write_zip(&path, &manifest, &site)?;
    Ok(Packaged {
        path,
        files: site.files.len() + 1,
        bytes,
        longest_code,
        warnings: built.warnings,
        lock_changed: built.lock.changed(),
    })
}

/// Adds the launch page, its runtime and the schema files to `site`.
fn add_runtime(site: &mut Site, title: &str, id: &str) {
    site.insert(LAUNCH, Output::Text(launch_page(title, id)));
    site.insert("assets/scorm.js", Output::Text(RUNTIME.to_string()));
    for (name, text) in SCHEMAS {
        site.insert(name, Output::Text(text.to_string()));
    }
}

/// `scorm.html`: the course's lessons in a frame, under the one page that keeps the LMS
/// session (moving between lessons loads the frame, never this page).
fn launch_page(title: &str, id: &str) -> String {
    let mut t = String::new();
    let _ = pulldown_cmark_escape::escape_html(&mut t, title);
    let mut course = String::new();
    let _ = pulldown_cmark_escape::escape_html(&mut course, id);
    format!(
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{t}</title>
<style>
html, body {{ margin: 0; height: 100%; }}
body {{ display: flex; flex-direction: column; font: 0.9rem system-ui, sans-serif; }}
.scorm-notice {{ margin: 0; padding: 0.4rem 1rem; background: #fff3cd; color: #3d2e00; }}
.scorm-frame {{ flex: 1; width: 100%; border: 0; }}
</style>
</head>
<body data-course="{course}" data-page="scorm" data-root="">
<p class="scorm-notice" role="status" hidden></p>
<iframe class="scorm-frame" title="{t}" name="lectern-course"></iframe>
<script src="assets/strings.js"></script>
<script src="assets/course-data.js"></script>
<script src="assets/progress-index.js"></script>
<script src="assets/progress-code.js"></script>
<script src="assets/lectern.js"></script>
<script src="assets/scorm.js"></script>
</body>
</html>
"#
    )
}

/// Writes the zip beside `path` and renames it into place; its size in bytes.
fn write_zip(path: &Path, manifest: &str, site: &Site) -> Result<u64, Diagnostic> {
    let fail = |e: io::Error| {
        let reason = crate::load::io_reason(&e);
        Diagnostic::file(path, format!("could not write the package: {reason}"))
    };
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty());
    let mut temp = tempfile::NamedTempFile::new_in(dir.unwrap_or(Path::new("."))).map_err(fail)?;
    let mut zip = zip::ZipWriter::new(io::BufWriter::new(temp.as_file_mut()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .unix_permissions(0o644);
    let mut put = |name: &str, bytes: &[u8]| -> io::Result<()> {
        zip.start_file(name, options).map_err(io::Error::other)?;
        zip.write_all(bytes)
    };
    // first, as some LMSs read only the start of the zip to find it
    put("imsmanifest.xml", manifest.as_bytes()).map_err(fail)?;
    for (name, output) in &site.files {
        match output {
            Output::Text(s) => put(name, s.as_bytes()),
            Output::Bytes(b) => put(name, b),
            Output::Copy(src) => {
                let bytes = std::fs::read(src).map_err(|e| copy_error(src, &e))?;
                put(name, &bytes)
            }
        }
        .map_err(fail)?;
    }
    let mut out = zip.finish().map_err(io::Error::other).map_err(fail)?;
    out.flush().map_err(fail)?;
    drop(out);
    set_readable(temp.as_file()).map_err(fail)?;
    let bytes = temp.as_file().metadata().map_err(fail)?.len();
    temp.persist(path).map_err(|e| fail(e.error))?;
    Ok(bytes)
}

fn copy_error(src: &Path, e: &io::Error) -> Diagnostic {
    let reason = crate::load::io_reason(e);
    Diagnostic::file(
        src,
        format!("cannot read the file for the package: {reason}"),
    )
}

/// A temporary file is private (0600); a package is shared like any download.
fn set_readable(file: &std::fs::File) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    let _ = file;
    Ok(())
}
