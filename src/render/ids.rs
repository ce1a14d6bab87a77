//! Ids on one page: heading slugs (GitHub's rules) and the page-unique ids of checklist items,
//! quiz questions and sorts, with the line that claimed each so duplicates name both places.
//!
//! A tracked item's id is explicit (`{#id}`, `id:`) or derived from its text ([`item_slug`]);
//! [`ItemIds::resolve`] notes each as an [`IdClaim`] (what `lectern.lock` is matched against,
//! after the page is rendered) and, when the page is rendered again with the ids the lock
//! gives, returns those ([`ItemIds::planned`]).

// Fx hashing: the keys are short ids from this page's own text, and a page claims many.
use rustc_hash::FxHashMap as HashMap;

use super::tracked::ItemKind;

/// GitHub's heading slug: lowercase, letters/digits/spaces/`-`/`_` kept, spaces to `-`.
pub fn github_slug(text: &str) -> String {
    if text.is_ascii() {
        return ascii_github_slug(text);
    }
    any_github_slug(text)
}

fn any_github_slug(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars() {
        if c == ' ' {
            slug.push('-');
        } else if c.is_ascii() {
            // Most headings are ASCII: skip the general case mapping for them.
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                slug.push(c.to_ascii_lowercase());
            }
        } else if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        }
    }
    slug
}

/// [`github_slug`] of ASCII text (nearly every heading), byte by byte: pushing `char`s one
/// at a time cost several times more.
fn ascii_github_slug(text: &str) -> String {
    let mut slug = Vec::with_capacity(text.len());
    slug.extend(text.bytes().filter_map(|b| match b {
        b' ' => Some(b'-'),
        b'-' | b'_' => Some(b),
        _ if b.is_ascii_alphanumeric() => Some(b.to_ascii_lowercase()),
        _ => None,
    }));
    String::from_utf8(slug).unwrap_or_default()
}

/// Heading ids already used on a page; repeats get `-1`, `-2`, as on GitHub.
#[derive(Debug, Default)]
pub struct HeadingIds {
    counts: HashMap<String, usize>,
}

impl HeadingIds {
    /// A unique id for a heading with this text.
    pub fn unique(&mut self, base: String) -> String {
        let base = if base.is_empty() {
            "section".to_string()
        } else {
            base
        };
        // A first use (the usual case) stores the id once and returns it without formatting.
        let Some(n) = self.counts.get_mut(&base) else {
            self.counts.insert(base.clone(), 1);
            return base;
        };
        let id = format!("{base}-{n}");
        *n += 1;
        self.counts.entry(id.clone()).or_insert(1);
        id
    }
}

/// What a page claimed an id for, in page order: the input of `lectern.lock`'s matching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdClaim {
    pub kind: ItemKind,
    /// The item's text, whitespace runs as one space (what its fingerprint is made from).
    pub text: String,
    /// The fingerprint of `text` (`load::lock::fingerprint`).
    pub print: u32,
    /// The id as written (`explicit`) or derived from the text.
    pub id: String,
    pub explicit: bool,
    /// The line of the file it was written on.
    pub line: usize,
}

/// Ids of progress items on one page, with the line where each was first used.
#[derive(Debug, Default)]
pub struct ItemIds {
    lines: HashMap<String, usize>,
    /// Every id resolved so far, in page order.
    claims: Vec<IdClaim>,
    /// The ids to use, by claim number, when the lock file gave the page other ids than
    /// the written or derived ones.
    plan: Option<Vec<String>>,
}

impl ItemIds {
    /// Ids that follow `plan`: the `n`th id resolved is `plan[n]`.
    pub fn planned(plan: Option<Vec<String>>) -> Self {
        ItemIds {
            plan,
            ..ItemIds::default()
        }
    }

    /// The id a tracked item is shown and stored under: the explicit one, or one derived from
    /// `text` by `derive`, unless the plan says otherwise. Notes the claim.
    pub fn resolve(
        &mut self,
        kind: ItemKind,
        text: &str,
        explicit: Option<String>,
        derive: impl FnOnce() -> String,
        line: usize,
    ) -> String {
        let (id, explicit) = match explicit {
            Some(id) => (id, true),
            None => (derive(), false),
        };
        let planned = self.plan.as_ref().and_then(|p| p.get(self.claims.len()));
        let used = planned.cloned().unwrap_or_else(|| id.clone());
        let text = crate::load::lock::normalise(text);
        self.claims.push(IdClaim {
            kind,
            print: crate::load::lock::fingerprint(&text),
            text,
            id,
            explicit,
            line,
        });
        used
    }

    /// The claims made, in page order.
    pub fn into_claims(self) -> Vec<IdClaim> {
        self.claims
    }

    /// True when the page already uses `id`.
    pub fn is_claimed(&self, id: &str) -> bool {
        self.lines.contains_key(id)
    }

    /// Claims `id` at `line`; `Err(first_line)` when the page already uses it.
    pub fn claim(&mut self, id: &str, line: usize) -> Result<(), usize> {
        match self.lines.get(id) {
            Some(&first) => Err(first),
            None => {
                self.lines.insert(id.to_string(), line);
                Ok(())
            }
        }
    }
}

