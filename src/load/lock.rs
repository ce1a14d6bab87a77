//! `lectern.lock`: the file in the course folder that pins the id of every tracked thing
//! (checklist item, quiz question, sort) so that rewording it keeps what learners did. The
//! build maintains it (matching in `record::lock`, writing in `build`); the author commits it,
//! as `Cargo.lock`. This module owns its format: reading it (with the line of any problem)
//! and writing it, always the same text for the same entries.
//!
//! The format is a line per item, grouped by page, so that a diff reads as what changed:
//!
//! ```text
//! version 1
//! next 4
//!
//! page 01-letting-go/01-promoted
//! 1 item call-the-client 3f9a2c1b Call the client before the meeting
//! 3 question who-coaches 0a1b2c3d Who coaches?
//! retired 2 item old-item 12ab34cd Old item text
//! ```
//!
//! An entry is its course-wide integer index (never reused: `next` is the next one), its
//! kind, its id (unique on its page among its kind), the fingerprint of its text (FNV-1a,
//! 32 bits, of the text with whitespace runs as one space) and that text in full. A retired
//! entry is an item that was removed: it stays so that neither its index nor its id are ever
//! given to another item. Pages are sorted by id; a page's live entries are in page order,
//! its retired ones after them by index.
//!
//! A lesson file renamed or moved to another module changes its page id; its entries then
//! move to the new page id, and a `moved <old page> <new page>` line (after `next`, sorted by
//! the old id) says so, for the browser to move what learners stored under the old id. A file
//! with such lines is of `version 2`, so that a Lectern reading only version 1 refuses it
//! (rather than misreading it) and asks for a newer one; a file without is still `version 1`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::Diagnostic;

/// The kinds of tracked things.
pub const KINDS: [&str; 4] = ["item", "question", "sort", "scenario"];

/// The file's name in the course folder.
pub const FILE: &str = "lectern.lock";

const HEADER: &str = "\
# lectern.lock: the ids under which learners' progress is kept, one line per checklist item,
# quiz question and sort. `lectern build` keeps it up to date: commit it with the course
# (as you would Cargo.lock), so that rewording an item keeps what learners did. Do not edit it
# by hand. Each line: index, kind, id, fingerprint of the text, the text. A `retired` line
# is an item that was removed: its index and id are never given to another item.
";

/// The lock file's entries.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Lock {
    /// The index the next new item gets.
    pub next: u32,
    /// Page id → its entries.
    pub pages: BTreeMap<String, Vec<Entry>>,
    /// Old page id → the page id its entries moved to (the latest, when moved again).
    pub moved: BTreeMap<String, String>,
}

/// One tracked thing of a page.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Entry {
    /// Course-wide, from 0, never reused.
    pub index: u32,
    /// One of [`KINDS`].
    pub kind: &'static str,
    pub id: String,
    /// [`fingerprint`] of `text`.
    pub fingerprint: u32,
    /// The item's text, whitespace runs as one space.
    pub text: String,
    /// The item was removed; its index and id stay taken.
    pub retired: bool,
}

/// `text` with whitespace runs as one space, trimmed: what fingerprints and similarity use.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The fingerprint of normalised text: FNV-1a (32 bits), written as 8 hex digits. Written by
/// hand because it must never change between Rust versions (std's hasher may).
pub fn fingerprint(normalised: &str) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for b in normalised.bytes() {
        hash ^= u32::from(b);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash
}

impl Lock {
    /// The entry of `id` of `kind` on page `page`, if the lock has one (live or retired).
    pub fn entry(&self, page: &str, kind: &str, id: &str) -> Option<&Entry> {
        let entries = self.pages.get(page)?;
        entries.iter().find(|e| e.kind == kind && e.id == id)
    }

