//! Lectern: a static site generator for training courses.
//!
//! The build is a pipeline of stages, each a function from one type to the next:
//! [`load`] (files → [`load::Source`]) → [`model`] (→ [`model::Course`]) → [`render`]
//! (→ [`site::Site`] in memory) → [`write`] (→ an output folder, atomically).
//! `build`, `check`, tests and the dev server all run the same [`build_site`].

// Diagnostics travel only on the error path, where their size costs nothing worth boxing for.
#![allow(clippy::result_large_err)]

pub mod error;
pub mod load;
pub mod model;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod site;
pub mod write;

use std::path::{Path, PathBuf};

pub use error::{Diagnostic, Diagnostics};
pub use site::{Output, Site};

/// What to build and how.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The course folder.
    pub root: PathBuf,
    /// Keep pages marked `draft: true`.
    pub drafts: bool,
}

/// What a build made, for the summary line.
#[derive(Debug, Clone)]
pub struct Built {
    pub site: Site,
    pub lessons: usize,
    pub modules: usize,
}

/// Loads, models and renders the course into memory.
pub fn build_site(options: &BuildOptions) -> Result<Built, Diagnostics> {
    let source = load::load(&options.root)?;
    let course = model::build(
        source,
        model::ModelOptions {
            drafts: options.drafts,
        },
    )?;
    let site = render::render(&course)?;
    Ok(Built {
        lessons: course.lesson_count(),
        modules: course.modules.len(),
        site,
    })
}

/// Builds the course and writes it into `out` atomically.
pub fn build_to(options: &BuildOptions, out: &Path) -> Result<Built, Diagnostics> {
    check_output_folder(&options.root, out)?;
    let built = build_site(options)?;
    write::write(&built.site, out)?;
    Ok(built)
}

/// The output folder may not be inside `content/` (it would be read back as content) nor be
/// the course folder itself.
fn check_output_folder(root: &Path, out: &Path) -> Result<(), Diagnostic> {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (root, out_abs) = (abs(root), abs(out));
    let content = root.join("content");
    let inside_content = out_abs.starts_with(&content);
    if inside_content || root.starts_with(&out_abs) {
        let what = if inside_content {
            "is inside content/"
        } else {
            "contains the course folder"
        };
        return Err(
            Diagnostic::file(out, format!("the output folder {} {what}", out.display()))
                .help("build somewhere else, e.g. the default public/ folder beside content/"),
        );
    }
    Ok(())
}
