//! `lectern package`: the course as an LMS package, one zip per format (SCORM 1.2, SCORM 2004
//! 4th edition, cmi5; [`Format`]): the built site, a launch page (`scorm.html`, `cmi5.html`)
//! that holds the LMS session and shows the lessons in a frame, its runtime
//! (`assets/scorm.js`, one script for both SCORM versions, which cmi5's `assets/cmi5.js`
//! feeds), and `imsmanifest.xml` ([`manifest`]) with the official schema files it names, or
//! cmi5's `cmi5.xml` ([`cmi5`]).
//!
//! 1. the course is built into memory once, as `lectern check` builds it (every problem at
//!    once);
//! 2. the worst-case progress code must fit each format's `suspend_data`
//!    ([`crate::record::code::check_budget_of`]), or nothing is written;
//! 3. each zip is written to a temporary file beside its destination and renamed over it, so
//!    a failed package leaves an earlier one untouched.

mod cmi5;
mod format;
mod manifest;

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use zip::write::SimpleFileOptions;

use crate::error::{Diagnostic, Diagnostics};
use crate::i18n::Strings;
use crate::model::assessment::Assessment;
use crate::record::code::check_budget_of;
use crate::site::{Output, Site};
use crate::{build_site, BuildOptions};
pub use format::Format;
pub use manifest::{manifest, ManifestOptions};

/// What to package, and where.
#[derive(Debug, Clone)]
pub struct PackageOptions {
    pub build: BuildOptions,
    /// One zip for each (duplicates are written once).
    pub formats: Vec<Format>,
    /// The zip to write, for one format only; by default `<course-id>-<format>.zip` in the
    /// course folder, beside its `public/`.
    pub out: Option<PathBuf>,
}

/// One zip a package run made.
#[derive(Debug)]
pub struct Packaged {
    pub format: Format,
    /// Where the zip is.
    pub path: PathBuf,
    /// Files in it, the manifest included.
    pub files: usize,
    /// Its size in bytes.
    pub bytes: u64,
}

/// What a package run made.
#[derive(Debug)]
pub struct Packages {
    /// The zips, in the order of [`Format::ALL`].
    pub zips: Vec<Packaged>,
    /// The longest progress code of the course, in characters (no name).
    pub longest_code: usize,
    /// What the author should know but that did not stop the package.
    pub warnings: Vec<Diagnostic>,
    /// Whether `lectern.lock` is out of date (a build would write it).
    pub lock_changed: bool,
    /// The course's languages, the default first (empty for one language): the LMS tracks
    /// the default language's progress only.
    pub languages: Vec<String>,
}

/// The runtime of both SCORM versions (and of cmi5, through [`CMI5_RUNTIME`]), in the
/// package only.
const RUNTIME: &str = include_str!("scorm.js");
/// cmi5's runtime: the LMS's xAPI endpoint offered to `scorm.js` as a SCORM 2004 API.
const CMI5_RUNTIME: &str = include_str!("cmi5.js");

