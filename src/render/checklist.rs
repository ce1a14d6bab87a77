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
    /// Not needed for completion: the box says so (`data-optional`) and the item has room
    /// for the day it was done.
    pub optional: bool,
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

/// Markup before an item's text; an `optional` item's box says so (`data-optional`).
pub fn item_open(item_id: &str, checked: bool, optional: bool) -> Markup {
    let id = escape(item_id);
    let mut out = Markup::plain(String::with_capacity(3 * id.len() + 128));
    // the box's id is `check-<item id>`, written in two pieces rather than formatted first
    out.push("<li class=\"checklist-item\"><input type=\"checkbox\" id=\"");
    out.id("check-");
    out.push(&id);
    out.push("\" data-item=\"");
    out.push(&id);
    out.push(if optional { "\" data-optional" } else { "\"" });
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
/// A list of optional items only (commitments) says so once, under its title; an optional
/// item in a list of required ones says so in its label.
pub fn render(title: Option<&str>, items: &[Item]) -> Markup {
    let mut opening = open(title);
    let all_optional = items.iter().all(|i| i.optional);
    if all_optional {
        let at = opening.len() - "<ul class=\"checklist-items\">\n".len();
        opening.insert_str(at, "<p class=\"checklist-note\">Not needed to complete the lesson: tick each one once you have done it, and the day is kept.</p>\n");
    }
    let mut out = Markup::plain(opening);
    for item in items {
        out.append(&item_open(&item.id, item.checked, item.optional));
        out.push(&item.html);
        if item.optional && !all_optional {
            out.push(" <span class=\"item-optional\">(optional)</span>");
        }
        out.push(if item.optional {
            "</label> <span class=\"item-date\"></span></li>\n"
        } else {
            ITEM_CLOSE
        });
    }
    out.push(CLOSE);
    out
}
