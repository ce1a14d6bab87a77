//! The runs' words merged into one sorted term list with course-wide document numbers.
//!
//! Runs are merged in order, so each word's postings stay ascending. A run's word is looked up
//! once per run by the key it already has (never hashed again), and its postings are then
//! appended by number.

use super::chunk::ChunkIndex;
use super::intern::Interner;
use super::Term;

/// The words of the runs added so far, with their postings.
#[derive(Default)]
pub(super) struct Terms {
    words: Interner,
    /// per word number: `doc * 4 + field`, ascending
    postings: Vec<Vec<u32>>,
    /// scratch: a run's word numbers → ours
    ids: Vec<u32>,
}

impl Terms {
    /// Adds `chunk`, the next run of pages, whose first document is number `first_doc`.
    pub fn add(&mut self, chunk: &ChunkIndex, first_doc: u32) {
        self.ids.clear();
        for id in 0..chunk.words.len() as u32 {
            let word = chunk.words.word(id);
            let (ours, new) = self.words.intern(chunk.words.key(id), word);
            if new {
                self.postings.push(Vec::new());
            }
            self.ids.push(ours);
        }
        let base = first_doc * 4;
        for &(id, posting) in &chunk.postings {
            self.postings[self.ids[id as usize] as usize].push(base + posting);
        }
    }

    /// Every word with its postings (`doc * 4 + field`, ascending), sorted by word; words
    /// without postings (stop words) are left out.
    pub fn into_sorted(self) -> Vec<Term> {
        let Terms {
            words, postings, ..
        } = self;
        let mut terms: Vec<Term> = (postings.into_iter().enumerate())
            .filter(|(_, p)| !p.is_empty())
            .map(|(id, p)| {
                let word = String::from_utf8_lossy(words.word(id as u32)).into_owned();
                (word, p)
            })
            .collect();
        terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        terms
    }
}
