//! Stable identity: which id each tracked item of a page gets from `lectern.lock`
//! ([`resolve`]), and the lock file a build leaves, with what changed in it ([`update`]).
//! The file's format is `load::lock`'s; writing it is the build recipe's.
//!
//! Rules, for each page and each kind of item (checklist items, questions, sorts apart):
//!
//! 1. an explicit id (`{#id}`, `id:`, a table row's key) is kept as written; its entry (if
//!    any, even a retired one: the author chose that id) keeps its index;
//! 2. an item whose text has the fingerprint of an entry of the page takes that entry's id;
//! 3. an item whose text changed but is clearly the same item takes its entry's id, and the
//!    build says so: its text is similar to the entry's (score ≥ 0.8, the better of
//!    normalised Levenshtein and Sørensen–Dice of character pairs, lowercased), or it is at
//!    the entry's place among the page's items of its kind, between the same neighbours (as
//!    far as they are matched already), and half similar (≥ 0.5). Best pairs first, so an
//!    inserted item does not take its neighbour's id;
//! 4. any other item is new: its derived id, with `-2`, `-3`… when the page has or had that
//!    id (a retired id is never given to another item, so re-adding a deleted item's text
//!    makes a new id, and what learners did with the old one is not taken for it). Two items
//!    with the same text keep the same derived id, and the page reports it, as without a lock.
//!
//! New items get the next indexes in course order, then page order, after every page is
//! rendered, so indexes never depend on which thread rendered what. A page's entries that
//! no item took are retired. Pages not in this build (drafts, removed lessons) keep their
//! entries as they are.

use std::collections::HashSet;
use std::path::PathBuf;

use crate::load::lock::{Entry, Lock};
use crate::model::Course;
use crate::render::ids::IdClaim;
use crate::render::markdown::RenderedMarkdown;
use crate::render::tracked::ItemKind;

/// How a claim got its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum How {
    /// Written by the author.
    Explicit,
    /// The entry with the same text.
    Same,
    /// The entry of the item before it was reworded (its text then).
    Reworded { was: String },
    /// A new item.
    New,
}

/// The id a claim gets, and the page's entry it continues.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub id: String,
    pub how: How,
    /// Its place in the page's entries, when it continues one.
    pub entry: Option<usize>,
}

/// The name a kind has in the lock file.
pub fn kind_name(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Item => "item",
        ItemKind::Question => "question",
        ItemKind::Sort => "sort",
        ItemKind::Scenario => "scenario",
    }
}

/// The ids of a page's claims (in page order) given its entries in the lock.
pub fn resolve(entries: &[Entry], claims: &[IdClaim]) -> Vec<Resolved> {
    let mut taken = vec![false; entries.len()];
    let mut out: Vec<Option<Resolved>> = vec![None; claims.len()];
    let same_kind = |c: &IdClaim, e: &Entry| kind_name(c.kind) == e.kind;
    // 1. explicit ids
    for (k, c) in claims.iter().enumerate().filter(|(_, c)| c.explicit) {
        let entry = entries.iter().position(|e| same_kind(c, e) && e.id == c.id);
        let entry = entry.filter(|&j| !std::mem::replace(&mut taken[j], true));
        out[k] = Some(resolved(c.id.clone(), How::Explicit, entry));
    }
    // 2. the same text
    for (k, c) in claims.iter().enumerate().filter(|(_, c)| !c.explicit) {
        let found = entries.iter().enumerate().position(|(j, e)| {
            !taken[j] && !e.retired && same_kind(c, e) && e.fingerprint == c.print
        });
        if let Some(j) = found {
            taken[j] = true;
            out[k] = Some(resolved(entries[j].id.clone(), How::Same, Some(j)));
        }
    }
    // 3. reworded: the best pairs first
    for (k, j) in similar_pairs(entries, claims, &out, &taken) {
        if out[k].is_none() && !taken[j] {
            taken[j] = true;
            let was = How::Reworded {
                was: entries[j].text.clone(),
            };
            out[k] = Some(resolved(entries[j].id.clone(), was, Some(j)));
        }
    }
    // 4. new items
    if out.iter().all(Option::is_some) {
        return out.into_iter().flatten().collect();
    }
    let mut used: HashSet<(&str, String)> =
        entries.iter().map(|e| (e.kind, e.id.clone())).collect();
    used.extend(
        out.iter()
            .zip(claims)
            .filter_map(|(r, c)| r.as_ref().map(|r| (kind_name(c.kind), r.id.clone()))),
    );
    for (k, c) in claims.iter().enumerate() {
        if out[k].is_some() {
            continue;
        }
        let repeated = (claims.iter().enumerate())
            .any(|(i, o)| i != k && o.kind == c.kind && o.print == c.print);
        let kind = kind_name(c.kind);
        let mut id = c.id.clone();
        let mut n = 2;
        while !repeated && used.contains(&(kind, id.clone())) {
            id = format!("{}-{n}", c.id);
            n += 1;
        }
        used.insert((kind, id.clone()));
        out[k] = Some(resolved(id, How::New, None));
    }
    out.into_iter().flatten().collect()
}

