//! Term shards: the sorted word list cut into `shard-<prefix>.js` files small enough to load
//! on demand, split by one more letter while a shard is over the size limit.

use super::scripts::is_spaceless;
use super::terms::Term;
use crate::render::json::push_str;

/// A shard larger than this (bytes of JSON) is split by one more letter.
pub(super) const SHARD_LIMIT: usize = 24 * 1024;
/// Longest shard prefix.
const MAX_PREFIX: usize = 6;

/// Groups terms by their first letter, splitting large groups by one more letter; the group
/// of a character of a script written without spaces is never split (its terms are that
/// character and the pairs it starts: split, each pair would be a file of its own).
pub(super) fn shards(terms: &[Term]) -> Vec<(String, &[Term])> {
    let mut out = Vec::new();
    split(terms, 1, &mut out);
    out
}

/// `terms` are sorted and at least `depth` letters long, so words sharing a prefix are
/// neighbours and the word that is the prefix itself comes first.
fn split<'t>(terms: &'t [Term], depth: usize, out: &mut Vec<(String, &'t [Term])>) {
    let mut start = 0;
    while start < terms.len() {
        let key = prefix(&terms[start].0, depth);
        let len = terms[start..]
            .iter()
            .position(|(t, _)| !t.starts_with(key))
            .unwrap_or(terms.len() - start);
        let group = &terms[start..start + len];
        start += len;
        let size: usize = group.iter().map(|(t, p)| t.len() + 4 * p.len() + 4).sum();
        if size <= SHARD_LIMIT || depth >= MAX_PREFIX || key.chars().all(is_spaceless) {
            out.push((key.to_string(), group));
            continue;
        }
        let here = group
            .iter()
            .take_while(|(t, _)| t.chars().count() <= depth)
            .count();
        if here > 0 {
            out.push((key.to_string(), &group[..here]));
        }
        split(&group[here..], depth + 1, out);
    }
}

/// The first `n` letters of `word`.
fn prefix(word: &str, n: usize) -> &str {
    word.char_indices().nth(n).map_or(word, |(i, _)| &word[..i])
}

/// `lecternSearch("shard", key, {"terms": {word: [delta, ...], ...}, "more": {word: docs}})`
/// (`more` only for words that keep some of their documents), written directly
/// (words sorted, postings delta-encoded so most are one or two digits: see
/// [`Postings`](super::terms::Postings)).
pub(super) fn shard_script(key: &str, terms: &[Term]) -> String {
    let mut out = String::with_capacity(
        64 + terms
            .iter()
            .map(|(t, p)| t.len() + p.json().len() + 5)
            .sum::<usize>(),
    );
    out.push_str("lecternSearch(\"shard\",");
    push_str(&mut out, key);
    out.push_str(",{\"terms\":{");
    for (n, (word, postings)) in terms.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        push_str(&mut out, word);
        out.push_str(":[");
        out.push_str(postings.json());
        out.push(']');
    }
    out.push('}');
    // the words that keep only some of their documents, with how many they are in
    let mut more = terms
        .iter()
        .filter_map(|(w, p)| Some((w, p.more()?)))
        .peekable();
    if more.peek().is_some() {
        out.push_str(",\"more\":{");
        for (n, (word, docs)) in more.enumerate() {
            if n > 0 {
                out.push(',');
            }
            push_str(&mut out, word);
            out.push(':');
            out.push_str(&docs.to_string());
        }
        out.push('}');
    }
    out.push_str("});\n");
    out
}

/// A shard key as a file name: `a`–`z` and `0`–`9` as they are, anything else `_<hex>`.
/// search.js builds the same names.
pub fn file_key(key: &str) -> String {
    key.chars()
        .map(|c| match c {
            'a'..='z' | '0'..='9' => c.to_string(),
            _ => format!("_{:x}", c as u32),
        })
        .collect()
}