    /// Parses the file's text; a line Lectern does not understand is an error at that line.
    pub fn parse(text: &str) -> Result<Lock, Diagnostic> {
        let file = Path::new(FILE);
        let mut lock = Lock::default();
        // the page being read and its entries, put in `lock` when the next page starts
        let mut page: Option<(String, Vec<Entry>)> = None;
        let mut version = false;
        let mut indexes = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let bad = |message: String| {
                Diagnostic::at(file, text, n + 1, 1, message).help(HELP.to_string())
            };
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(v) = line.strip_prefix("version ") {
                if v != "1" && v != "2" {
                    return Err(Diagnostic::at(file, text, n + 1, 1, format!("lectern.lock is of version {v}, which this Lectern does not read")).help("build with a newer Lectern, or delete lectern.lock to make a new one (learners' progress on reworded items may then be lost)".to_string()));
                }
                version = true;
            } else if let Some(v) = line.strip_prefix("next ") {
                lock.next = v
                    .parse()
                    .map_err(|_| bad(format!("`{v}` is not a number")))?;
            } else if let Some(m) = line.strip_prefix("moved ") {
                let (from, to) = parse_move(m).ok_or_else(|| {
                    bad(format!(
                        "`moved` takes two page ids: `moved <old page> <new page>`, not `{m}`"
                    ))
                })?;
                lock.moved.insert(from, to);
            } else if let Some(p) = line.strip_prefix("page ") {
                lock.put(page.replace((p.to_string(), Vec::new())));
            } else {
                let entry = parse_entry(line).ok_or_else(|| bad(unknown(line)))?;
                let Some((_, entries)) = &mut page else {
                    return Err(bad("this entry comes before any `page …` line".into()));
                };
                indexes.push((entry.index, n + 1));
                entries.push(entry);
            }
        }
        lock.put(page);
        if !version {
            let d = Diagnostic::file(file, "lectern.lock has no `version` line");
            return Err(d.help(HELP));
        }
        reused_index(text, &mut indexes)?;
        if let Some(&(max, _)) = indexes.last() {
            lock.next = lock.next.max(max + 1);
        }
        Ok(lock)
    }

    /// Adds a page read from the file (a page named twice gets the entries of both).
    fn put(&mut self, page: Option<(String, Vec<Entry>)>) {
        if let Some((id, entries)) = page {
            self.pages.entry(id).or_default().extend(entries);
        }
    }

    /// The file's text: the same entries always give the same text.
    pub fn to_text(&self) -> String {
        use std::fmt::Write;
        let mut out = String::from(HEADER);
        let version = if self.moved.is_empty() { 1 } else { 2 };
        let _ = writeln!(out, "version {version}\nnext {}", self.next);
        for (from, to) in &self.moved {
            let _ = writeln!(out, "moved {from} {to}");
        }
        for (page, entries) in &self.pages {
            if entries.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\npage {page}");
            let live = entries.iter().filter(|e| !e.retired);
            let mut retired: Vec<&Entry> = entries.iter().filter(|e| e.retired).collect();
            retired.sort_by_key(|e| e.index);
            for e in live.chain(retired) {
                if e.retired {
                    out.push_str("retired ");
                }
                let (index, kind, id, print) = (e.index, &e.kind, &e.id, e.fingerprint);
                let _ = write!(out, "{index} {kind} {id} {print:08x}");
                if !e.text.is_empty() {
                    out.push(' ');
                    out.push_str(&e.text);
                }
                out.push('\n');
            }
        }
        out
    }
}

/// A lesson whose page id changed, its entries in the lock moved with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    pub from: String,
    pub to: String,
    /// The lesson's file now.
    pub file: PathBuf,
    /// Its live entries, which keep their ids and indexes.
    pub items: usize,
}

impl Move {
    /// One line saying so.
    pub fn describe(&self) -> String {
        let (from, to) = (&self.from, &self.to);
        let keep = match self.items {
            1 => "its 1 item keeps its id".to_string(),
            n => format!("its {n} items keep their ids"),
        };
        format!("lectern.lock: lesson `{from}` is now `{to}`: {keep}")
    }
}

/// What `record::moves::relocate` changed in the lock.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Moves {
    pub found: Vec<Move>,
    /// Old ids of `moved` lines dropped because a page has that id again.
    pub forgotten: Vec<String>,
}

impl Moves {
    /// Whether the lock changed.
    pub fn any(&self) -> bool {
        !self.found.is_empty() || !self.forgotten.is_empty()
    }
}

const HELP: &str = "lectern.lock is written by `lectern build`: if a merge left it broken, take either side's version and build again (the build brings it up to date)";

fn unknown(line: &str) -> String {
    if line.starts_with("<<<<<<<") || line.starts_with(">>>>>>>") || line.starts_with("=======") {
        "lectern.lock has a merge conflict here".into()
    } else {
        "this line of lectern.lock is not an entry Lectern understands".into()
    }
}

/// `[retired ]index kind id fingerprint[ text]`.
/// Sorts `indexes` (index, line) and fails at the later line of an index used twice.
fn reused_index(text: &str, indexes: &mut [(u32, usize)]) -> Result<(), Diagnostic> {
    indexes.sort_unstable();
    let twice = indexes.windows(2).find(|w| w[0].0 == w[1].0);
    match twice {
        Some(w) => {
            let (index, first, line) = (w[0].0, w[0].1, w[1].1);
            let message = format!("the index {index} is also used on line {first}");
            Err(Diagnostic::at(Path::new(FILE), text, line, 1, message).help(HELP.to_string()))
        }
        None => Ok(()),
    }
}