fn resolved(id: String, how: How, entry: Option<usize>) -> Resolved {
    Resolved { id, how, entry }
}

/// (claim, entry) pairs of unmatched claims and free live entries of the same kind that are
/// similar enough (see the module doc), best first.
fn similar_pairs(
    entries: &[Entry],
    claims: &[IdClaim],
    out: &[Option<Resolved>],
    taken: &[bool],
) -> Vec<(usize, usize)> {
    // each item's place among the page's items of its kind
    let claim_place = places(claims.iter().map(|c| kind_name(c.kind)));
    let live = entries.iter().map(|e| (!e.retired).then_some(e.kind));
    let entry_place = places_of_some(live);
    let mut pairs = Vec::new();
    for (k, c) in claims.iter().enumerate() {
        if out[k].is_some() {
            continue;
        }
        for (j, e) in entries.iter().enumerate() {
            if taken[j] || e.retired || e.kind != kind_name(c.kind) {
                continue;
            }
            let score = similarity(&c.text, &e.text);
            let same_place = Some(claim_place[k]) == entry_place[j]
                && neighbours_agree(entries, claims, out, k, j);
            if score >= 0.8 || (same_place && score >= 0.5) {
                let distance = entry_place[j].unwrap_or(0).abs_diff(claim_place[k]);
                pairs.push((score, distance, k, j));
            }
        }
    }
    pairs.sort_by(|a, b| {
        (b.0.total_cmp(&a.0))
            .then(a.1.cmp(&b.1))
            .then((a.2, a.3).cmp(&(b.2, b.3)))
    });
    pairs.into_iter().map(|(_, _, k, j)| (k, j)).collect()
}

/// Whether claim `k`'s neighbours of its kind that already have their entry have the
/// neighbours of entry `j`: an item removed and another inserted where it was, among items
/// that moved, is not the same item reworded in its place.
fn neighbours_agree(
    entries: &[Entry],
    claims: &[IdClaim],
    out: &[Option<Resolved>],
    k: usize,
    j: usize,
) -> bool {
    let kind = claims[k].kind;
    let entry_at = |i: usize| !entries[i].retired && entries[i].kind == kind_name(kind);
    let agrees = |claim: Option<usize>, entry: Option<usize>| {
        let known = claim.and_then(|i| out[i].as_ref()).and_then(|r| r.entry);
        known.is_none() || known == entry
    };
    let claim_before = (0..k).rev().find(|&i| claims[i].kind == kind);
    let claim_after = (k + 1..claims.len()).find(|&i| claims[i].kind == kind);
    let entry_before = (0..j).rev().find(|&i| entry_at(i));
    let entry_after = (j + 1..entries.len()).find(|&i| entry_at(i));
    agrees(claim_before, entry_before) && agrees(claim_after, entry_after)
}

/// How alike two texts are, from 0 to 1.
pub(crate) fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    strsim::normalized_levenshtein(&a, &b).max(strsim::sorensen_dice(&a, &b))
}

