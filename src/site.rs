//! The built site in memory: every output path and what goes there.
//!
//! `render` produces a [`Site`]; `write` puts it on disk, and `serve` answers requests from it.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// What one output file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// Generated text (pages, scripts, sitemap).
    Text(String),
    /// Generated text shared with a render cache, so that the dev server's rebuilds do not
    /// copy every unchanged page (same meaning as `Text`).
    Shared(std::sync::Arc<str>),
    /// Bytes known at build time (theme assets).
    Bytes(Cow<'static, [u8]>),
    /// A file copied from the course folder, read only when written or served.
    Copy(PathBuf),
}

/// Output path (root-relative, `/`-separated) → contents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Site {
    pub files: BTreeMap<String, Output>,
}

impl Site {
    /// Adds or replaces a file.
    pub fn insert(&mut self, path: impl Into<String>, output: Output) {
        self.files.insert(path.into(), output);
    }

    /// The text of a generated file, if it is one.
    pub fn text(&self, path: &str) -> Option<&str> {
        match self.files.get(path)? {
            Output::Text(s) => Some(s),
            Output::Shared(s) => Some(s),
            _ => None,
        }
    }

    /// Number of HTML pages.
    pub fn page_count(&self) -> usize {
        self.files.keys().filter(|k| k.ends_with(".html")).count()
    }
}
