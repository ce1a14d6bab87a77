//! The pages' words merged into one sorted term list with global document numbers.
//!
//! Pages come in batches (so only one batch's page indexes are in memory at once). Words are
//! kept apart by their first byte and each first byte's words are merged on their own, in
//! parallel: a word's postings all come from one merge, which walks the pages in order (so
//! postings stay ascending), and since strings sort by their bytes, the sorted groups one
//! after another are the whole list sorted.

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use super::page::PageIndex;
use super::Term;

/// The words of the pages added so far, by first byte.
pub(super) struct Terms {
    firsts: Vec<First>,
}

/// The words starting with one byte: each word's number, and postings by number.
#[derive(Default)]
struct First {
    ids: HashMap<String, u32>,
    postings: Vec<Vec<u32>>,
}

impl Terms {
    pub fn new() -> Self {
        Terms {
            firsts: (0..256).map(|_| First::default()).collect(),
        }
    }

    /// Adds `pages`, the next pages in order, whose first document is number `first_doc`.
    pub fn add(&mut self, pages: &[PageIndex], first_doc: u32) {
        // the number of each page's first document
        let mut base = Vec::with_capacity(pages.len());
        let mut docs = first_doc;
        for page in pages {
            base.push(docs);
            docs += page.docs.len() as u32;
        }
        let mut used = [false; 256];
        for page in pages {
            page.first_bytes().for_each(|b| used[usize::from(b)] = true);
        }
        self.firsts
            .par_iter_mut()
            .enumerate()
            .filter(|(b, _)| used[*b])
            .for_each(|(b, first)| first.add(pages, &base, b as u8));
    }

    /// Every word with its postings (`doc * 4 + field`, ascending), sorted by word.
    pub fn into_sorted(self) -> Vec<Term> {
        let groups: Vec<Vec<Term>> = self
            .firsts
            .into_par_iter()
            .map(First::into_sorted)
            .collect();
        groups.concat()
    }
}

impl First {
    fn add(&mut self, pages: &[PageIndex], base: &[u32], first: u8) {
        for (page, &base) in pages.iter().zip(base) {
            for (word, postings) in page.words_from(first) {
                let id = match self.ids.get(word) {
                    Some(&id) => id,
                    None => {
                        self.postings.push(Vec::new());
                        let id = self.postings.len() as u32 - 1;
                        self.ids.insert(word.to_string(), id);
                        id
                    }
                };
                let to = &mut self.postings[id as usize];
                to.extend(postings.iter().map(|p| base * 4 + p));
            }
        }
    }

    fn into_sorted(self) -> Vec<Term> {
        let mut postings = self.postings;
        let mut terms: Vec<Term> = (self.ids.into_iter())
            .map(|(word, id)| (word, std::mem::take(&mut postings[id as usize])))
            .collect();
        terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        terms
    }
}
