//! One page's part of the search index, made independently of every other page (so pages are
//! indexed in parallel): its documents, its distinct words and their postings, numbered from
//! the page's first document.

use rustc_hash::FxHashMap as HashMap;

use super::text::{each_token, excerpt, sections};
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
}

impl PageIndex {
    /// The page's words starting with byte `first`, each with its postings.
    pub fn words_from(&self, first: u8) -> impl Iterator<Item = (&str, &[u32])> {
        let first_of = |w: &PageWord| self.text.as_bytes()[w.text.0 as usize];
        let lo = self.words.partition_point(|w| first_of(w) < first);
        let hi = self.words.partition_point(|w| first_of(w) <= first);
        self.words[lo..hi].iter().map(|w| {
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
        self.words
            .iter()
            .map(|w| self.text.as_bytes()[w.text.0 as usize])
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
    let mut tokens = Tokens::default();
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
        tokens.add(&s.text, doc, BODY);
        if doc == 0 {
            tokens.add_top(title, description);
        }
        docs.push(Doc {
            page,
            excerpt: excerpt(&s.text),
            anchor: s.anchor,
            heading: s.heading,
        });
    }
    if let Some(description) = description {
        if docs[0].excerpt.is_empty() {
            docs[0].excerpt = excerpt(description);
        }
    }
    let mut index = tokens.index(stop);
    index.docs = docs;
    index
}

/// Every word of a page in order, each with its document and field.
#[derive(Default)]
struct Tokens {
    /// the words, one after another
    text: String,
    /// per word: its end in `text` and `doc * 4 + field`
    ends: Vec<(u32, u32)>,
    buf: String,
    doc: u32,
}

impl Tokens {
    fn add(&mut self, text: &str, doc: u32, field: u8) {
        let Tokens {
            text: all,
            ends,
            buf,
            ..
        } = self;
        self.doc = doc;
        each_token(text, buf, |word| {
            all.push_str(word);
            ends.push((all.len() as u32, doc * 4 + u32::from(field)));
        });
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
    fn index(&self, stop: &[&str]) -> PageIndex {
        const STOP: u32 = u32::MAX;
        let mut ids: HashMap<&str, u32> = HashMap::default();
        let mut words: Vec<&str> = Vec::new();
        // (word, posting), and per word the index of its last one here
        let mut postings: Vec<(u32, u32)> = Vec::with_capacity(self.ends.len());
        let mut last: Vec<usize> = Vec::new();
        let mut start = 0;
        for &(end, posting) in &self.ends {
            let word = &self.text[start..end as usize];
            start = end as usize;
            let id = *ids.entry(word).or_insert_with(|| {
                if stop.contains(&word) {
                    return STOP;
                }
                words.push(word);
                last.push(usize::MAX);
                words.len() as u32 - 1
            });
            if id == STOP {
                continue;
            }
            // tokens come in document order: the same document again keeps the best field
            match postings.get_mut(last[id as usize]) {
                Some(p) if p.1 / 4 == posting / 4 => p.1 = p.1.max(posting),
                _ => {
                    last[id as usize] = postings.len();
                    postings.push((id, posting));
                }
            }
        }
        group(&words, &postings)
    }
}

/// Lays out `words` grouped by first byte, each with its postings (kept in order).
fn group(words: &[&str], postings: &[(u32, u32)]) -> PageIndex {
    let mut order: Vec<u32> = (0..words.len() as u32).collect();
    order.sort_by_key(|&id| words[id as usize].as_bytes()[0]);
    let mut count = vec![0u32; words.len()];
    for &(id, _) in postings {
        count[id as usize] += 1;
    }
    let mut text = String::with_capacity(words.iter().map(|w| w.len()).sum());
    let mut placed = Vec::with_capacity(words.len());
    // where each word's next posting goes
    let mut next = vec![0u32; words.len()];
    let mut at = 0;
    for &id in &order {
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
    }
}
