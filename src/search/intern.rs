//! Numbers for distinct words, the words kept one after another in one buffer: one hash
//! lookup and no allocation per word.
//!
//! A word is looked up by its [`Key`]: its first 16 bytes read as two numbers, its length and
//! a hash of them. Nearly every word is that short, so two keys are compared as four numbers
//! (no call to compare bytes) and hashing is two multiplications. The key is the caller's, so
//! that a word's key, made once when a page is tokenized, serves the merge into the whole
//! course's index too.

use std::hash::BuildHasher;

use rustc_hash::FxBuildHasher;

/// What a word is looked up by; words of up to 16 bytes are equal when their keys are.
#[derive(Clone, Copy)]
pub(super) struct Key {
    head: [u64; 2],
    len: u64,
    hash: u64,
}

const K: u64 = 0xf135_7aea_2e62_a9c5;

/// Equal heads and lengths: the hash follows from them, or for a longer word is not enough
/// anyway. Compared without a branch per field (nearly every comparison is of equal keys).
impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        (self.head[0] ^ other.head[0]) | (self.head[1] ^ other.head[1]) | (self.len ^ other.len)
            == 0
    }
}

/// Words of up to this many bytes are told apart by their keys alone.
pub(super) const SHORT: usize = 16;

impl Key {
    /// The key of `word`.
    pub fn of(word: &[u8]) -> Key {
        let mut key = Key::new(head(word), word.len());
        if word.len() > SHORT {
            key.hash = mix(key.hash ^ FxBuildHasher.hash_one(&word[SHORT..]));
        }
        key
    }

    /// The key of the word `window[..len]` of ASCII letters and digits, lowercased, `len` at
    /// most [`SHORT`]: the bytes are read at once and lowercased together (setting bit 5
    /// lowercases an ASCII letter and leaves a digit as it is).
    pub fn of_ascii(window: &[u8; SHORT], len: usize) -> Key {
        let mask = MASKS[len.min(SHORT)];
        let head =
            (u128::from_le_bytes(*window) | 0x2020_2020_2020_2020_2020_2020_2020_2020) & mask;
        Key::new([head as u64, (head >> 64) as u64], len)
    }

    fn new(head: [u64; 2], len: usize) -> Key {
        let len = len as u64;
        let hash = mix(mix(head[0] ^ len) ^ head[1]);
        Key { head, len, hash }
    }

    /// The word's bytes, when it is at most [`SHORT`] bytes long.
    pub fn short_word(&self) -> Option<([u8; SHORT], usize)> {
        let len = self.len as usize;
        let head = u128::from(self.head[0]) | u128::from(self.head[1]) << 64;
        (len <= SHORT).then(|| (head.to_le_bytes(), len))
    }
}

/// Per length: the bytes of a word that long in a 16-byte head.
const MASKS: [u128; SHORT + 1] = {
    let mut masks = [0; SHORT + 1];
    let mut n = 1;
    while n <= SHORT {
        masks[n] = u128::MAX >> (8 * (SHORT - n));
        n += 1;
    }
    masks
};

/// A multiplication's high half folded onto its low half: every bit of the result then
/// depends on every bit of `hash`, so the table can take the top bits. (Rotating a plain
/// product instead brought its poorly mixed low bits to the top: words that differ only in
/// their last letters, such as the numbers 1000 to 1500, took nine probes on average.)
fn mix(hash: u64) -> u64 {
    let product = u128::from(hash) * u128::from(K);
    (product >> 64) as u64 ^ product as u64
}

/// The first 16 bytes of `word` as two little-endian numbers, zeros after its end. (Reading
/// overlapping 8- or 4-byte words and shifting is a few instructions, where copying a
/// variable number of bytes is a call.)
fn head(word: &[u8]) -> [u64; 2] {
    let n = word.len();
    let u64_at = |i: usize| word[i..i + 8].try_into().map_or(0, u64::from_le_bytes);
    let u32_at = |i: usize| word[i..i + 4].try_into().map_or(0, u32::from_le_bytes);
    if n >= 16 {
        [u64_at(0), u64_at(8)]
    } else if n >= 8 {
        // the last 8 bytes, less those before byte 8
        let tail = u64_at(n - 8).checked_shr(8 * (16 - n as u32)).unwrap_or(0);
        [u64_at(0), tail]
    } else if n >= 4 {
        let tail = u64::from(u32_at(n - 4)) >> (8 * (8 - n as u32));
        [u64::from(u32_at(0)) | tail << 32, 0]
    } else {
        let low = (word.iter().enumerate()).fold(0, |v, (i, &b)| v | u64::from(b) << (8 * i));
        [low, 0]
    }
}

/// Open addressing with linear probing over the words' hashes.
#[derive(Default)]
pub(super) struct Interner {
    /// the words, one after another
    text: Vec<u8>,
    /// per number: the end of the word in `text`
    ends: Vec<u32>,
    /// per number: the word's key
    keys: Vec<Key>,
    /// number + 1, or 0 for an empty slot; the length is a power of two
    slots: Vec<u32>,
    /// how far to shift a hash right to get a slot
    shift: u32,
}

