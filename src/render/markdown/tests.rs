//! The stream's fast path against its general path, on every page of the test fixtures and
//! the sample course.

use std::path::{Path, PathBuf};

use super::{render_with, stream, PageInput};
use crate::model::{self, ModelOptions};

/// Every course folder to render: the fixtures that build, and the sample course.
fn courses() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixtures = std::fs::read_dir(root.join("tests/fixtures")).unwrap();
    let mut courses: Vec<PathBuf> = fixtures.map(|entry| entry.unwrap().path()).collect();
    courses.push(root.to_path_buf());
    courses
}

#[test]
fn the_fast_path_renders_what_the_general_path_renders() {
    let mut pages = 0;
    for folder in courses() {
        let Ok(source) = crate::load::load(&folder) else {
            continue;
        };
        let Ok(course) = model::build(source, ModelOptions { drafts: true }) else {
            continue;
        };
        for (i, page) in course.pages.iter().enumerate() {
            let Some(src) = &page.source else { continue };
            let input = PageInput {
                file: &src.file,
                rel: &src.rel,
                text: &src.text,
                body_start: src.body_start,
                out: &page.out,
                page_index: i,
                links: &course.links,
                course: &course,
                tables: &course.tables,
            };
            let fast = render_with(&input, stream::Path::Fast);
            let general = render_with(&input, stream::Path::General);
            assert_eq!(
                format!("{fast:?}"),
                format!("{general:?}"),
                "{}",
                src.file.display()
            );
            pages += 1;
        }
    }
    assert!(pages > 30, "only {pages} pages rendered");
}
