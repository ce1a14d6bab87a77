//! What a rebuild may reuse from the previous one, for the dev server.
//!
//! A page's rendered Markdown depends on its own file (text, paths, position) and on the
//! course-wide facts the passes read: every page's output path, id and title, the copied
//! assets, the tables and the course settings. Its final HTML depends on that Markdown, on
//! its module's sidebar, on its own small context (page info, breadcrumbs, previous/next,
//! table of contents) and on what every page shares (templates, template globals).
//! Each is hashed into a key; a page whose key is unchanged is taken from the cache instead
//! of being rendered again. Anything not covered by a key is always rendered, so a cached
//! render equals a full one.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::markdown::RenderedMarkdown;
use crate::model::{Course, Page};

/// Rendered Markdown and pages of the previous build, by key.
#[derive(Default)]
pub struct RenderCache {
    markdown: HashMap<u64, Arc<RenderedMarkdown>>,
    pages: HashMap<u64, Arc<str>>,
    /// How many pages the last render took from the cache and how many it rendered.
    pub last_hits: usize,
    pub last_misses: usize,
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
pub(super) fn hash_serialized(hasher: &mut DefaultHasher, value: &impl Serialize) {
    if let Err(e) = serde_json::to_writer(HashWriter(hasher), value) {
        e.to_string().hash(hasher);
    }
}

/// The course-wide facts page Markdown depends on.
fn course_markdown_key(course: &Course) -> u64 {
    let mut h = DefaultHasher::new();
    for page in &course.pages {
        (&page.out, &page.id, &page.title).hash(&mut h);
        page.source.as_ref().map(|s| &s.rel).hash(&mut h);
    }
    course.assets.hash(&mut h);
    hash_serialized(&mut h, &course.tables);
    hash_serialized(&mut h, &course.config);
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
    /// Every page's Markdown, from the cache where its key is unchanged, with the keys.
    pub(super) fn markdown(
        &mut self,
        course: &Course,
        render: impl Fn(usize) -> RenderedMarkdown + Sync,
    ) -> (Vec<Arc<RenderedMarkdown>>, Vec<u64>) {
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
        self.markdown = keys.iter().copied().zip(rendered.iter().cloned()).collect();
        (rendered, keys)
    }

    /// A page's HTML from the previous build, if its key is unchanged.
    pub(super) fn page(&self, key: u64) -> Option<Arc<str>> {
        self.pages.get(&key).cloned()
    }

    /// Remembers this build's pages (and forgets pages no longer built).
    pub(super) fn store_pages(&mut self, pages: HashMap<u64, Arc<str>>, hits: usize) {
        self.last_misses = pages.len() - hits;
        self.last_hits = hits;
        self.pages = pages;
    }
}

/// The per-page values of [`super::pages::page_context`], hashed by name (tera's maps do not
/// iterate in a stable order, so the context cannot be hashed whole). A value added to the
/// page context must be listed here; the serve tests compare cached and full builds.
const PAGE_VALUES: [&str; 7] = [
    "page",
    "root",
    "toc",
    "breadcrumbs",
    "prev",
    "next",
    "module",
];

/// The key of a page's final HTML. `ctx` is the page's context without `content` and
/// `sidebar`, which enter through the Markdown key and the module sidebar's hash.
pub(super) fn page_key(
    shared: u64,
    markdown: u64,
    sidebar: u64,
    page_id: &str,
    ctx: &Context,
) -> u64 {
    let mut h = DefaultHasher::new();
    (shared, markdown, sidebar, page_id).hash(&mut h);
    for name in PAGE_VALUES {
        name.hash(&mut h);
        // serde_json's maps are sorted, so this is stable.
        let value = ctx.get(name).and_then(|v| serde_json::to_value(v).ok());
        hash_serialized(&mut h, &value);
    }
    h.finish()
}

/// Hash of one string (a module's sidebar).
pub(super) fn hash_str(s: &str) -> u64 {
    let mut h = DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

/// What every page shares: the templates and the template globals.
pub(super) fn shared_key(course: &Course, globals: &impl Serialize) -> u64 {
    let mut h = DefaultHasher::new();
    for t in &course.theme.templates {
        (&t.name, &t.text).hash(&mut h);
    }
    hash_serialized(&mut h, globals);
    h.finish()
}
