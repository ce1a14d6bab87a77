//! Lectern: a static site generator for training courses.
//!
//! The build is a pipeline of stages, each a function from one type to the next:
//! [`load`] (files → [`load::Source`]) → [`model`] (→ [`model::Course`]) → [`render`]
//! (→ pages) and [`search`] (rendered pages → the search index) → [`mod@write`] (→ an output
//! folder, atomically, or a [`site::Site`] in memory). [`mod@build`] is the recipe that runs
//! them, once (`build`, `check`, tests) or incrementally ([`build::Session`], for [`serve`]),
//! through one render path. docs/architecture.md maps the stages and what each may import.

// Diagnostics travel only on the error path, where their size costs nothing worth boxing for.
#![allow(clippy::result_large_err)]

pub mod background;
pub mod build;
pub mod error;
pub mod handouts;
pub mod i18n;
pub mod languages;
pub mod load;
pub mod model;
pub mod new;
pub mod package;
pub mod record;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod timing;
pub mod write;

use std::path::PathBuf;

pub use build::{build_site, build_to, render_site, Built, LockOutcome, Summary};
pub use error::{Diagnostic, Diagnostics, Severity};
pub use site::{Output, Site};

/// What to build and how.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The course folder.
    pub root: PathBuf,
    /// Keep pages marked `draft: true`.
    pub drafts: bool,
}
