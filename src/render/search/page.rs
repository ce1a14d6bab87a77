//! One page's part of the search index, made independently of every other page (so pages are
//! indexed in parallel): its documents, its distinct words and their postings, numbered from
//! the page's first document.

use super::intern::Interner;
use super::text::{each_piece, sections};
use super::words::{excerpt, Splitter};
use super::{BODY, HEADING, TITLE};

/// One searchable section of a page.
pub(super) struct Doc {
    pub page: usize,
    pub anchor: String,
    pub heading: String,
    pub excerpt: String,
}

/// A word of a page: its bytes in [`PageIndex::text`] and its postings in
/// [`PageIndex::postings`].
#[derive(Clone, Copy)]
pub(super) struct PageWord {
    text: (u32, u32),
    postings: (u32, u32),
}

/// A page's documents and words. Postings are `local doc * 4 + field` with the best field of
/// the word in that document, ascending; words are grouped by their first byte, ascending, so
/// the index can merge each first byte's words on its own.
pub(super) struct PageIndex {
    pub docs: Vec<Doc>,
    text: String,
    words: Vec<PageWord>,
    postings: Vec<u32>,
    /// each first byte with the end of its words in `words`: where a merge of one first byte
    /// looks, rather than searching `words` (whose bytes are all over memory)
    firsts: Vec<(u8, u32)>,
}

impl PageIndex {
    /// The page's words starting with byte `first`, each with its postings.
    pub fn words_from(&self, first: u8) -> impl Iterator<Item = (&str, &[u32])> {
        let at = self.firsts.partition_point(|&(b, _)| b < first);
        let range = match self.firsts.get(at) {
            Some(&(b, end)) if b == first => {
                let start = at.checked_sub(1).map_or(0, |i| self.firsts[i].1);
                start as usize..end as usize
            }
            _ => 0..0,
        };
        self.words[range].iter().map(|w| {
            let (start, end) = w.text;
            let (from, to) = w.postings;
            (
                &self.text[start as usize..end as usize],
                &self.postings[from as usize..to as usize],
            )
        })
    }

    /// The first bytes the page's words start with.
    pub fn first_bytes(&self) -> impl Iterator<Item = u8> + '_ {
        self.firsts.iter().map(|&(b, _)| b)
    }
}

/// A page's sections as documents; the title (and description) count toward its first one,
/// the top of the page, even when the page opens with a heading.
pub(super) fn page_index(
    page: usize,
    title: &str,
    description: Option<&str>,
    html: &str,
    tokens: &mut Tokens,
) -> PageIndex {
    let mut docs = Vec::new();
    tokens.reset();
    let sections = sections(html);
    if sections.first().is_none_or(|s| !s.anchor.is_empty()) {
        docs.push(Doc {
            page,
            anchor: String::new(),
            heading: String::new(),
            excerpt: String::new(),
        });
        tokens.add_top(title, description);
    }
    for s in sections {
        let doc = docs.len() as u32;
        tokens.add(&s.heading, doc, HEADING);
        tokens.add_html(s.body, doc, BODY);
        if doc == 0 {
            tokens.add_top(title, description);
        }
        docs.push(Doc {
            page,
            anchor: s.anchor,
            heading: s.heading,
            excerpt: s.excerpt,
        });
    }
    if let Some(description) = description {
        if docs[0].excerpt.is_empty() {
            docs[0].excerpt = excerpt(description);
        }
    }
    let mut index = tokens.index();
    index.docs = docs;
    index
}

/// A page's distinct words and their postings, as they are tokenized. One is reused from page
/// to page (its buffers stay allocated).
pub(super) struct Tokens<'s> {
    stop: &'s [&'s str],
    /// the distinct words, one after another
    text: String,
    words: Interner,
    /// per word number: the index of its last posting in `postings`, `NONE` or `STOP`
    last: Vec<u32>,
    /// (word number, `doc * 4 + field`), in document order
    postings: Vec<(u32, u32)>,
    doc: u32,
    layout: Layout,
}

/// Scratch space for laying out a page's words.
#[derive(Default)]
struct Layout {
    /// per word number: its postings, then where its next posting goes
    count: Vec<u32>,
    /// word numbers by first byte
    order: Vec<u32>,
}

const NONE: u32 = u32::MAX;
const STOP: u32 = u32::MAX - 1;