/// The place of each thing among those of its kind.
fn places<'k>(kinds: impl Iterator<Item = &'k str>) -> Vec<usize> {
    places_of_some(kinds.map(Some))
        .into_iter()
        .flatten()
        .collect()
}

fn places_of_some<'k>(kinds: impl Iterator<Item = Option<&'k str>>) -> Vec<Option<usize>> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    kinds
        .map(|kind| {
            let kind = kind?;
            let place = match counts.iter_mut().find(|(k, _)| *k == kind) {
                Some((_, n)) => n,
                None => {
                    counts.push((kind, 0));
                    &mut counts.last_mut()?.1
                }
            };
            *place += 1;
            Some(*place - 1)
        })
        .collect()
}

/// What a build changes in the lock file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub what: ChangeKind,
    /// The page's file.
    pub file: PathBuf,
    /// The item's line (none for a retired item).
    pub line: Option<usize>,
    pub page: String,
    pub kind: &'static str,
    pub id: String,
    pub index: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeKind {
    New,
    /// The text changed; the id is kept (`was`: the text before).
    Reworded {
        was: String,
    },
    Retired,
}

impl Change {
    /// One line saying what changed, starting with where.
    pub fn describe(&self) -> String {
        let at = match self.line {
            Some(line) => format!("{}:{line}", self.file.display()),
            None => self.file.display().to_string(),
        };
        let (kind, id, index) = (self.kind, &self.id, self.index);
        match &self.what {
            ChangeKind::New => format!("{at}: new {kind} `{id}` (index {index})"),
            ChangeKind::Reworded { .. } => {
                format!("{at}: kept the id `{id}` of a reworded {kind} (index {index})")
            }
            ChangeKind::Retired => {
                format!("{at}: retired the {kind} `{id}` (index {index}), no longer on the page")
            }
        }
    }
}

/// The lock file a build leaves, and how it differs from the one it read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockUpdate {
    /// Whether the course had a lock file.
    pub had_lock: bool,
    pub after: Lock,
    pub changes: Vec<Change>,
    /// Lessons whose file was renamed or moved, their entries moved with them.
    pub moves: Vec<crate::load::lock::Move>,
    /// Old page ids of `moved` lines dropped: a page has that id again.
    pub forgotten: Vec<String>,
    /// Whether `after` differs from the lock the build read.
    changed: bool,
}

impl LockUpdate {
    /// Whether the file needs writing.
    pub fn changed(&self) -> bool {
        self.changed
    }

    /// How many live items the lock pins.
    pub fn pinned(&self) -> usize {
        let entries = self.after.pages.values().flatten();
        entries.filter(|e| !e.retired).count()
    }

    /// The index of item `id` of `kind` on page `page`.
    pub fn index(&self, page: &str, kind: ItemKind, id: &str) -> Option<u32> {
        let entry = self.after.entry(page, kind_name(kind), id)?;
        (!entry.retired).then_some(entry.index)
    }

    /// Old page id → new page id of every lesson whose file was renamed or moved, for the
    /// browser to move learners' progress (the old id is never a page of this build).
    pub fn moved(&self) -> &std::collections::BTreeMap<String, String> {
        &self.after.moved
    }
}