/// `old new`: two page ids, which never hold spaces.
fn parse_move(fields: &str) -> Option<(String, String)> {
    let mut fields = fields.split(' ');
    let (from, to) = (fields.next()?, fields.next()?);
    let ok = fields.next().is_none() && !from.is_empty() && !to.is_empty() && from != to;
    ok.then(|| (from.to_string(), to.to_string()))
}

fn parse_entry(line: &str) -> Option<Entry> {
    let (retired, line) = match line.strip_prefix("retired ") {
        Some(rest) => (true, rest),
        None => (false, line),
    };
    let mut fields = line.splitn(5, ' ');
    let index = fields.next()?.parse().ok()?;
    let kind = fields.next()?;
    let id = fields.next()?;
    let fingerprint = fields.next()?;
    let text = fields.next().unwrap_or("");
    let kind = KINDS.iter().find(|k| **k == kind)?;
    let hex = fingerprint.len() == 8 && fingerprint.bytes().all(|b| b.is_ascii_hexdigit());
    let fingerprint = u32::from_str_radix(fingerprint, 16).ok().filter(|_| hex)?;
    (!id.is_empty()).then(|| Entry {
        index,
        kind,
        id: id.to_string(),
        fingerprint,
        text: text.to_string(),
        retired,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(index: u32, id: &str, text: &str, retired: bool) -> Entry {
        Entry {
            index,
            kind: "item",
            id: id.into(),
            fingerprint: fingerprint(text),
            text: text.into(),
            retired,
        }
    }

    #[test]
    fn the_text_reads_back_as_the_same_lock() {
        let mut lock = Lock {
            next: 4,
            ..Lock::default()
        };
        lock.pages.insert(
            "m/a".into(),
            vec![
                entry(3, "b", "Bé  b", false),
                entry(1, "a", "A", true),
                entry(2, "c", "", false),
            ],
        );
        let text = lock.to_text();
        assert!(text.contains("\npage m/a\n3 item b "), "{text}");
        let end = format!(
            "2 item c 811c9dc5\nretired 1 item a {:08x} A\n",
            fingerprint("A")
        );
        assert!(text.ends_with(&end), "{text}");
        let back = Lock::parse(&text).unwrap();
        // retired entries come after the live ones
        let ids: Vec<&str> = back.pages["m/a"].iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["b", "c", "a"]);
        assert_eq!(back.next, 4);
        assert_eq!(back.to_text(), text);
    }

    #[test]
    fn moved_pages_make_version_2_and_read_back() {
        let mut lock = Lock {
            next: 1,
            ..Lock::default()
        };
        lock.pages
            .insert("n/b".into(), vec![entry(0, "a", "A", false)]);
        assert!(lock.to_text().contains("version 1\nnext 1\n\npage n/b\n"));
        lock.moved.insert("m/a".into(), "n/b".into());
        let text = lock.to_text();
        assert!(
            text.contains("version 2\nnext 1\nmoved m/a n/b\n\npage n/b\n"),
            "{text}"
        );
        assert_eq!(Lock::parse(&text).unwrap(), lock);
        let e = Lock::parse("version 2\nmoved m/a\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains(":2:") && e.contains("`moved` takes two page ids"),
            "{e}"
        );
        let e = Lock::parse("version 3\n").unwrap_err().to_string();
        assert!(e.contains("lectern.lock is of version 3"), "{e}");
    }

    #[test]
    fn fingerprints_are_fixed() {
        assert_eq!(fingerprint(""), 0x811c_9dc5);
        assert_eq!(fingerprint("a"), 0xe40c_292c);
        assert_eq!(normalise("  Call\n the  client "), "Call the client");
    }

    #[test]
    fn broken_files_name_the_line() {
        let e =
            Lock::parse("version 1\npage m/a\n1 item a 12345678 A\n<<<<<<< HEAD\n").unwrap_err();
        assert!(e.to_string().contains("merge conflict"), "{e}");
        assert!(e.to_string().contains(":4:"), "{e}");
        let e =
            Lock::parse("version 1\npage m/a\n1 item a 12345678\n1 item b 12345678\n").unwrap_err();
        assert!(e.to_string().contains("also used on line 3"), "{e}");
        assert!(Lock::parse("next 3\n").is_err());
        assert!(Lock::parse("version 1\n1 item a 12345678\n").is_err());
        // `next` is never below an index in use
        let lock = Lock::parse("version 1\nnext 1\npage p\n5 sort s 12345678 S\n").unwrap();
        assert_eq!(lock.next, 6);
    }
}
