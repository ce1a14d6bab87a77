//! What a rebuild may reuse from the previous one, for the dev server's full rebuilds.
//!
//! A page's rendered Markdown depends on its own file (text, paths, position) and on the
//! course-wide facts the passes read: every page's output path and id, the copied
//! assets and `static/` files, the files that could not be read, the tables, the glossary,
//! the course's language and interface strings, and `lectern.lock`. Each is hashed into a key; a page whose key is
//! unchanged takes its Markdown from the cache instead of being rendered again.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::model::{Course, Page};
use crate::render::markdown::RenderedMarkdown;

/// Rendered Markdown of the previous build, by key.
#[derive(Default)]
pub struct RenderCache {
    markdown: HashMap<u64, Arc<RenderedMarkdown>>,
}

/// Feeds serialised values straight into a hasher, without building a string.
struct HashWriter<'h>(&'h mut DefaultHasher);

impl std::io::Write for HashWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Hashes anything serialisable (a value that fails to serialise hashes as its error text,
/// which is stable too).
fn hash_serialized(hasher: &mut DefaultHasher, value: &impl Serialize) {
    if let Err(e) = serde_json::to_writer(HashWriter(hasher), value) {
        e.to_string().hash(hasher);
    }
}

/// The course-wide facts page Markdown depends on. Titles are not among them (a link's text
/// is what the author wrote), so a new lesson title re-renders no Markdown.
fn course_markdown_key(course: &Course) -> u64 {
    let mut h = DefaultHasher::new();
    for page in &course.pages {
        (&page.out, &page.id).hash(&mut h);
        page.source.as_ref().map(|s| &s.rel).hash(&mut h);
    }
    (&course.assets, &course.static_files, &course.unreadable).hash(&mut h);
    // the ids of tracked items
    course.lock.hash(&mut h);
    hash_serialized(&mut h, &course.tables);
    hash_serialized(&mut h, &course.glossary.as_ref().map(|g| &g.terms));
    // of course.yaml, the Markdown reads the language and the interface strings alone: a
    // new course title renders no Markdown again
    course.config.language.hash(&mut h);
    hash_serialized(&mut h, &course.config.strings);
    h.finish()
}

fn markdown_key(course_key: u64, index: usize, page: &Page) -> u64 {
    let mut h = DefaultHasher::new();
    (course_key, index, &page.out).hash(&mut h);
    if let Some(src) = &page.source {
        (&src.file, &src.rel, &src.text, src.body_start).hash(&mut h);
    }
    h.finish()
}

impl RenderCache {
    /// Every page's Markdown, from the cache where its key is unchanged.
    pub fn markdown(
        &mut self,
        course: &Course,
        render: impl Fn(usize) -> RenderedMarkdown + Sync,
    ) -> Vec<Arc<RenderedMarkdown>> {
        let course_key = course_markdown_key(course);
        let keys: Vec<u64> = course
            .pages
            .par_iter()
            .enumerate()
            .map(|(i, p)| markdown_key(course_key, i, p))
            .collect();
        let rendered: Vec<Arc<RenderedMarkdown>> = keys
            .par_iter()
            .enumerate()
            .map(|(i, k)| match self.markdown.get(k) {
                Some(r) => r.clone(),
                None => Arc::new(render(i)),
            })
            .collect();
        self.markdown = keys.into_iter().zip(rendered.iter().cloned()).collect();
        rendered
    }
}