/// Splits an explicit `{#id}` off the end of an item's text.
pub fn explicit_id(text: &str) -> (&str, Option<&str>) {
    let trimmed = text.trim_end();
    // most items have no explicit id: look for its `{#` only when the text ends in `}`
    if !trimmed.ends_with('}') {
        return (text, None);
    }
    if let Some(open) = trimmed.rfind("{#") {
        let id = &trimmed[open + 2..trimmed.len() - 1];
        if !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        {
            return (trimmed[..open].trim_end(), Some(id));
        }
    }
    (text, None)
}

/// The id of an item without an explicit one: a slug of its text, cut at 60 characters.
///
/// Why a cut, and why it is not silent: ids stay short and readable in the page and in
/// learners' storage, and every course built before `lectern.lock` existed stored progress
/// under these ids, which must not change. A cut never makes two items one: two items whose
/// different texts cut to the same id are told apart by `lectern.lock` (the later one gets
/// `-2`), which also keeps every item's full text and fingerprint, so identity never rests
/// on the cut-off part.
pub fn item_slug(text: &str) -> String {
    let mut slug = if text.is_ascii() {
        ascii_slug(text, 61)
    } else {
        crate::model::order::slugify(text)
    };
    // At most 60 characters, without a trailing `-` (60 bytes or fewer are 60 characters or
    // fewer: the count is skipped for most items).
    if slug.len() > 60 {
        if let Some((end, _)) = slug.char_indices().nth(60) {
            slug.truncate(end);
        }
    }
    let len = slug.trim_end_matches('-').len();
    slug.truncate(len);
    if slug.is_empty() {
        "item".into()
    } else {
        slug
    }
}

/// `slugify` of ASCII text, stopping once more than `limit` bytes are written (the slug is cut
/// anyway). Items are many and mostly ASCII; this skips the general case mapping.
fn ascii_slug(text: &str, limit: usize) -> String {
    // bytes, not `char`s: pushing a `char` checks its width every time
    let mut slug = Vec::with_capacity(text.len().min(limit.saturating_add(1)));
    let mut pending_dash = false;
    for b in text.bytes() {
        if !b.is_ascii_alphanumeric() {
            pending_dash = true;
            continue;
        }
        if pending_dash && !slug.is_empty() {
            slug.push(b'-');
        }
        pending_dash = false;
        slug.push(b.to_ascii_lowercase());
        if slug.len() > limit {
            break;
        }
    }
    String::from_utf8(slug).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_slugs() {
        assert_eq!(
            github_slug("Step 5: Be a resource, not a shadow"),
            "step-5-be-a-resource-not-a-shadow"
        );
        assert_eq!(github_slug("What’s next?"), "whats-next");
        assert_eq!(github_slug("A  -- B_c"), "a-----b_c");
        assert_eq!(github_slug("Ça İS 2x"), "ça-i\u{307}s-2x");
        let mut ids = HeadingIds::default();
        assert_eq!(ids.unique("x".into()), "x");
        assert_eq!(ids.unique("x".into()), "x-1");
        assert_eq!(ids.unique("x-1".into()), "x-1-1");
    }

    #[test]
    fn ascii_headings_slug_as_any_heading() {
        let ascii: String = (0..128u8).map(char::from).collect();
        for text in [
            ascii.as_str(),
            "Step 5: Be a resource, not a shadow",
            "A  -- B_c",
            "",
        ] {
            assert_eq!(ascii_github_slug(text), any_github_slug(text), "{text:?}");
        }
    }

    #[test]
    fn explicit_ids() {
        assert_eq!(explicit_id("Do it {#done}"), ("Do it", Some("done")));
        assert_eq!(explicit_id("No id"), ("No id", None));
        assert_eq!(explicit_id("Weird {#a b}"), ("Weird {#a b}", None));
    }

    #[test]
    fn item_slugs_are_short() {
        assert_eq!(item_slug("Call the *client*!"), "call-the-client");
        assert_eq!(item_slug("?!"), "item");
        let long = "é".repeat(59) + " x";
        assert_eq!(item_slug(&long), "é".repeat(59));
        assert_eq!(item_slug(&"ab".repeat(40)), "ab".repeat(30));
        let cut = format!("{} b", "a".repeat(59));
        assert_eq!(item_slug(&cut), "a".repeat(59));
        for text in ["", "  A  b--C_d! 3 ", "_x", "Do *this*, then `that`."] {
            assert_eq!(
                ascii_slug(text, usize::MAX),
                crate::model::order::slugify(text)
            );
        }
        // Against the plain definition: slugify, keep 60 characters, drop a trailing `-`.
        let reference = |text: &str| {
            let short: String = crate::model::order::slugify(text)
                .chars()
                .take(60)
                .collect();
            let short = short.trim_end_matches('-');
            if short.is_empty() {
                "item".to_string()
            } else {
                short.to_string()
            }
        };
        let alphabet = ['a', 'B', ' ', '-', '1', '*', 'é'];
        let mut seed = 7u32;
        for len in 0..80 {
            for _ in 0..20 {
                let text: String = (0..len)
                    .map(|_| {
                        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                        alphabet[(seed >> 16) as usize % alphabet.len()]
                    })
                    .collect();
                assert_eq!(item_slug(&text), reference(&text), "{text:?}");
                let ascii = text.replace('é', "e");
                assert_eq!(item_slug(&ascii), reference(&ascii), "{ascii:?}");
            }
        }
    }
}
