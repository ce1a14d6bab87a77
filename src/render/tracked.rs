//! What a page registers for the learner's progress: its tracked items (checklist items, quiz
//! questions, sorts), each with its kind, its id and the label the progress page shows.
//!
//! The Markdown pass and the directives make these as they write each item's markup, from
//! the HTML they put in the item's label element (`<label>`, `<legend>`, the sort's `<h2>`):
//! nothing is read back from the page, so raw HTML in a lesson is never taken for an item.

use super::html_text::each_piece;

/// What kind of thing a tracked item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    /// A checklist item (a task-list item or an item of a ```` ```checklist ````).
    Item,
    /// A question of a ```` ```quiz ````.
    Question,
    /// A ```` ```sort ```` exercise.
    Sort,
    /// A ```` ```scenario ````, done when the learner reaches an ending.
    Scenario,
}

impl ItemKind {
    /// What the progress id of an item of this kind starts with.
    fn id_prefix(self) -> &'static str {
        match self {
            ItemKind::Item => "",
            ItemKind::Question => "quiz:",
            ItemKind::Sort => "sort:",
            ItemKind::Scenario => "scenario:",
        }
    }

    /// What the label of an item of this kind starts with.
    fn label_prefix(self) -> &'static str {
        match self {
            ItemKind::Item => "",
            ItemKind::Question => "Question: ",
            ItemKind::Sort => "Exercise: ",
            ItemKind::Scenario => "Scenario: ",
        }
    }
}

/// A tracked item of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackedItem {
    pub kind: ItemKind,
    /// The id as written or derived (unique on the page among items of its kind).
    pub id: String,
    /// The text a learner saw, for the progress page.
    pub label: String,
    /// Saved and dated, but not needed to complete its lesson (a commitment, or an item
    /// with `required: false`).
    pub optional: bool,
}

impl TrackedItem {
    /// An item whose label element holds `label_html` (inline HTML).
    pub fn new(kind: ItemKind, id: String, label_html: &str) -> Self {
        let mut item = TrackedItem {
            kind,
            id,
            label: String::new(),
            optional: false,
        };
        item.set_label(label_html);
        item
    }

    /// The same item, not needed for completion.
    pub fn optional(mut self, optional: bool) -> Self {
        self.optional = optional;
        self
    }

    /// Sets the label from the label element's HTML: its text, whitespace runs as one space,
    /// after the kind's prefix; the progress id when the element has no text.
    pub fn set_label(&mut self, label_html: &str) {
        let prefix = self.kind.label_prefix();
        let mut label = String::with_capacity(prefix.len() + label_html.len());
        label.push_str(prefix);
        self.label = if push_text(&mut label, label_html) {
            label
        } else {
            self.progress_id()
        };
    }

    /// The id progress is stored under: `item`, `quiz:<question>`, `sort:<sort>`.
    pub fn progress_id(&self) -> String {
        let prefix = self.kind.id_prefix();
        let mut id = String::with_capacity(prefix.len() + self.id.len());
        id.push_str(prefix);
        id.push_str(&self.id);
        id
    }
}

/// Appends to `out` the text of `html` (tags dropped, entities decoded), whitespace runs as
/// one space; false (and nothing appended) when it has no text.
fn push_text(out: &mut String, html: &str) -> bool {
    let start = out.len();
    // the text straight into `out` (the usual label is single-spaced already), respaced
    // only when it is not
    each_piece(html, |piece| {
        out.push_str(piece);
        true
    });
    if !is_single_spaced(&out[start..]) {
        let text = out.split_off(start);
        for word in text.split_whitespace() {
            if out.len() > start {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    out.len() > start
}

/// True when `text` is its words joined by single spaces already (the usual label): ASCII,
/// no whitespace but lone spaces between other characters. One pass over the bytes.
fn is_single_spaced(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    let mut after_space = false;
    bytes.iter().all(|&b| {
        let space = b == b' ';
        let ok = b.is_ascii() && !(b.is_ascii_whitespace() || b == 0x0b) || space && !after_space;
        after_space = space;
        ok
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(kind: ItemKind, id: &str, html: &str) -> String {
        TrackedItem::new(kind, id.to_string(), html).label
    }

    #[test]
    fn labels_are_the_text_of_the_label_html_after_the_kind() {
        assert_eq!(
            label(ItemKind::Item, "a", "Set a <em>clear</em>\n  goal"),
            "Set a clear goal"
        );
        assert_eq!(
            label(ItemKind::Question, "q1", "Who &amp; why?"),
            "Question: Who & why?"
        );
        assert_eq!(
            label(ItemKind::Sort, "s", "Who does this?"),
            "Exercise: Who does this?"
        );
        assert_eq!(label(ItemKind::Item, "a", "<img alt=\"x\">"), "a");
        assert_eq!(label(ItemKind::Question, "q1", " "), "quiz:q1");
        assert_eq!(label(ItemKind::Sort, "s", ""), "sort:s");
    }

    #[test]
    fn progress_ids_carry_the_kind() {
        let item = |kind| TrackedItem::new(kind, "x".into(), "X").progress_id();
        assert_eq!(item(ItemKind::Item), "x");
        assert_eq!(item(ItemKind::Question), "quiz:x");
        assert_eq!(item(ItemKind::Sort), "sort:x");
    }

    #[test]
    fn single_spaced_text_is_kept_as_is() {
        let texts = [
            "a b", " a", "a ", "a  b", "a\tb", "a\u{b}b", "a\u{c}b", "a\nb", "é b", "a\u{a0}b", "",
            "ab",
        ];
        for text in texts {
            let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(
                is_single_spaced(text),
                words == text && text.is_ascii(),
                "{text:?}"
            );
        }
    }
}
