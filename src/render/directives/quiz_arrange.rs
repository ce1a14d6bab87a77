//! A quiz's `order` questions (put the items in order) and `match` questions (pair each left
//! item with its right one): checked, then shown as the cards of a sort, each with a select
//! (its place in the order, or its partner), so they need neither a mouse nor drag.
//!
//! The cards are shuffled with the sort's stable shuffle, seeded by the question id.

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::sort::{card, seed, shuffle, CardView};
use super::{error_at, place_of, Fragment};
use crate::error::Diagnostic;
use crate::i18n::Strings;
use crate::render::inline::{escape, inline_markdown};
use crate::render::markup::Markup;

/// One pair of a `match` question.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPair {
    #[serde(default)]
    left: Option<Spanned<String>>,
    #[serde(default)]
    right: Option<Spanned<String>>,
    #[serde(default)]
    feedback: Option<String>,
}

/// An `order` or a `match` question's items.
pub enum Arrange<'a> {
    Order(&'a Spanned<Vec<Spanned<String>>>),
    Match(&'a Spanned<Vec<Spanned<RawPair>>>),
}

/// At least two items, none twice; every pair with both sides.
pub fn check(at: Fragment, arrange: &Arrange) -> Result<(), Diagnostic> {
    match arrange {
        Arrange::Order(items) => {
            if items.value.len() < 2 {
                return Err(
                    error_at(at, items, "an `order` question needs at least two items")
                        .help("list the items under `order:` in their right order, two or more"),
                );
            }
            twice(at, items.value.iter(), "order")
        }
        Arrange::Match(pairs) => {
            if pairs.value.len() < 2 {
                return Err(
                    error_at(at, pairs, "a `match` question needs at least two pairs")
                        .help("give two or more `- left: …` with their `right: …`"),
                );
            }
            for pair in &pairs.value {
                for (side, name) in [(&pair.value.left, "left"), (&pair.value.right, "right")] {
                    if side.as_ref().is_none_or(|s| s.value.trim().is_empty()) {
                        let message = format!("this pair has no `{name}:`");
                        return Err(error_at(at, &place_of(pair), message)
                            .help("give every pair both sides: `left: …` and `right: …`"));
                    }
                }
            }
            let sides = |f: fn(&RawPair) -> &Option<Spanned<String>>| {
                pairs.value.iter().filter_map(move |p| f(&p.value).as_ref())
            };
            twice(at, sides(|p| &p.left), "match")?;
            twice(at, sides(|p| &p.right), "match")
        }
    }
}

/// An error at the second of two equal items.
fn twice<'a>(
    at: Fragment,
    items: impl Iterator<Item = &'a Spanned<String>>,
    kind: &str,
) -> Result<(), Diagnostic> {
    let mut seen: Vec<&str> = Vec::new();
    for item in items {
        let text = item.value.trim();
        if seen.contains(&text) {
            let message = format!("`{text}` is in this `{kind}` question twice");
            return Err(error_at(at, item, message)
                .help("each item appears once: remove the second or reword it"));
        }
        seen.push(text);
    }
    Ok(())
}

/// The question's cards (see themes/default/MARKUP.md), inside its fieldset.
pub fn cards(id: &str, arrange: &Arrange, strings: &Strings) -> Markup {
    let choose = format!(
        "<option value=\"\">{}</option>",
        escape(&strings.text("choose_option"))
    );
    let (help, ask, mut cards, options) = match arrange {
        Arrange::Order(items) => {
            let options = (1..=items.value.len()).map(|n| (n.to_string(), n.to_string()));
            let cards = items.value.iter().enumerate();
            let cards = cards.map(|(n, i)| (inline_markdown(&i.value), (n + 1).to_string(), None));
            (
                "order_help",
                "order_ask",
                cards.collect::<Vec<_>>(),
                options.collect::<Vec<_>>(),
            )
        }
        Arrange::Match(pairs) => {
            let side =
                |s: &Option<Spanned<String>>| s.as_ref().map_or("", |s| s.value.trim()).to_string();
            let mut options: Vec<(String, String)> = pairs
                .value
                .iter()
                .enumerate()
                .map(|(n, p)| (n.to_string(), escape(&side(&p.value.right))))
                .collect();
            shuffle(&mut options, seed(&format!("{id}-right")));
            let cards = pairs.value.iter().enumerate().map(|(n, p)| {
                let explain = p.value.feedback.as_deref().map(inline_markdown);
                (
                    inline_markdown(&side(&p.value.left)),
                    n.to_string(),
                    explain,
                )
            });
            ("match_help", "match_ask", cards.collect(), options)
        }
    };
    let options: String = options.iter().fold(choose, |mut s, (v, t)| {
        s.push_str(&format!("<option value=\"{v}\">{t}</option>"));
        s
    });
    shuffle(&mut cards, seed(id));
    let ask = escape(&strings.text(ask));
    let mut out = Markup::plain(format!(
        "<p class=\"sort-help\">{}</p>\n<ol class=\"sort-items\">\n",
        escape(&strings.text(help))
    ));
    for (n, (html, answer, explain)) in cards.iter().enumerate() {
        let view = CardView {
            item: &format!("{id}-{n}"),
            answer,
            html,
            ask: &ask,
            options: &options,
            explain: explain.as_deref(),
        };
        card(&mut out, &view);
    }
    out.push("</ol>\n");
    out
}
