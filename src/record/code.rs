//! Progress codes, on the build's side: which lock index each page's items have
//! (`assets/progress-index.js`, read by the home page's `assets/progress-code.js`, which
//! encodes and decodes the codes), and how long a course's codes can get ([`worst_case`]) with
//! the check of that length against a budget such as SCORM 1.2's `suspend_data`
//! ([`check_budget`]). The format is documented in `docs/progress-format.md`; the length
//! computed here follows the encoder bit for bit (a test runs the encoder in Node on the
//! states [`worst_state`] describes and compares).

use std::sync::Arc;

use crate::error::Diagnostic;
use crate::load::lock::Lock;
use crate::model::Course;
use crate::render::markdown::RenderedMarkdown;

use super::lock::LockUpdate;

/// What SCORM 1.2 keeps of `cmi.suspend_data`, in characters.
pub const SCORM_12_SUSPEND_DATA: usize = 4096;
/// What SCORM 2004 (4th edition) keeps of `cmi.suspend_data`, in characters.
pub const SCORM_2004_SUSPEND_DATA: usize = 64_000;
/// `L2.`, the version prefix.
const PREFIX: usize = 3;
/// The days of a code span at most this many days (older days are written as the oldest).
const WINDOW: u32 = 4096;
/// The largest day a stored state keeps (`docs/progress-format.md`).
pub const MAX_VALUE: u32 = 9_999_999;
/// A code keeps at most this many attempts (more are written as this many)…
pub const MAX_ATTEMPTS: u32 = 999;
/// … and scores out of at most this many (a larger maximum, and scores, are written as this).
pub const MAX_SCORE: u32 = 255;
/// The longest name a state keeps is 200 UTF-16 units: at most 3 bytes of UTF-8 each.
const NAME_BYTES: usize = 600;
/// The CRC-32 after the bits.
const CHECKSUM_BYTES: usize = 4;

/// `assets/progress-index.js`: page id → the lock index of each of its items, in the order of
/// the page's `items` in `course-data.js` (`null` for an item without one).
pub fn index_script(
    course: &Course,
    rendered: &[Arc<RenderedMarkdown>],
    lock: &LockUpdate,
) -> String {
    super::per_page_script("LECTERN_INDEX", course, rendered, |p, r| {
        let indexes = r.items.iter().map(|item| {
            let index = lock.index(&p.id, item.kind, &item.id);
            index.map_or_else(|| "null".to_string(), |i| i.to_string())
        });
        format!("[{}]", indexes.collect::<Vec<_>>().join(","))
    })
}

/// The live indexes of a course's tracked things, ascending: checklist items, and quiz
/// questions and sorts (whose results take more room).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tracked {
    pub items: Vec<u32>,
    pub exercises: Vec<u32>,
}

impl Tracked {
    pub fn of(lock: &Lock) -> Tracked {
        let mut tracked = Tracked::default();
        for e in lock.pages.values().flatten().filter(|e| !e.retired) {
            match e.kind {
                "item" => tracked.items.push(e.index),
                _ => tracked.exercises.push(e.index),
            }
        }
        tracked.items.sort_unstable();
        tracked.exercises.sort_unstable();
        tracked
    }

    /// How many distinct days the worst state has: one per day a state holds, as many as the
    /// window allows.
    fn days(&self) -> usize {
        (self.items.len() + 2 * self.exercises.len()).min(WINDOW as usize)
    }
}

/// The length in characters of the longest progress code of a course whose course id is
/// `course_id` and whose tracked things are `tracked`, with the longest name when `name`:
/// everything done, each thing on its own day, the days as far apart as the format keeps
/// them, every attempt count and score as large as a code keeps.
pub fn worst_case(course_id: &str, tracked: &Tracked, name: bool) -> usize {
    let k = tracked.days();
    let mut bits = text_bits(course_id.len()) + text_bits(if name { NAME_BYTES } else { 0 });
    bits += exp_golomb(k as u64);
    if k > 0 {
        bits += exp_golomb(MAX_VALUE.into());
        bits += spread(k - 1)
            .iter()
            .map(|&d| exp_golomb(u64::from(d) - 1))
            .sum::<usize>();
    }
    // the items' days as places in the list (the shorter of two ways: the worst state has no
    // item on the day of the one before, so it is this one)
    bits += 1 + list_bits(&tracked.items, width(k));
    let result = exp_golomb(MAX_ATTEMPTS.into()) + exp_golomb(u64::from(MAX_SCORE) - 1);
    let scores = 2 * width(MAX_SCORE as usize + 1);
    bits += list_bits(&tracked.exercises, result + scores + 2 * width(k + 1));
    let bytes = bits.div_ceil(8) + CHECKSUM_BYTES;
    PREFIX + (bytes * 8).div_ceil(6)
}