impl Interner {
    /// The number of the word whose key is `key`, and whether it is new; `long` is the word,
    /// needed only when it is longer than [`SHORT`] bytes.
    #[inline(always)]
    pub fn intern(&mut self, key: Key, long: &[u8]) -> (u32, bool) {
        if self.keys.len() * 2 >= self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut at = (key.hash >> self.shift) as usize;
        while let Some(id) = self.slots[at].checked_sub(1) {
            if self.keys[id as usize] == key && (key.len as usize <= SHORT || self.word(id) == long)
            {
                return (id, false);
            }
            at = (at + 1) & mask;
        }
        let id = self.keys.len() as u32;
        match key.short_word() {
            Some((bytes, len)) => self.text.extend_from_slice(&bytes[..len]),
            None => self.text.extend_from_slice(long),
        }
        self.ends.push(self.text.len() as u32);
        self.keys.push(key);
        self.slots[at] = id + 1;
        (id, true)
    }

    /// The number of words.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Word number `id`.
    pub fn word(&self, id: u32) -> &[u8] {
        let id = id as usize;
        let start = id.checked_sub(1).map_or(0, |i| self.ends[i]);
        &self.text[start as usize..self.ends[id] as usize]
    }

    /// The key of word number `id`.
    pub fn key(&self, id: u32) -> Key {
        self.keys[id as usize]
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(256);
        self.shift = 64 - size.trailing_zeros();
        let mask = size - 1;
        self.slots = vec![0; size];
        for (id, key) in self.keys.iter().enumerate() {
            let mut at = (key.hash >> self.shift) as usize;
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
        let mut words = Interner::default();
        let mut ids = Vec::new();
        // enough words to grow the table several times
        for round in 0..2 {
            for i in 0..1000 {
                let word = format!("w{i}");
                let (id, new) = words.intern(Key::of(word.as_bytes()), word.as_bytes());
                assert_eq!(new, round == 0);
                ids.push(id);
            }
        }
        assert_eq!(ids[..1000], ids[1000..]);
        assert_eq!(ids[..3], [0, 1, 2]);
        assert_eq!(words.len(), 1000);
        assert_eq!(words.word(0), b"w0");
        assert_eq!(words.word(999), b"w999");
        assert!(words.key(999) == Key::of(b"w999"));
    }

    #[test]
    fn tells_apart_words_that_differ_in_any_byte_or_length() {
        let long = "abcdefghijklmnopqrstuvwxyz";
        let mut words: Vec<Vec<u8>> = (0..=long.len())
            .map(|n| long.as_bytes()[..n].to_vec())
            .collect();
        // one byte changed, at every place, in every length
        for n in 1..=long.len() {
            for at in 0..n {
                let mut word = long.as_bytes()[..n].to_vec();
                word[at] = b'_';
                words.push(word);
            }
        }
        let mut interner = Interner::default();
        for (i, word) in words.iter().enumerate() {
            assert_eq!(interner.intern(Key::of(word), word), (i as u32, true));
            assert_eq!(head(word), head_by_bytes(word), "{word:?}");
        }
        for (i, word) in words.iter().enumerate() {
            assert_eq!(interner.intern(Key::of(word), word), (i as u32, false));
            assert_eq!(interner.word(i as u32), word.as_slice());
        }
    }

    #[test]
    fn keys_ascii_words_read_at_once_as_lowercased_words() {
        let text = b"ABCdefGHIjklMNOp0123456789xyzXYZ";
        for start in 0..16 {
            for len in 2..=SHORT {
                let window: &[u8; SHORT] = text[start..start + SHORT].try_into().unwrap();
                let lower = text[start..start + len].to_ascii_lowercase();
                assert!(
                    Key::of_ascii(window, len) == Key::of(&lower),
                    "{start} {len}"
                );
                let (bytes, n) = Key::of(&lower).short_word().unwrap();
                assert_eq!(&bytes[..n], lower);
            }
        }
        assert!(Key::of(&[b'a'; 17]).short_word().is_none());
    }

    #[test]
    fn spreads_words_over_the_table() {
        // numbers (lesson numbers in titles) and short words that share letters
        let numbers = |from: usize, n: usize| (from..from + n).map(|i| i.to_string()).collect();
        let syllables = [
            "co", "ach", "del", "e", "gate", "tr", "ust", "ing", "s", "x",
        ];
        let mut words: Vec<String> = Vec::new();
        for a in syllables {
            for b in syllables {
                words.extend(syllables.iter().map(|c| format!("{a}{b}{c}")));
            }
        }
        for words in [
            numbers(1, 300),
            numbers(1000, 500),
            numbers(1000, 3000),
            words,
        ] {
            let mut interner = Interner::default();
            for word in &words {
                interner.intern(Key::of(word.as_bytes()), word.as_bytes());
            }
            let probes: usize = (words.iter())
                .map(|word| interner.probes(Key::of(word.as_bytes())))
                .sum();
            // linear probing in a table at most half full takes 1.5 probes on average when
            // the hashes are spread evenly
            let average = probes as f64 / words.len() as f64;
            assert!(average < 1.8, "{}..: {average} probes", words[0]);
        }
    }

    impl Interner {
        /// The slots looked at to find `key`.
        fn probes(&self, key: Key) -> usize {
            let mut at = (key.hash >> self.shift) as usize;
            let mut probes = 1;
            while self.keys[self.slots[at] as usize - 1] != key {
                at = (at + 1) & (self.slots.len() - 1);
                probes += 1;
            }
            probes
        }
    }

    /// [`head`] a byte at a time.
    fn head_by_bytes(word: &[u8]) -> [u64; 2] {
        let mut bytes = [0; 16];
        for (to, from) in bytes.iter_mut().zip(word) {
            *to = *from;
        }
        let half = |i: usize| u64::from_le_bytes(bytes[i..i + 8].try_into().unwrap());
        [half(0), half(8)]
    }
}
