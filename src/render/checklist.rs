//! Checklist markup shared by GFM task lists and ```` ```checklist ```` blocks.
//!
//! Each item is a native checkbox with a label, so it ticks without JavaScript; `data-item`
//! carries the stable id that progress storage keys on (see themes/default/MARKUP.md).

use super::inline::escape;
use super::markup::Markup;
use crate::i18n::Strings;

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

/// The periods a checklist can repeat over (`repeat:`); its note is the catalog's
/// `repeat_note_<period>`.
pub const PERIODS: [&str; 3] = ["daily", "weekly", "monthly"];

/// A whole checklist; `repeat` (one of [`PERIODS`]) makes it start empty each period, with a
/// line for this period's count against the last one's (`lectern.js` writes it).
/// A list of optional items only (commitments, repeating lists) says so once, under its title;
/// an optional item in a list of required ones says so in its label.
pub fn render(
    (title, strings): (Option<&str>, &Strings),
    repeat: Option<&str>,
    items: &[Item],
) -> Markup {
    let all_optional = items.iter().all(|i| i.optional);
    let noun = PERIODS.iter().find(|p| Some(**p) == repeat);
    let mut opening = String::from("<div class=\"checklist\" data-checklist");
    if let (Some(period), Some(_)) = (repeat, noun) {
        opening.push_str(&format!(" data-repeat=\"{period}\""));
    }
    opening.push_str(">\n");
    if let Some(t) = title {
        opening.push_str(&format!("<p class=\"checklist-title\">{}</p>\n", escape(t)));
    }
    match noun {
        Some(period) => {
            let note = escape(&strings.text(&format!("repeat_note_{period}")));
            opening.push_str(&format!(
                "<p class=\"checklist-note\">{note}</p>\n<p class=\"checklist-period\"></p>\n"
            ));
        }
        None if all_optional => {
            let note = escape(&strings.text("optional_note"));
            opening.push_str(&format!("<p class=\"checklist-note\">{note}</p>\n"));
        }
        None => {}
    }
    opening.push_str("<ul class=\"checklist-items\">\n");
    let mut out = Markup::plain(opening);
    for item in items {
        out.append(&item_open(&item.id, item.checked, item.optional));
        out.push(&item.html);
        if item.optional && !all_optional {
            let optional = escape(&strings.text("optional_item"));
            out.push(&format!(" <span class=\"item-optional\">{optional}</span>"));
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
