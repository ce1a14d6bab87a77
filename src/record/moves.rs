//! Renamed lesson files. A lesson's page id comes from its file's name and module folder, so
//! renaming the file (or moving it to another module) gives it a new id, under which
//! `lectern.lock` knows nothing. Before any page is rendered, [`relocate`] pairs the course's
//! pages the lock does not know with the lock's pages that are no longer in the course when
//! they are clearly the same lesson ([`pair`]), and moves the entries to the new page id, so
//! that [`super::lock`] gives the items their ids and indexes as before. The lock records
//! `old → new` (`moved` lines) so that the browser moves what learners stored under the old
//! id; a `moved` line whose old id is a page again is forgotten.
//!
//! Clearly the same lesson: most (more than half) of the old page's live entries are found
//! among the new page's tracked things, of the same kind, with the same text or a similar one
//! (as `record::lock` judges a reworded item). The best pairs are taken first (the larger share
//! found, then more found, then the same file name, then the same module); two pairs of one
//! page that tie on all of these are not clear, and neither is taken.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use crate::load::lock::Lock;
use crate::model::{Course, PageKind};
use crate::record::lock::{kind_name, similarity};

pub use crate::load::lock::{Move, Moves};

/// One line saying that the `moved` line of `old`, a page again, is dropped.
pub fn describe_forgotten(old: &str) -> String {
    format!("lectern.lock: `{old}` is a page again, so its `moved` line is dropped")
}

/// One page's tracked things: what pairing compares.
#[derive(Debug, Clone)]
pub struct Candidate<'a> {
    pub id: &'a str,
    /// (kind, text) of each, as the lock names kinds and stores texts.
    pub things: Vec<(&'a str, &'a str)>,
}

/// Moves, in `course.lock`, the entries of lessons whose file was renamed or moved to their
/// new page id; notes what it did in `course.moves`.
pub fn relocate(course: &mut Course) {
    let Some(lock) = course.lock.as_ref() else {
        return;
    };
    let current: HashSet<&str> = (course.pages.iter().map(|p| p.id.as_str()))
        .chain(course.draft_ids.iter().map(String::as_str))
        .collect();
    let forgotten: Vec<String> = (lock.moved.keys())
        .filter(|k| current.contains(k.as_str()))
        .cloned()
        .collect();
    let gone: Vec<&str> = (lock.pages.iter())
        .filter(|(id, entries)| {
            !current.contains(id.as_str()) && entries.iter().any(|e| !e.retired)
        })
        .map(|(id, _)| id.as_str())
        .collect();
    let fresh: Vec<usize> = (0..course.pages.len())
        .filter(|&i| {
            let page = &course.pages[i];
            page.kind != PageKind::Home
                && page.source.is_some()
                && !lock.pages.contains_key(&page.id)
        })
        .collect();
    let found = match gone.is_empty() || fresh.is_empty() {
        true => Vec::new(),
        false => found(course, lock, &gone, &fresh),
    };
    let lock = course.lock.as_mut().expect("checked above");
    for old in &forgotten {
        lock.moved.remove(old);
    }
    for m in &found {
        move_page(lock, &m.from, &m.to);
    }
    course.moves = Moves { found, forgotten };
}

/// The moves among the lock's pages `gone` and the course's pages `fresh`.
fn found(course: &Course, lock: &Lock, gone: &[&str], fresh: &[usize]) -> Vec<Move> {
    // the new pages' things, as a render without the lock finds them
    let claims: Vec<_> = fresh
        .par_iter()
        .map(|&i| {
            crate::render::page_markdown_from(course, i, course.pages[i].source.as_ref(), None)
                .claims
        })
        .collect();
    let new: Vec<Candidate> = (fresh.iter().zip(&claims))
        .map(|(&i, claims)| Candidate {
            id: &course.pages[i].id,
            things: claims
                .iter()
                .map(|c| (kind_name(c.kind), c.text.as_str()))
                .collect(),
        })
        .collect();
    let old: Vec<Candidate> = (gone.iter())
        .map(|&id| Candidate {
            id,
            things: (lock.pages[id].iter())
                .filter(|e| !e.retired)
                .map(|e| (e.kind, e.text.as_str()))
                .collect(),
        })
        .collect();
    (pair(&old, &new).into_iter())
        .map(|(j, k)| {
            let page = &course.pages[fresh[k]];
            Move {
                from: old[j].id.to_string(),
                to: page.id.clone(),
                file: page
                    .source
                    .as_ref()
                    .map(|s| s.file.clone())
                    .unwrap_or_default(),
                items: old[j].things.len(),
            }
        })
        .collect()
}

