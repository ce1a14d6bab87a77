//! The site the dev server answers from, as rebuilds update it, and which of its pages each
//! rebuild changed (what the open pages are told).

use crate::build::Update;
use crate::site::{Output, Site};

/// The site the server answers from: the pages of the latest build and the whole-course files
/// of the latest build they were made for.
#[derive(Default)]
pub struct Served {
    pub site: Site,
    /// The warnings of the latest full build.
    pub warnings: Vec<crate::Diagnostic>,
    /// Paths of the whole-course files now in `site`.
    aggregates: Vec<String>,
}

/// What applying a rebuild did.
pub struct Applied {
    /// The files replaced (drop them outside any lock).
    pub replaced: Vec<Output>,
    /// The site paths of the HTML pages that are new or differ from before, in order.
    pub changed: Vec<String>,
}

impl Served {
    /// Applies a rebuild.
    pub fn apply(&mut self, update: Update) -> Applied {
        match update {
            Update::Full {
                pages,
                rest_stale: true,
                warnings,
                ..
            } => {
                // the same pages as before, some of them made again (the whole-course files
                // come after them)
                self.warnings = warnings;
                self.put(pages.files)
            }
            Update::Full {
                pages,
                aggregates,
                warnings,
                ..
            } => {
                self.warnings = warnings;
                let mut old = std::mem::replace(&mut self.site, pages);
                let changed = changed_pages(&old, &self.site);
                match aggregates {
                    Some(aggregates) => {
                        self.aggregates = Vec::new();
                        self.set_aggregates(aggregates);
                    }
                    // the previous ones stay until made again, but for those the pages brought
                    None => self.keep_aggregates(&mut old),
                }
                Applied {
                    replaced: old.files.into_values().collect(),
                    changed,
                }
            }
            Update::Pages(files) | Update::Files { files, .. } => self.put(files),
        }
    }

    /// Puts `files` in, in place of the files of the same paths.
    fn put(&mut self, files: impl IntoIterator<Item = (String, Output)>) -> Applied {
        let mut changed = Vec::new();
        let mut replaced = Vec::new();
        for (path, output) in files {
            let old = self.site.files.insert(path.clone(), output);
            if path.ends_with(".html")
                && old.as_ref().map(bytes) != self.site.files.get(&path).map(bytes)
            {
                changed.push(path);
            }
            replaced.extend(old);
        }
        Applied { replaced, changed }
    }

    /// Puts in every page and copied file made again after a theme file changed (see
    /// [`crate::build::Aggregates::pages`]).
    pub fn set_pages(&mut self, pages: Site) -> Applied {
        self.put(pages.files)
    }

    /// Moves the whole-course files from `old` into the site, where the new pages left none.
    fn keep_aggregates(&mut self, old: &mut Site) {
        for path in &self.aggregates {
            if !self.site.files.contains_key(path) {
                if let Some(output) = old.files.remove(path) {
                    self.site.files.insert(path.clone(), output);
                }
            }
        }
    }

    /// Replaces the whole-course files with `aggregates`.
    pub fn set_aggregates(&mut self, aggregates: Site) {
        for path in self.aggregates.drain(..) {
            self.site.files.remove(&path);
        }
        for (path, output) in aggregates.files {
            self.aggregates.push(path.clone());
            self.site.files.insert(path, output);
        }
    }
}

/// The HTML pages of `new` that `old` lacks or holds with other bytes.
fn changed_pages(old: &Site, new: &Site) -> Vec<String> {
    new.files
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .filter(|(path, output)| old.files.get(*path).map(bytes) != Some(bytes(output)))
        .map(|(path, _)| path.clone())
        .collect()
}

/// A generated file's bytes (a copied file's path, which stands for them).
fn bytes(output: &Output) -> &[u8] {
    match output {
        Output::Text(s) => s.as_bytes(),
        Output::Bytes(b) => b,
        Output::Copy(path) => path.as_os_str().as_encoded_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> Site {
        let mut site = Site::default();
        for (path, text) in files {
            site.insert(*path, Output::Bytes(text.as_bytes().to_vec().into()));
        }
        site
    }

    #[test]
    fn changed_pages_are_the_new_and_different_html_pages() {
        let old = site(&[("a.html", "a"), ("b.html", "b"), ("x.css", "1")]);
        let mut new = site(&[
            ("a.html", "a"),
            ("b.html", "B"),
            ("c.html", "c"),
            ("x.css", "2"),
        ]);
        new.insert("a.html", Output::Text("a".into()));
        assert_eq!(changed_pages(&old, &new), ["b.html", "c.html"]);
    }
}
