//! Numbers for a page's distinct words, the words themselves kept one after another in one
//! `String`. The tokenizer appends each word to that string and asks for its number: a new
//! word stays, a word seen before is cut off again. That is one hash lookup per word with no
//! allocation per word (a `HashMap<String, _>` needs one per distinct word per page, and a
//! `HashMap<&str, _>` cannot borrow a string that is still growing).

use std::hash::BuildHasher;

use rustc_hash::FxBuildHasher;

/// Open addressing with linear probing over the words' hashes.
#[derive(Default)]
pub(super) struct Interner {
    /// per number: the word's bytes in the text
    spans: Vec<(u32, u32)>,
    /// per number: the word's hash
    hashes: Vec<u64>,
    /// number + 1, or 0 for an empty slot; the length is a power of two
    slots: Vec<u32>,
}

impl Interner {
    /// The number of the word `text[start..]`, and whether it is new; a word seen before is
    /// cut off `text` again.
    pub fn intern(&mut self, text: &mut String, start: usize) -> (u32, bool) {
        if self.spans.len() * 2 >= self.slots.len() {
            self.grow();
        }
        let word = &text[start..];
        let hash = FxBuildHasher.hash_one(word);
        let mask = self.slots.len() - 1;
        let mut at = hash as usize & mask;
        while let Some(id) = self.slots[at].checked_sub(1) {
            let (from, to) = self.spans[id as usize];
            if self.hashes[id as usize] == hash && &text[from as usize..to as usize] == word {
                text.truncate(start);
                return (id, false);
            }
            at = (at + 1) & mask;
        }
        let id = self.spans.len() as u32;
        self.spans.push((start as u32, text.len() as u32));
        self.hashes.push(hash);
        self.slots[at] = id + 1;
        (id, true)
    }

    /// Forgets every word, keeping the memory.
    pub fn clear(&mut self) {
        self.spans.clear();
        self.hashes.clear();
        self.slots.fill(0);
    }

    /// The bytes of each word in the text, by number.
    pub fn spans(&self) -> &[(u32, u32)] {
        &self.spans
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(256);
        let mask = size - 1;
        self.slots = vec![0; size];
        for (id, &hash) in self.hashes.iter().enumerate() {
            let mut at = hash as usize & mask;
            while self.slots[at] != 0 {
                at = (at + 1) & mask;
            }
            self.slots[at] = id as u32 + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_each_distinct_word_once() {
        let mut text = String::new();
        let mut words = Interner::default();
        let mut ids = Vec::new();
        // enough words to grow the table several times
        for round in 0..2 {
            for i in 0..1000 {
                let start = text.len();
                text.push_str(&format!("w{i}"));
                let (id, new) = words.intern(&mut text, start);
                assert_eq!(new, round == 0);
                ids.push(id);
            }
        }
        assert_eq!(ids[..1000], ids[1000..]);
        assert_eq!(ids[..3], [0, 1, 2]);
        let (from, to) = words.spans()[999];
        assert_eq!(&text[from as usize..to as usize], "w999");
        assert_eq!(text.len(), words.spans().last().unwrap().1 as usize);
    }
}
