//! The runs' words merged into one sorted term list with course-wide document numbers.
//!
//! Runs are merged in order, so each word's postings stay ascending. A run's word is looked up
//! once per run by the key it already has (never hashed again), and its postings are then
//! appended by number, written at once as their shard has them: the deltas between them in
//! JSON, most of one or two digits, take a little over two bytes a posting where numbers took
//! four (and twice that while their vectors grew), most of the index's memory.

use rayon::prelude::*;

use super::chunk::ChunkIndex;
use super::intern::Interner;
use crate::render::json::push_num;

/// The most postings a word keeps: with the ten results a query shows drawn from them, a
/// query's term files stay some tens of kilobytes at any course size.
pub(super) const MAX_POSTINGS: usize = 1000;

/// A word and its postings.
pub(super) type Term = (String, Postings);

/// A word's postings (`doc * 4 + field`, ascending) as its shard writes them: the first, then
/// the difference from each to the next, separated by commas.
#[derive(Default)]
pub(super) struct Postings {
    json: String,
    last: u32,
    count: u32,
    /// How many documents the word is in, when it keeps fewer (see [`Postings::capped`]).
    more: Option<u32>,
}

impl Postings {
    /// Adds a posting larger than any before.
    pub fn push(&mut self, posting: u32) {
        if self.count > 0 {
            self.json.push(',');
        }
        // nearly every delta has one or two digits: written here, inline, rather than by the
        // general number writer (a call costing several times as much, per posting)
        let delta = posting - self.last;
        let digit = |d: u32| char::from(b'0' + d as u8);
        match delta {
            0..=9 => self.json.push(digit(delta)),
            10..=99 => {
                self.json.push(digit(delta / 10));
                self.json.push(digit(delta % 10));
            }
            _ => push_num(&mut self.json, u64::from(delta)),
        }
        self.last = posting;
        self.count += 1;
    }

    /// The number of postings.
    pub fn len(&self) -> usize {
        self.count as usize
    }

    /// At most `max` of these postings, noting the number of documents the word is in when it
    /// keeps fewer: a word found nearly everywhere ("seller" in a sales course) would
    /// otherwise send a query hundreds of kilobytes. Kept are the best fields first (lesson
    /// title, heading, body) and, within a field, the first documents: the ones search.js ranks
    /// first for the word, so a one-word query shows the same first results.
    pub fn capped(self, max: usize) -> Postings {
        if self.len() <= max {
            return self;
        }
        // one posting a document: the word's best field in it
        let docs = self.count;
        let values = self.decoded();
        let mut best = Vec::with_capacity(max);
        for field in [2, 1, 0] {
            let room = max - best.len();
            best.extend(values.iter().filter(|&&v| v & 3 == field).take(room));
        }
        best.sort_unstable();
        let mut kept = Postings::default();
        best.into_iter().for_each(|v| kept.push(v));
        kept.more = Some(docs);
        kept
    }

    /// How many documents the word is in, when its postings were capped.
    pub fn more(&self) -> Option<u32> {
        self.more
    }

    /// The postings, decoded from their JSON.
    fn decoded(&self) -> Vec<u32> {
        let deltas = self.json.split(',').filter(|d| !d.is_empty());
        deltas
            .scan(0, |last, d| {
                *last += d.parse::<u32>().unwrap_or(0);
                Some(*last)
            })
            .collect()
    }

    /// The postings as JSON array items.
    pub fn json(&self) -> &str {
        &self.json
    }

    /// The postings, decoded from their JSON again.
    #[cfg(test)]
    pub fn values(&self) -> Vec<u32> {
        self.decoded()
    }
}

#[cfg(test)]
impl From<&[u32]> for Postings {
    fn from(values: &[u32]) -> Postings {
        let mut postings = Postings::default();
        values.iter().for_each(|&v| postings.push(v));
        postings
    }
}

/// The words of the runs added so far, with their postings.
#[derive(Default)]
pub(super) struct Terms {
    words: Interner,
    /// per word number: its postings
    postings: Vec<Postings>,
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
                self.postings.push(Postings::default());
            }
            self.ids.push(ours);
        }
        let base = first_doc * 4;
        for &(id, posting) in &chunk.postings {
            self.postings[self.ids[id as usize] as usize].push(base + posting);
        }
    }

    /// Every word with its postings (at most [`MAX_POSTINGS`]), sorted by word; words without
    /// postings (stop words) are left out.
    pub fn into_sorted(self) -> Vec<Term> {
        let Terms {
            words, postings, ..
        } = self;
        let mut terms: Vec<Term> = (postings.into_par_iter().enumerate())
            .filter(|(_, p)| p.len() > 0)
            .map(|(id, p)| {
                let word = String::from_utf8_lossy(words.word(id as u32)).into_owned();
                (word, p.capped(MAX_POSTINGS))
            })
            .collect();
        terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        terms
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_in_many_documents_keeps_its_best_fields_then_its_first_documents() {
        // documents 0..10: a body posting each; 7 a heading, 3 and 9 the lesson title
        let field = |doc: u32| match doc {
            3 | 9 => 2,
            7 => 1,
            _ => 0,
        };
        let values: Vec<u32> = (0..10).map(|doc| doc * 4 + field(doc)).collect();
        let kept = Postings::from(values.as_slice()).capped(5);
        assert_eq!(kept.values(), [0, 4, 14, 29, 38]);
        assert_eq!(kept.len(), 5);
        assert_eq!(kept.more(), Some(10));
        // within the cap, nothing changes
        let all = Postings::from(values.as_slice()).capped(10);
        assert_eq!((all.values(), all.more()), (values, None));
        let script = crate::search::shards::shard_script("s", &[("seller".into(), kept)]);
        assert_eq!(
            script,
            "lecternSearch(\"shard\",\"s\",{\"terms\":{\"seller\":[0,4,10,15,9]},\"more\":{\"seller\":10}});\n"
        );
    }

    #[test]
    fn writes_postings_as_the_number_writer_writes_their_deltas() {
        let mut seed = 1usize;
        let gaps = [
            "0", "1", "7", "9", "10", "42", "99", "100", "999", "1000", "123456",
        ];
        let mut postings = Postings::default();
        let (mut value, mut expected) = (0u32, String::new());
        for i in 0..2000 {
            let gap: u32 = crate::search::pick(&mut seed, &gaps).parse().unwrap();
            value += gap;
            postings.push(value);
            if i > 0 {
                expected.push(',');
            }
            push_num(&mut expected, u64::from(gap));
        }
        assert_eq!(postings.json(), expected);
        assert_eq!(postings.len(), 2000);
    }
}