/// Builds the course once and writes a zip for each format; every problem of every format
/// at once.
pub fn package(options: &PackageOptions) -> Result<Packages, Diagnostics> {
    let built = build_site(&options.build)?;
    let longest_code = built.longest_code.0;
    let mut formats = options.formats.clone();
    formats.sort();
    formats.dedup();
    let mut problems = Diagnostics::default();
    for &f in &formats {
        let Some(room) = f.suspend_data() else {
            continue;
        };
        if let Err(e) = check_budget_of(f.standard(), &built.title, longest_code, room) {
            problems.push(e);
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut zips = Vec::new();
    for format in formats {
        let name = format!("{}-{}.zip", built.id, format.name());
        let path = (options.out.clone()).unwrap_or_else(|| options.build.root.join(name));
        let zip = Zip {
            format,
            title: &built.title,
            id: &built.id,
            language: &built.language,
            site: &built.site,
            assessment: &built.assessment,
        };
        match zip.write(&path) {
            Ok((files, bytes)) => zips.push(Packaged {
                format,
                path,
                files,
                bytes,
            }),
            Err(e) => problems.push(e),
        }
    }
    problems.into_result(Packages {
        zips,
        longest_code,
        warnings: built.warnings,
        lock_changed: built.lock.changed(),
        languages: built.languages,
    })
}

/// One format's zip of a built site.
struct Zip<'a> {
    format: Format,
    title: &'a str,
    id: &'a str,
    /// the course's language: the launch page's and `cmi5.xml`'s
    language: &'a str,
    site: &'a Site,
    assessment: &'a Assessment,
}

impl Zip<'_> {
    /// Writes the zip at `path`: its count of files and size in bytes.
    fn write(&self, path: &Path) -> Result<(usize, u64), Diagnostic> {
        let extra = self.runtime();
        let files = self.site.files.keys().chain(extra.iter().map(|(n, _)| n));
        let (launch, _) = self.format.launch();
        let pass = self.assessment.pass;
        let manifest = match self.format {
            Format::Cmi5 => {
                let text = cmi5::course_structure(self.id, self.title, self.language, pass, launch);
                ("cmi5.xml", text)
            }
            format => {
                let options = ManifestOptions {
                    format,
                    id: self.id,
                    title: self.title,
                    mastery_score: pass,
                    launch,
                };
                (
                    "imsmanifest.xml",
                    manifest(&options, files.map(String::as_str)),
                )
            }
        };
        let bytes = write_zip(path, &manifest, self.site, &extra)?;
        Ok((self.site.files.len() + extra.len() + 1, bytes))
    }

    /// The launch page, its runtime and the schema files: what the package adds to the site.
    fn runtime(&self) -> Vec<(String, Output)> {
        let page = launch_page(self, self.format.runtime_version());
        let (launch, lms) = self.format.launch();
        let mut out = vec![
            (launch.to_string(), Output::Text(page)),
            ("assets/scorm.js".into(), Output::Text(RUNTIME.into())),
        ];
        if let Some(script) = lms {
            out.push((script.into(), Output::Text(CMI5_RUNTIME.into())));
        }
        for (name, bytes) in self.format.schemas() {
            out.push((
                name.to_string(),
                Output::Bytes(std::borrow::Cow::Borrowed(bytes)),
            ));
        }
        out
    }
}

/// `scorm.html` (`cmi5.html`): the course's lessons in a frame, under the one page that keeps
/// the LMS session (moving between lessons loads the frame, never this page).
fn launch_page(zip: &Zip, version: &str) -> String {
    let escape = |s: &str| {
        let mut out = String::new();
        let _ = pulldown_cmark_escape::escape_html(&mut out, s);
        out
    };
    let (t, course) = (escape(zip.title), escape(zip.id));
    let (lang, dir) = (escape(zip.language), Strings::direction(zip.language));
    let runtime = zip.format.launch().1.unwrap_or("assets/scorm.js");
    // the assessment lessons and the pass mark, for the score (none without assessments)
    let a = zip.assessment;
    let mut scored = String::new();
    if !a.pages.is_empty() {
        let pages = escape(&serde_json::to_string(&a.pages).unwrap_or_default());
        scored = format!(r#" data-assessments="{pages}""#);
        if let Some(pass) = a.pass {
            scored.push_str(&format!(r#" data-pass="{pass}""#));
        }
    }
    format!(
        r#"<!doctype html>
<html lang="{lang}" dir="{dir}">
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
<body data-course="{course}" data-page="scorm" data-root="" data-scorm="{version}"{scored}>
<p class="scorm-notice" role="status" hidden></p>
<iframe class="scorm-frame" title="{t}" name="lectern-course"></iframe>
<script src="assets/strings.js"></script>
<script src="assets/course-data.js"></script>
<script src="assets/course-pages.js"></script>
<script src="assets/progress-index.js"></script>
<script src="assets/progress-code.js"></script>
<script src="assets/lectern.js"></script>
<script src="{runtime}"></script>
</body>
</html>
"#
    )
}

/// Writes the zip beside `path` and renames it into place; its size in bytes.
fn write_zip(
    path: &Path,
    (manifest_name, manifest): &(&str, String),
    site: &Site,
    extra: &[(String, Output)],
) -> Result<u64, Diagnostic> {
    let fail = |e: io::Error| {
        let reason = crate::load::io_reason(&e);
        Diagnostic::file(path, format!("could not write the package: {reason}"))
            .help("give --out a path in a folder that exists and that you may write to; an earlier package there is left as it was")
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
    put(manifest_name, manifest.as_bytes()).map_err(fail)?;
    for (name, output) in site.files.iter().chain(extra.iter().map(|(n, o)| (n, o))) {
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
