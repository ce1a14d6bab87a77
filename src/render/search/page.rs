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
    stop: &[&str],
) -> PageIndex {
    let mut docs = Vec::new();
    let mut tokens = Tokens::new(stop);
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

/// A page's distinct words and their postings, as they are tokenized.
struct Tokens<'s> {
    stop: &'s [&'s str],
    /// the distinct words, one after another
    text: String,
    words: Interner,
    /// per word number: the index of its last posting in `postings`, `NONE` or `STOP`
    last: Vec<u32>,
    /// (word number, `doc * 4 + field`), in document order
    postings: Vec<(u32, u32)>,
    doc: u32,
}

const NONE: u32 = u32::MAX;
const STOP: u32 = u32::MAX - 1;

impl<'s> Tokens<'s> {
    fn new(stop: &'s [&'s str]) -> Self {
        Tokens {
            stop,
            text: String::new(),
            words: Interner::default(),
            last: Vec::new(),
            postings: Vec::new(),
            doc: 0,
        }
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
    fn index(self) -> PageIndex {
        let words: Vec<&str> = (self.words.spans().iter())
            .map(|&(from, to)| &self.text[from as usize..to as usize])
            .collect();
        group(&words, &self.postings)
    }
}

/// Lays out `words` grouped by first byte, each with its postings (kept in order).
fn group(words: &[&str], postings: &[(u32, u32)]) -> PageIndex {
    let first = |id: u32| words[id as usize].as_bytes()[0];
    let mut count = vec![0u32; words.len()];
    for &(id, _) in postings {
        count[id as usize] += 1;
    }
    // stop words have no postings
    let mut order: Vec<u32> = (0..words.len() as u32)
        .filter(|&id| count[id as usize] > 0)
        .collect();
    order.sort_by_key(|&id| first(id));
    let mut text = String::with_capacity(words.iter().map(|w| w.len()).sum());
    let mut placed = Vec::with_capacity(words.len());
    let mut firsts: Vec<(u8, u32)> = Vec::new();
    // where each word's next posting goes
    let mut next = vec![0u32; words.len()];
    let mut at = 0;
    for &id in &order {
        match firsts.last_mut() {
            Some((b, end)) if *b == first(id) => *end += 1,
            _ => firsts.push((first(id), placed.len() as u32 + 1)),
        }
        let start = text.len() as u32;
        text.push_str(words[id as usize]);
        next[id as usize] = at;
        let end = at + count[id as usize];
        placed.push(PageWord {
            text: (start, text.len() as u32),
            postings: (at, end),
        });
        at = end;
    }
    let mut flat = vec![0; postings.len()];
    for &(id, posting) in postings {
        flat[next[id as usize] as usize] = posting;
        next[id as usize] += 1;
    }
    PageIndex {
        docs: Vec::new(),
        text,
        words: placed,
        postings: flat,
        firsts,
    }
}
