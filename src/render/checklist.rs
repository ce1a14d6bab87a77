//! Checklist markup shared by GFM task lists and ```` ```checklist ```` blocks.
//!
//! Each item is a native checkbox with a label, so it ticks without JavaScript; `data-item`
//! carries the stable id that progress storage keys on (see themes/default/MARKUP.md).

use super::inline::escape;
use super::markup::Markup;

/// One checklist item ready to render.
#[derive(Debug, Clone)]
pub struct Item {
    /// Stable id, unique on the page.
    pub id: String,
    /// The item's text as inline HTML.
    pub html: String,
    /// Ticked in the source (`- [x]`): shown ticked until the learner changes it.
    pub checked: bool,
}

/// Opening markup of a checklist, with an optional title.
pub fn open(title: Option<&str>) -> String {
    let mut out = String::from("<div class=\"checklist\" data-checklist>\n");
    if let Some(t) = title {
        out.push_str(&format!("<p class=\"checklist-title\">{}</p>\n", escape(t)));
    }
    out.push_str("<ul class=\"checklist-items\">\n");
    out
}

/// Closing markup of a checklist.
pub const CLOSE: &str = "</ul>\n</div>\n";

/// Markup before an item's text.
pub fn item_open(item_id: &str, checked: bool) -> Markup {
    let id = escape(item_id);
    let mut out = Markup::plain(String::with_capacity(3 * id.len() + 128));
    // the box's id is `check-<item id>`, written in two pieces rather than formatted first
    out.push("<li class=\"checklist-item\"><input type=\"checkbox\" id=\"");
    out.id("check-");
    out.push(&id);
    out.push("\" data-item=\"");
    out.push(&id);
    out.push("\"");
    if checked {
        out.checked();
    }
    out.push("><label for=\"");
    out.id("check-");
    out.push(&id);
    out.push("\">");
    out
}

/// Markup after an item's text.
pub const ITEM_CLOSE: &str = "</label></li>\n";

/// A whole checklist.
pub fn render(title: Option<&str>, items: &[Item]) -> Markup {
    let mut out = Markup::plain(open(title));
    for item in items {
        out.append(&item_open(&item.id, item.checked));
        out.push(&item.html);
        out.push(ITEM_CLOSE);
    }
    out.push(CLOSE);
    out
}
