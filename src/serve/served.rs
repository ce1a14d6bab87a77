//! The site the dev server answers from, as rebuilds update it.

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

impl Served {
    /// Applies a rebuild; returns the files replaced (drop them outside any lock).
    pub fn apply(&mut self, update: Update) -> Vec<Output> {
        match update {
            Update::Full {
                pages,
                aggregates,
                warnings,
            } => {
                self.warnings = warnings;
                let old = std::mem::replace(&mut self.site, pages);
                self.aggregates = Vec::new();
                self.set_aggregates(aggregates);
                old.files.into_values().collect()
            }
            Update::Pages(files) => files
                .into_iter()
                .filter_map(|(path, output)| self.site.files.insert(path, output))
                .collect(),
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
