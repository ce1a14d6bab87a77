//! The index of a run of consecutive pages, made independently of every other run (so runs
//! are indexed in parallel): their documents, their distinct words and each word's postings,
//! documents numbered from the run's first. Pages are taken in runs rather than one at a
//! time so that a word met on many pages is looked up in the course's index once per run.

use super::intern::{Interner, Key};
use super::scan::{Scanner, Words};
use super::sections::sections;
use super::words::excerpt;

/// The fields of a document a word may be found in, each posting's `doc * 4 + field`; a
/// word's best field counts.
pub(super) const BODY: u8 = 0;
pub(super) const HEADING: u8 = 1;
pub(super) const TITLE: u8 = 2;

/// One searchable section of a page.
pub(super) struct Doc {
    pub page: usize,
    pub anchor: String,
    pub heading: String,
    pub excerpt: String,
}

/// What of a page is indexed.
pub(super) struct PageText<'p> {
    pub page: usize,
    pub title: &'p str,
    pub description: Option<&'p str>,
    pub html: &'p str,
}

/// A run of pages' documents and words.
pub(super) struct ChunkIndex {
    pub docs: Vec<Doc>,
    /// the distinct words, stop words included
    pub words: Interner,
    /// (word number, `doc * 4 + field`) with the best field of the word in that document, in
    /// document order; stop words are left out
    pub postings: Vec<(u32, u32)>,
}

/// Indexes `pages`, the pages of a run in order.
pub(super) fn index_chunk<'p>(
    pages: impl Iterator<Item = PageText<'p>>,
    stop: &[&str],
) -> ChunkIndex {
    let mut indexer = Indexer {
        stop,
        scanner: Scanner::default(),
        last: Vec::new(),
        out: ChunkIndex {
            docs: Vec::new(),
            words: Interner::default(),
            postings: Vec::new(),
        },
    };
    for page in pages {
        indexer.page(&page);
    }
    indexer.out
}

/// The state of [`index_chunk`].
struct Indexer<'s> {
    stop: &'s [&'s str],
    scanner: Scanner,
    /// per word number: the index of its last posting in `out.postings`, `NONE` or `STOP`
    last: Vec<u32>,
    out: ChunkIndex,
}

const NONE: u32 = u32::MAX;
const STOP: u32 = u32::MAX - 1;

impl Indexer<'_> {
    /// A page's sections as documents; the title (and description) count toward its first
    /// one, the top of the page, even when the page opens with a heading.
    fn page(&mut self, p: &PageText) {
        let first = self.out.docs.len();
        let sections = sections(p.html);
        if sections.first().is_none_or(|s| !s.anchor.is_empty()) {
            self.out.docs.push(Doc {
                page: p.page,
                anchor: String::new(),
                heading: String::new(),
                excerpt: String::new(),
            });
            self.add_top(first, p);
        }
        for s in sections {
            let doc = self.out.docs.len();
            self.add(&s.heading, doc, HEADING, false);
            self.add(s.body, doc, BODY, true);
            if doc == first {
                self.add_top(doc, p);
            }
            self.out.docs.push(Doc {
                page: p.page,
                anchor: s.anchor,
                heading: s.heading,
                excerpt: s.excerpt,
            });
        }
        if let Some(description) = p.description {
            if self.out.docs[first].excerpt.is_empty() {
                self.out.docs[first].excerpt = excerpt(description);
            }
        }
    }

    /// The title and description, in the top document of the page.
    fn add_top(&mut self, doc: usize, p: &PageText) {
        self.add(p.title, doc, TITLE, false);
        if let Some(description) = p.description {
            self.add(description, doc, BODY, false);
        }
    }

    /// Adds the words of `text` (HTML when `html`) found in field `field` of document `doc`.
    fn add(&mut self, text: &str, doc: usize, field: u8, html: bool) {
        let posting = doc as u32 * 4 + u32::from(field);
        let Indexer {
            stop,
            scanner,
            last,
            out,
        } = self;
        let ChunkIndex {
            words, postings, ..
        } = out;
        let mut sink = DocWords {
            stop,
            last,
            words,
            postings,
            posting,
        };
        if html {
            scanner.html(text, &mut sink);
        } else {
            scanner.text(text, &mut sink);
        }
    }
}

/// The words of one field of one document going into a run's index.
struct DocWords<'a> {
    stop: &'a [&'a str],
    last: &'a mut Vec<u32>,
    words: &'a mut Interner,
    postings: &'a mut Vec<(u32, u32)>,
    /// `doc * 4 + field`
    posting: u32,
}

impl Words for DocWords<'_> {
    /// Inlined into the scanner's loop: this runs for every word of every page.
    #[inline(always)]
    fn word(&mut self, key: Key, long: &[u8]) {
        let (id, new) = self.words.intern(key, long);
        if new {
            let is_stop = (self.stop.iter()).any(|s| s.as_bytes() == self.words.word(id));
            self.last.push(if is_stop { STOP } else { NONE });
        }
        let last = &mut self.last[id as usize];
        if *last == STOP {
            return;
        }
        // words come in document order: the same document again keeps the best field
        match self.postings.get_mut(*last as usize) {
            Some(p) if p.1 / 4 == self.posting / 4 => p.1 = p.1.max(self.posting),
            _ => {
                *last = self.postings.len() as u32;
                self.postings.push((id, self.posting));
            }
        }
    }
}
