//! Markup the renderer writes, with what a handout must change in it ([`PrintEdits`]): where
//! each id the page defines (and each same-page reference to one) starts, so that many pages
//! can share one document with their ids prefixed, and where a box ticked in the source is.
//!
//! Headings, task items and directives write their ids only through [`Markup::id`] and
//! [`Markup::fill`], so a handout scopes exactly the ids the page's renderer made, whichever
//! directive made them, and never touches HTML an author wrote.

/// Where a handout changes a page's HTML, as byte offsets into it, each list in order.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PrintEdits {
    /// Where an id of the page, or a same-page reference to one, starts: the handout puts the
    /// page's prefix there.
    pub scoped: Vec<usize>,
    /// Where a ` checked` (a box ticked in the source) starts: the handout leaves it out, so
    /// every printed box is empty.
    pub ticked: Vec<usize>,
}

/// What a handout leaves out at each of [`PrintEdits::ticked`].
pub const CHECKED: &str = " checked";

impl PrintEdits {
    /// Adds `other`'s edits, for markup that starts at byte `at`.
    pub fn extend_at(&mut self, other: &PrintEdits, at: usize) {
        self.scoped.extend(other.scoped.iter().map(|o| o + at));
        self.ticked.extend(other.ticked.iter().map(|o| o + at));
    }

    /// Puts both lists in order (edits added out of page order).
    pub fn sort(&mut self) {
        self.scoped.sort_unstable();
        self.ticked.sort_unstable();
    }
}

/// HTML being written, with its print edits.
#[derive(Debug, Default, Clone)]
pub struct Markup {
    pub html: String,
    pub print: PrintEdits,
}

/// What [`Markup::fill`] puts an id in place of.
const ID_SLOT: &str = "{#}";

impl Markup {
    /// Markup that defines no id.
    pub fn plain(html: String) -> Self {
        Markup {
            html,
            print: PrintEdits::default(),
        }
    }

    /// Appends markup that holds no id of the page.
    pub fn push(&mut self, html: &str) {
        self.html.push_str(html);
    }

    /// Appends `id` (escaped already), an id of the page or the start of one, at the start of
    /// an `id`, `for` or `aria-*` value or just after the `#` of an `href="#…"`.
    pub fn id(&mut self, id: &str) {
        self.print.scoped.push(self.html.len());
        self.html.push_str(id);
    }

    /// Appends `template` with every `{#}` in it replaced by `id` (escaped already) as by
    /// [`Markup::id`]; each `{#}` starts a value (`id="{#}-title"`).
    pub fn fill(&mut self, template: &str, id: &str) {
        // memchr for the slot's `{`, not `str::split`: a substring searcher's set-up cost more
        // than the search in these short templates, thousands of times a build
        let mut rest = template;
        while let Some(at) = memchr::memchr(b'{', rest.as_bytes()) {
            let (before, slot) = rest.split_at(at);
            self.push(before);
            match slot.strip_prefix(ID_SLOT) {
                Some(after) => {
                    self.id(id);
                    rest = after;
                }
                None => {
                    self.push("{");
                    rest = &slot[1..];
                }
            }
        }
        self.push(rest);
    }

    /// Appends ` checked`, which a handout leaves out.
    pub fn checked(&mut self) {
        self.print.ticked.push(self.html.len());
        self.html.push_str(CHECKED);
    }

    /// Appends `other`.
    pub fn append(&mut self, other: &Markup) {
        self.print.extend_at(&other.print, self.html.len());
        self.html.push_str(&other.html);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_where_ids_and_ticks_go() {
        let mut m = Markup::plain("<p>".into());
        m.fill("<input id=\"{#}-x\"", "a");
        m.checked();
        m.fill("><label for=\"{#}-x\">", "a");
        let mut page = Markup::plain("<div>".into());
        page.append(&m);
        let html = &page.html;
        assert_eq!(
            html,
            "<div><p><input id=\"a-x\" checked><label for=\"a-x\">"
        );
        let starts = |v: &[usize]| v.iter().map(|&o| &html[o..o + 3]).collect::<Vec<_>>();
        assert_eq!(starts(&page.print.scoped), ["a-x", "a-x"]);
        assert_eq!(starts(&page.print.ticked), [" ch"]);
    }

    #[test]
    fn fill_keeps_braces_that_are_no_slot() {
        let mut m = Markup::plain(String::new());
        m.fill("{a}{#}{#{#}{", "id");
        assert_eq!(m.html, "{a}id{#id{");
        assert_eq!(m.print.scoped, [3, 7]);
    }
}