/// Moves page `from`'s entries to `to` and records it (earlier moves to `from` now lead to `to`).
fn move_page(lock: &mut Lock, from: &str, to: &str) {
    if let Some(entries) = lock.pages.remove(from) {
        lock.pages.insert(to.to_string(), entries);
    }
    for target in lock.moved.values_mut().filter(|t| *t == from) {
        *target = to.to_string();
    }
    lock.moved.insert(from.to_string(), to.to_string());
}

/// A text shared by more new pages than this says nothing about which page is which.
const COMMON: usize = 8;

/// The (old, new) pairs that are clearly the same lesson (see the module doc), each page in
/// one pair at most.
pub fn pair(old: &[Candidate], new: &[Candidate]) -> Vec<(usize, usize)> {
    // new pages by the exact things they have: only pages sharing one are compared
    let mut by_thing: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for (k, n) in new.iter().enumerate() {
        for &thing in &n.things {
            let pages = by_thing.entry(thing).or_default();
            if pages.last() != Some(&k) {
                pages.push(k);
            }
        }
    }
    let mut pairs = Vec::new();
    for (j, o) in old.iter().enumerate() {
        let mut near: Vec<usize> = (o.things.iter())
            .filter_map(|t| by_thing.get(t).filter(|p| p.len() <= COMMON))
            .flatten()
            .copied()
            .collect();
        near.sort_unstable();
        near.dedup();
        for k in near {
            let shared = shared(&o.things, &new[k].things);
            if shared * 2 > o.things.len() {
                pairs.push((Key::of(o, &new[k], shared), j, k));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    let (mut old_taken, mut new_taken) = (vec![false; old.len()], vec![false; new.len()]);
    let mut out = Vec::new();
    for (n, &(key, j, k)) in pairs.iter().enumerate() {
        if old_taken[j] || new_taken[k] {
            continue;
        }
        // a tie with another pair of one of these pages: not clear
        let free = |&&(other, oj, ok): &&(Key, usize, usize)| {
            other == key && !old_taken[oj] && !new_taken[ok] && (oj == j) != (ok == k)
        };
        let tied = pairs[n + 1..].iter().any(|p| free(&p));
        (old_taken[j], new_taken[k]) = (true, true);
        if !tied {
            out.push((j, k));
        }
    }
    out.sort_unstable();
    out
}

/// How good a pair is, best greatest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    /// The share of the old page's things found, in thousandths.
    share: usize,
    found: usize,
    same_name: bool,
    same_module: bool,
}

impl Key {
    fn of(old: &Candidate, new: &Candidate, found: usize) -> Key {
        let split = |id: &str| -> (String, String) {
            match id.rsplit_once('/') {
                Some((module, name)) => (module.to_string(), name.to_string()),
                None => (String::new(), id.to_string()),
            }
        };
        let ((om, on), (nm, nn)) = (split(old.id), split(new.id));
        Key {
            share: found * 1000 / old.things.len().max(1),
            found,
            same_name: on == nn,
            same_module: om == nm,
        }
    }
}

/// How many of `old` are among `new`: the same kind and text, or else a similar text, each
/// of `new` counted once.
fn shared(old: &[(&str, &str)], new: &[(&str, &str)]) -> usize {
    let mut used = vec![false; new.len()];
    let mut left = Vec::new();
    let mut found = 0;
    for &(kind, text) in old {
        let same = (0..new.len()).find(|&k| !used[k] && new[k] == (kind, text));
        match same {
            Some(k) => {
                used[k] = true;
                found += 1;
            }
            None => left.push((kind, text)),
        }
    }
    for (kind, text) in left {
        let similar = (0..new.len())
            .find(|&k| !used[k] && new[k].0 == kind && similarity(new[k].1, text) >= 0.8);
        if let Some(k) = similar {
            used[k] = true;
            found += 1;
        }
    }
    found
}

#[cfg(test)]
mod tests;
