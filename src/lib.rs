//! Lectern: a static site generator for training courses.
//!
//! The build is a pipeline of stages, each a function from one type to the next:
//! [`load`] (files → [`load::Source`]) → [`model`] (→ [`model::Course`]) → [`render`]
//! (→ pages) and [`search`] (rendered pages → the search index) → [`mod@write`] (→ an output
//! folder, atomically, or a [`site::Site`] in memory). This file is the recipe that runs them:
//! `build`, `check` and tests render and index the course the same way ([`build_to`],
//! [`build_site`]); the dev server renders incrementally ([`render::live`]) and makes the same
//! whole-course files and index ([`aggregate_files`]).

// Diagnostics travel only on the error path, where their size costs nothing worth boxing for.
#![allow(clippy::result_large_err)]

pub mod background;
pub mod error;
pub mod load;
pub mod model;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod timing;
pub mod write;

use std::path::{Path, PathBuf};

pub use error::{Diagnostic, Diagnostics};
use site::{Collect, Sink};
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
    let course = load_and_model(options)?;
    let (lessons, modules) = (course.lesson_count(), course.modules.len());
    let site = render_site(course)?;
    Ok(Built {
        lessons,
        modules,
        site,
    })
}

/// Renders a modelled course, its pages and search index, into memory.
pub fn render_site(mut course: model::Course) -> Result<Site, Diagnostics> {
    let sink = Collect::default();
    render_and_index(&mut course, &sink)?;
    Ok(sink.into_site())
}

/// Renders the course and makes its search index from the rendered pages, handing every file
/// to `sink` as soon as it is made. Returns the number of HTML pages.
fn render_and_index(course: &mut model::Course, sink: &dyn Sink) -> Result<usize, Diagnostics> {
    let prepared = render::prepare(course)?;
    let course = &*course;
    // the index needs every page's Markdown but no page needs the index: make it while the
    // pages render, so neither waits on a single core
    let (pages, index) = rayon::join(
        || render::render_into(course, &prepared, sink),
        || search::index_files(course, &prepared.markdown, sink),
    );
    crate::timing::mark("pages and search index");
    // the navigation holds every lesson as template values: freeing it (and the Markdown)
    // here took the build's last ~30 ms on one core at 10,000 lessons
    background::drop_in_background(prepared);
    let pages = pages?;
    index?;
    Ok(pages)
}

/// The whole-course files of a dev-server render: the [`Aggregates`](render::live::Aggregates)
/// and the search index. With the pages of its [`Live`](render::live::Live) render, the site
/// [`build_site`] makes.
pub fn aggregate_files(aggregates: &render::live::Aggregates) -> Result<Site, Diagnostics> {
    let (site, index) = rayon::join(
        || aggregates.render(),
        || {
            let sink = Collect::default();
            search::index_files(aggregates.course(), aggregates.markdown(), &sink)?;
            Ok::<_, Diagnostic>(sink.into_site())
        },
    );
    let mut site = site?;
    site.files.extend(index?.files);
    Ok(site)
}

/// What a build to disk made, for the summary line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub lessons: usize,
    pub modules: usize,
    /// HTML pages written.
    pub pages: usize,
    /// Temporary folders of earlier, interrupted builds of this output, now removed.
    pub removed_leftovers: Vec<PathBuf>,
}

/// Builds the course and writes it into `out` atomically. Pages are written into the staging
/// folder as they are rendered, so memory stays flat however big the course is.
pub fn build_to(options: &BuildOptions, out: &Path) -> Result<Summary, Diagnostics> {
    check_output_folder(&options.root, out)?;
    let removed_leftovers = write::remove_leftovers(out);
    let mut course = load_and_model(options)?;
    timing::mark("loaded and modelled");
    let pages = write::write_with(out, |sink| render_and_index(&mut course, sink))?;
    let summary = Summary {
        lessons: course.lesson_count(),
        modules: course.modules.len(),
        pages,
        removed_leftovers,
    };
    background::drop_in_background(course);
    Ok(summary)
}

/// Loads and models the course. When some files could not be read or parsed, the rest of
/// the course is still modelled and rendered (into memory, then dropped), so that one run
/// reports every problem: broken front matter in one lesson and a broken link in another.
fn load_and_model(options: &BuildOptions) -> Result<model::Course, Diagnostics> {
    let (source, mut problems) = load::load_partial(&options.root);
    let Some(source) = source else {
        return Err(problems.sorted());
    };
    timing::mark("loaded");
    let model_options = model::ModelOptions {
        drafts: options.drafts,
    };
    let course = model::build(source, model_options);
    if problems.is_empty() {
        return course;
    }
    match course {
        Ok(course) => {
            if let Err(more) = render_site(course) {
                problems.extend(more);
            }
        }
        Err(more) => problems.extend(more),
    }
    Err(problems.sorted())
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