/// A state whose code is [`worst_case`] long (without the name), as the browser stores it
/// but with lock indexes for entry ids: `{"items": {index: {"d"}}, "exercises": {index:
/// {"t","l","b","n","d","r"}}}`. Consecutive items are on different days, so that no item
/// shares the day of the one before it.
pub fn worst_state(tracked: &Tracked) -> serde_json::Value {
    let k = tracked.days();
    let mut days = vec![MAX_VALUE];
    for d in spread(k.saturating_sub(1)) {
        days.push(days[days.len() - 1] - d);
    }
    let mut next = (1..).map(|i| days[i % k.max(1)]);
    let mut items = serde_json::Map::new();
    for i in &tracked.items {
        items.insert(i.to_string(), serde_json::json!({ "d": next.next() }));
    }
    let mut exercises = serde_json::Map::new();
    for i in &tracked.exercises {
        let (d, r) = (next.next(), next.next());
        let (t, m) = (MAX_ATTEMPTS, MAX_SCORE);
        let entry = serde_json::json!({ "t": t, "l": m, "b": m, "n": m, "d": d, "r": r });
        exercises.insert(i.to_string(), entry);
    }
    serde_json::json!({ "items": items, "exercises": exercises })
}

/// Whether a course's longest code (`worst` characters) fits `budget` characters of
/// SCORM 1.2's `suspend_data`; the error names the course and both figures.
pub fn check_budget(title: &str, worst: usize, budget: usize) -> Result<(), Diagnostic> {
    check_budget_of("SCORM 1.2", title, worst, budget)
}

/// [`check_budget`] for the `suspend_data` of `standard` (as the error names it).
pub fn check_budget_of(
    standard: &str,
    title: &str,
    worst: usize,
    budget: usize,
) -> Result<(), Diagnostic> {
    if worst <= budget {
        return Ok(());
    }
    let message = format!(
        "course \"{title}\": its progress code can reach {} characters, more than the {} that {standard} keeps (suspend_data)",
        thousands(worst),
        thousands(budget)
    );
    Err(Diagnostic::file("course.yaml", message).help("a learner's progress in it might not be kept by the LMS: split the course into several courses, or track fewer items (each checklist item, quiz question and sort takes room)"))
}

/// The gaps between `k + 1` days within the window that cost the most bits: each at least 1,
/// the cheapest doublings first (a gap of 2^j costs 2j + 1 bits, and more up to 2^(j+1) - 1
/// costs nothing more).
fn spread(gaps: usize) -> Vec<u32> {
    let mut out = vec![1u32; gaps];
    let mut left = (WINDOW - 1) as usize - gaps.min((WINDOW - 1) as usize);
    let mut step = 1usize;
    // each round doubles every gap it can afford, as long as it can afford all of them
    while gaps > 0 && left / step >= gaps {
        out.iter_mut().for_each(|d| *d *= 2);
        left -= gaps * step;
        step *= 2;
    }
    let n = if gaps > 0 { left / step } else { 0 };
    out[..n].iter_mut().for_each(|d| *d *= 2);
    out
}

/// Bits of a list of ascending indexes: its length, then each index's gap from the one before
/// and `each` bits of what it holds.
fn list_bits(indexes: &[u32], each: usize) -> usize {
    let gaps = indexes.iter().enumerate().map(|(i, &n)| match i {
        0 => u64::from(n),
        _ => u64::from(n - indexes[i - 1] - 1),
    });
    exp_golomb(indexes.len() as u64) + gaps.map(|g| exp_golomb(g) + each).sum::<usize>()
}

/// Bits of a length and that many bytes.
fn text_bits(bytes: usize) -> usize {
    exp_golomb(bytes as u64) + 8 * bytes
}

/// Bits of `x` in Exp-Golomb code: `x + 1` in binary after one 0 per binary digit but one.
fn exp_golomb(x: u64) -> usize {
    2 * (63 - (x + 1).leading_zeros() as usize) + 1
}

/// Bits to write a number from 0 to `k - 1`.
fn width(k: usize) -> usize {
    match k {
        0 | 1 => 0,
        _ => (usize::BITS - (k - 1).leading_zeros()) as usize,
    }
}

/// `n` with commas between thousands: 4,096.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests;