impl<'s> Tokens<'s> {
    pub fn new(stop: &'s [&'s str]) -> Self {
        Tokens {
            stop,
            text: String::new(),
            words: Interner::default(),
            last: Vec::new(),
            postings: Vec::new(),
            doc: 0,
            layout: Layout::default(),
        }
    }

    fn reset(&mut self) {
        self.text.clear();
        self.words.clear();
        self.last.clear();
        self.postings.clear();
        self.doc = 0;
    }

    fn add(&mut self, text: &str, doc: u32, field: u8) {
        self.add_pieces(doc, field, |f| {
            f(text);
        });
    }

    /// Adds the text of `html` without making a string of it first.
    fn add_html(&mut self, html: &str, doc: u32, field: u8) {
        self.add_pieces(doc, field, |f| {
            each_piece(html, |piece| {
                f(piece);
                true
            });
        });
    }

    /// Adds the text `pieces` hands to the callback it is given.
    fn add_pieces(&mut self, doc: u32, field: u8, pieces: impl FnOnce(&mut dyn FnMut(&str))) {
        self.doc = doc;
        let posting = doc * 4 + u32::from(field);
        let Tokens {
            stop,
            text,
            words,
            last,
            postings,
            ..
        } = self;
        let mut keep = |text: &mut String, start: usize| {
            let (id, new) = words.intern(text, start);
            if new {
                last.push(if stop.contains(&&text[start..]) {
                    STOP
                } else {
                    NONE
                });
            }
            let last = &mut last[id as usize];
            if *last == STOP {
                return;
            }
            // words come in document order: the same document again keeps the best field
            match postings.get_mut(*last as usize) {
                Some(p) if p.1 / 4 == posting / 4 => p.1 = p.1.max(posting),
                _ => {
                    *last = postings.len() as u32;
                    postings.push((id, posting));
                }
            }
        };
        let mut split = Splitter::new(text);
        pieces(&mut |piece| split.feed(text, piece, &mut keep));
        split.end(text, &mut keep);
    }

    /// The title and description, in the current document (the top of the page).
    fn add_top(&mut self, title: &str, description: Option<&str>) {
        let doc = self.doc;
        self.add(title, doc, TITLE);
        if let Some(description) = description {
            self.add(description, doc, BODY);
        }
    }

    /// Each distinct word once, stop words left out, with the documents it is in.
    fn index(&mut self) -> PageIndex {
        group(
            &self.text,
            self.words.spans(),
            &self.postings,
            &mut self.layout,
        )
    }
}

/// Lays out the words (`spans` of `text`) grouped by first byte, each with its postings
/// (kept in order).
fn group(
    text: &str,
    spans: &[(u32, u32)],
    postings: &[(u32, u32)],
    layout: &mut Layout,
) -> PageIndex {
    let word = |id: u32| {
        let (from, to) = spans[id as usize];
        &text[from as usize..to as usize]
    };
    let first = |id: u32| text.as_bytes()[spans[id as usize].0 as usize];
    let Layout { count, order } = layout;
    count.clear();
    count.resize(spans.len(), 0);
    for &(id, _) in postings {
        count[id as usize] += 1;
    }
    // stop words have no postings
    order.clear();
    order.extend((0..spans.len() as u32).filter(|&id| count[id as usize] > 0));
    order.sort_unstable_by_key(|&id| first(id));
    let mut out = PageIndex {
        docs: Vec::new(),
        text: String::with_capacity(text.len()),
        words: Vec::with_capacity(order.len()),
        postings: vec![0; postings.len()],
        firsts: Vec::new(),
    };
    let mut at = 0;
    for &id in order.iter() {
        match out.firsts.last_mut() {
            Some((b, end)) if *b == first(id) => *end += 1,
            _ => out.firsts.push((first(id), out.words.len() as u32 + 1)),
        }
        let start = out.text.len() as u32;
        out.text.push_str(word(id));
        let end = at + count[id as usize];
        out.words.push(PageWord {
            text: (start, out.text.len() as u32),
            postings: (at, end),
        });
        // from here on: where the word's next posting goes
        count[id as usize] = at;
        at = end;
    }
    for &(id, posting) in postings {
        out.postings[count[id as usize] as usize] = posting;
        count[id as usize] += 1;
    }
    out
}