/// The lock file after this build of `course` (which read `before`), whose pages' Markdown
/// is `markdown`.
pub fn update(
    before: Option<Lock>,
    course: &Course,
    markdown: &[std::sync::Arc<RenderedMarkdown>],
) -> LockUpdate {
    let had_lock = before.is_some();
    let mut after = before.unwrap_or_default();
    let mut changes = Vec::new();
    let mut changed = false;
    for (page, md) in course.pages.iter().zip(markdown) {
        let Some(source) = &page.source else { continue };
        let had_page = after.pages.contains_key(&page.id);
        let old = after.pages.remove(&page.id).unwrap_or_default();
        if unchanged(&old, &md.claims) {
            // the common case of a rebuild: the page's entries stay as they are
            if old.is_empty() {
                changed |= had_page; // a page without items is left out of the lock
            } else {
                after.pages.insert(page.id.clone(), old);
            }
            continue;
        }
        let mut next = after.next;
        let entries = page_entries(
            &old,
            &md.claims,
            &mut next,
            |what, kind, id, index, line| {
                changes.push(Change {
                    what,
                    file: source.file.clone(),
                    line,
                    page: page.id.clone(),
                    kind,
                    id,
                    index,
                })
            },
        );
        after.next = next;
        changed |= entries != old || (had_page && entries.is_empty());
        if !entries.is_empty() {
            after.pages.insert(page.id.clone(), entries);
        }
    }
    LockUpdate {
        had_lock,
        changed: changed || course.moves.any() || (!had_lock && !after.pages.is_empty()),
        after,
        changes,
        moves: course.moves.found.clone(),
        forgotten: course.moves.forgotten.clone(),
    }
}

/// A page's entries after the build: one per claim in page order (the new ones numbered from
/// `next`), then the retired ones. `note` hears of every change.
fn page_entries(
    old: &[Entry],
    claims: &[IdClaim],
    next: &mut u32,
    mut note: impl FnMut(ChangeKind, &'static str, String, u32, Option<usize>),
) -> Vec<Entry> {
    let resolved = resolve(old, claims);
    let mut used = vec![false; old.len()];
    let mut entries = Vec::with_capacity(old.len() + claims.len());
    let mut seen = HashSet::new();
    for (c, r) in claims.iter().zip(&resolved) {
        let kind = kind_name(c.kind);
        if !seen.insert((kind, r.id.clone())) {
            continue; // a duplicate id, which the page reports
        }
        let print = c.print;
        let index = match r.entry {
            Some(j) => {
                used[j] = true;
                if old[j].fingerprint != print {
                    let was = old[j].text.clone();
                    note(
                        ChangeKind::Reworded { was },
                        kind,
                        r.id.clone(),
                        old[j].index,
                        Some(c.line),
                    );
                }
                old[j].index
            }
            None => {
                *next += 1;
                note(ChangeKind::New, kind, r.id.clone(), *next - 1, Some(c.line));
                *next - 1
            }
        };
        entries.push(Entry {
            index,
            kind,
            id: r.id.clone(),
            fingerprint: print,
            text: c.text.clone(),
            retired: false,
        });
    }
    for (e, _) in old.iter().zip(used).filter(|(_, used)| !used) {
        if !e.retired {
            note(ChangeKind::Retired, e.kind, e.id.clone(), e.index, None);
        }
        entries.push(Entry {
            retired: true,
            ..e.clone()
        });
    }
    entries
}

/// The ids page `page`'s claims get from `lock`, when any differs from the written or
/// derived one (else `None`: the page as rendered has the right ids).
pub fn plan(lock: Option<&Lock>, page: &str, claims: &[IdClaim]) -> Option<Vec<String>> {
    let entries = lock
        .and_then(|l| l.pages.get(page))
        .map_or(&[][..], Vec::as_slice);
    if unchanged(entries, claims) {
        let differs = entries.iter().zip(claims).any(|(e, c)| e.id != c.id);
        return differs.then(|| entries.iter().map(|e| e.id.clone()).collect());
    }
    let resolved = resolve(entries, claims);
    let differs = resolved.iter().zip(claims).any(|(r, c)| r.id != c.id);
    differs.then(|| resolved.into_iter().map(|r| r.id).collect())
}

/// Whether a page's entries are its claims as they were: as many, all live, each of the same
/// kind and text as its claim and, for an explicit id, with that id. Then every claim takes
/// its entry (as [`resolve`] would find, only without searching) and nothing changes.
fn unchanged(entries: &[Entry], claims: &[IdClaim]) -> bool {
    entries.len() == claims.len()
        && entries.iter().zip(claims).all(|(e, c)| {
            !e.retired
                && e.fingerprint == c.print
                && e.kind == kind_name(c.kind)
                && (!c.explicit || e.id == c.id)
        })
}

#[cfg(test)]
mod tests;
