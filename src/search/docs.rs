//! The `docs-<n>.js` files, each handed to the sink as soon as its documents are indexed, so
//! that the documents of the whole course are never all in memory at once.

use rayon::prelude::*;

use super::chunk::Doc;
use crate::error::Diagnostic;
use crate::model::Course;
use crate::render::json;
use crate::site::{Output, Sink};

/// Documents per `docs-<n>.js` file: a query's ten results may sit in ten files, so they are
/// kept small (some 4.5 KB at 10,000 lessons: a query loads under 100 KB in all).
pub(super) const DOC_CHUNK: usize = 25;

/// The documents indexed so far: those of the files not yet written, and how many were.
pub(super) struct DocFiles<'c> {
    course: &'c Course,
    sink: &'c dyn Sink,
    /// the documents from number `written * DOC_CHUNK` on
    pending: Vec<Doc>,
    /// files written
    written: usize,
}

impl<'c> DocFiles<'c> {
    pub fn new(course: &'c Course, sink: &'c dyn Sink) -> Self {
        DocFiles {
            course,
            sink,
            pending: Vec::new(),
            written: 0,
        }
    }

    /// The number of documents added so far.
    pub fn len(&self) -> usize {
        self.written * DOC_CHUNK + self.pending.len()
    }

    /// Adds the next documents in order.
    pub fn extend(&mut self, docs: Vec<Doc>) {
        self.pending.extend(docs);
    }

    /// Writes every file whose documents are all added, in parallel.
    pub fn write_full(&mut self) -> Result<(), Diagnostic> {
        let full = self.pending.len() / DOC_CHUNK * DOC_CHUNK;
        let (course, sink, first) = (self.course, self.sink, self.written);
        (self.pending[..full].par_chunks(DOC_CHUNK).enumerate()).try_for_each(|(i, chunk)| {
            let n = first + i;
            let script = docs_script(course, n, chunk);
            sink.put(format!("assets/search/docs-{n}.js"), Output::Text(script))
        })?;
        self.pending.drain(..full);
        self.written += full / DOC_CHUNK;
        Ok(())
    }

    /// Writes the last files; returns the number of documents.
    pub fn finish(mut self) -> Result<usize, Diagnostic> {
        self.write_full()?;
        let count = self.len();
        if !self.pending.is_empty() {
            let n = self.written;
            let script = docs_script(self.course, n, &self.pending);
            (self.sink).put(format!("assets/search/docs-{n}.js"), Output::Text(script))?;
        }
        Ok(count)
    }
}

/// `lecternSearch("docs", n, {"d": [[page, anchor, heading, excerpt], ...], "p": {page:
/// [title, url], ...}})`, the pages keyed by their number as a string and in string order
/// (as a JSON object with sorted keys has always written them).
fn docs_script(course: &Course, n: usize, chunk: &[Doc]) -> String {
    let mut out = String::with_capacity(256 * chunk.len());
    out.push_str("lecternSearch(\"docs\",");
    json::push_num(&mut out, n as u64);
    out.push_str(",{\"d\":[");
    for (i, d) in chunk.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('[');
        json::push_num(&mut out, d.page as u64);
        for text in [&d.anchor, &d.heading, &d.excerpt] {
            out.push(',');
            json::push_str(&mut out, text);
        }
        out.push(']');
    }
    out.push_str("],\"p\":{");
    let mut pages: Vec<usize> = chunk.iter().map(|d| d.page).collect();
    pages.dedup();
    let mut pages: Vec<(String, usize)> = pages.into_iter().map(|p| (p.to_string(), p)).collect();
    pages.sort_unstable();
    pages.dedup();
    for (i, (key, page)) in pages.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let page = &course.pages[*page];
        json::push_str(&mut out, key);
        out.push_str(":[");
        json::push_str(&mut out, &page.title);
        out.push(',');
        json::push_str(&mut out, &page.out);
        out.push(']');
    }
    out.push_str("}});\n");
    out
}
