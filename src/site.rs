//! The built site in memory: every output path and what goes there.
//!
//! `render` hands every file to a [`Sink`] as soon as it is made: [`Collect`] gathers them into
//! a [`Site`] (for `check`, tests and `serve`), while `write` streams them into the staging
//! folder, so a build to disk never holds every page in memory at once. A page may come in
//! pieces ([`Sink::put_parts`]) that the staging folder writes without joining them.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Mutex;

use crate::error::Diagnostic;

/// What one output file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// Generated text (pages, scripts, sitemap).
    Text(String),
    /// Bytes: theme assets, and pages as their templates wrote them (UTF-8 text).
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
            Output::Bytes(b) => std::str::from_utf8(b).ok(),
            Output::Copy(_) => None,
        }
    }

    /// Number of HTML pages.
    pub fn page_count(&self) -> usize {
        self.files.keys().filter(|k| k.ends_with(".html")).count()
    }
}

/// Where rendered files go, as they are made. Called from many threads at once.
pub trait Sink: Sync {
    /// Takes one output file (root-relative, `/`-separated path).
    fn put(&self, path: String, output: Output) -> Result<(), Diagnostic>;

    /// Takes one output file given as pieces, its bytes in order (a page and its shared
    /// sidebar, not joined: see `render::assemble`). By default, joins them and calls `put`.
    fn put_parts(&self, path: String, parts: &[&[u8]]) -> Result<(), Diagnostic> {
        self.put(path, Output::Bytes(parts.concat().into()))
    }
}

/// A [`Sink`] that keeps every file in a [`Site`].
#[derive(Debug, Default)]
pub struct Collect(Mutex<Site>);

impl Collect {
    /// The collected site.
    pub fn into_site(self) -> Site {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for Collect {
    fn put(&self, path: String, output: Output) -> Result<(), Diagnostic> {
        let mut site = self.0.lock().unwrap_or_else(|e| e.into_inner());
        site.insert(path, output);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collecting_joins_a_pages_pieces() {
        let sink = Collect::default();
        let parts: [&[u8]; 4] = [b"<p>", b"", b"one", b"</p>"];
        sink.put_parts("page.html".into(), &parts).unwrap();
        assert_eq!(sink.into_site().text("page.html"), Some("<p>one</p>"));
    }
}
