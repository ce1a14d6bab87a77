//! The pages' words merged into one sorted term list with global document numbers.
//!
//! Words are split by their first byte and each first byte is merged on its own, in parallel:
//! a word's postings all come from one merge, which walks the pages in order (so postings stay
//! ascending), and since strings sort by their bytes, the sorted groups one after another are
//! the whole list sorted.

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use super::page::PageIndex;
use super::Term;

/// Every word of `pages` with its postings (`doc * 4 + field`, ascending), sorted by word.
pub(super) fn merge(pages: &[PageIndex]) -> Vec<Term<'_>> {
    // the number of each page's first document
    let mut first_doc = Vec::with_capacity(pages.len());
    let mut docs = 0u32;
    for page in pages {
        first_doc.push(docs);
        docs += page.docs.len() as u32;
    }
    let mut used = [false; 256];
    for page in pages {
        page.first_bytes().for_each(|b| used[usize::from(b)] = true);
    }
    let firsts: Vec<u8> = (0..=255).filter(|&b| used[usize::from(b)]).collect();
    let groups: Vec<Vec<Term>> = firsts
        .par_iter()
        .map(|&b| merge_first(pages, &first_doc, b))
        .collect();
    groups.concat()
}

/// The terms starting with byte `first`, sorted.
fn merge_first<'p>(pages: &'p [PageIndex], first_doc: &[u32], first: u8) -> Vec<Term<'p>> {
    let mut ids: HashMap<&str, usize> = HashMap::default();
    let mut terms: Vec<Term> = Vec::new();
    for (page, &base) in pages.iter().zip(first_doc) {
        for (word, postings) in page.words_from(first) {
            let id = *ids.entry(word).or_insert_with(|| {
                terms.push((word, Vec::new()));
                terms.len() - 1
            });
            terms[id].1.extend(postings.iter().map(|p| base * 4 + p));
        }
    }
    terms.sort_unstable_by(|a, b| a.0.cmp(b.0));
    terms
}
