//! ```` ```sort ```` — "who does this?": the cells of some columns of a table, shuffled, each
//! with a choice of those columns. A fully correct sort is one progress item (`sort:<id>`).
//!
//! The shuffle is stable: seeded by the sort id, so rebuilding never reorders the items.
//!
//! A row may carry an explanation, shown beside each of its cards' feedback once checked:
//! `explain:` in the block (row key → text) or the table row's own `explain:` field.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::select::{self, Names};
use super::{claim, error_at, line_at, place, Claim, Input, Rendered};
use crate::error::{did_you_mean, Diagnostic, Diagnostics};
use crate::load::table::{Column, Row};
use crate::load::{yaml, Table};
use crate::model::order::slugify;
use crate::render::inline::{escape, inline_markdown};
use crate::render::markup::Markup;
use crate::render::tracked::{ItemKind, TrackedItem};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSort {
    #[serde(default)]
    title: Option<Spanned<String>>,
    #[serde(default)]
    id: Option<Spanned<String>>,
    src: Spanned<String>,
    #[serde(default)]
    columns: Option<Names>,
    #[serde(default)]
    rows: Option<Names>,
    #[serde(default)]
    explain: Option<Spanned<BTreeMap<String, Spanned<String>>>>,
    /// What each card's select asks, for a sort that is not "who does this?" (an ordering or
    /// a matching exercise: "Which place in the order?").
    #[serde(default)]
    ask: Option<String>,
}

/// One card to sort: its id, its text (inline HTML), the column it belongs to and its row's
/// explanation (inline HTML).
struct Card<'t> {
    id: String,
    html: String,
    answer: &'t Column,
    explain: Option<String>,
}

pub fn render(input: Input) -> Result<Rendered, Diagnostics> {
    let raw: RawSort = yaml::parse(input.body, input.at)?;
    let table = select::table(input.at, input.tables, input.unreadable, &raw.src)?;
    let columns = answer_columns(&input, table, &raw)?;
    let rows = select::rows(input.at, table, raw.rows.as_ref())?;
    let explained = explanations(&input, &raw, &rows)?;
    // its text: the title, or the table it sorts
    let text = raw.title.as_ref().map_or(table.path.as_str(), |t| &t.value);
    let derive = || match &raw.title {
        Some(title) => format!("sort-{}", slugify(&title.value)),
        None => format!("sort-{}", slugify(table.path.trim_end_matches(".yaml"))),
    };
    let explicit = raw.id.as_ref().map(|id| slugify(&id.value));
    let id_at = raw.id.as_ref().or(raw.title.as_ref()).unwrap_or(&raw.src);
    let line = line_at(input.at, id_at);
    let id = (input.ids).resolve(ItemKind::Sort, text, explicit, derive, line);
    let what = Claim {
        what: "sort",
        key: format!("sort:{id}"),
        help: "give one of the sorts its own `id: …` or another title",
    };
    claim(input.ids, input.at, id_at, &id, what)?;
    let mut cards = Vec::new();
    for (row, explain) in rows.iter().zip(&explained) {
        for column in &columns {
            let text = row.cells.get(&column.id).map_or("", |s| s.trim());
            if !text.is_empty() {
                cards.push(Card {
                    id: format!("{id}-{}-{}", slugify(&row.key), slugify(&column.id)),
                    html: inline_markdown(text),
                    answer: column,
                    explain: explain.clone(),
                });
            }
        }
    }
    shuffle(&mut cards, seed(&id));
    let title = match &raw.title {
        Some(t) => inline_markdown(&t.value),
        None => escape(&input.strings.text("sort_ask")),
    };
    Ok(Rendered {
        markup: section(
            (&id, &title),
            raw.ask.as_deref(),
            &columns,
            &cards,
            input.strings,
        ),
        items: vec![TrackedItem::new(ItemKind::Sort, id, &title)],
    })
}

/// The columns to sort into: at least two, and not the key column (it names the rows).
fn answer_columns<'t>(
    input: &Input,
    table: &'t Table,
    raw: &RawSort,
) -> Result<Vec<&'t Column>, Diagnostics> {
    let picked = select::columns(input.at, table, raw.columns.as_ref())?;
    if let Some(names) = &raw.columns {
        if let Some(key) = names.value.iter().find(|n| n.value.trim() == table.key) {
            return Err(error_at(
                input.at,
                key,
                format!(
                    "`{}` is the table's key column, not something to sort into",
                    table.key
                ),
            )
            .help("list only the columns learners choose between, e.g. who does each task")
            .into());
        }
    }
    let picked: Vec<&Column> = picked.into_iter().filter(|c| c.id != table.key).collect();
    if picked.len() < 2 {
        let message = "a sort needs at least two columns to choose between";
        let d = match &raw.columns {
            Some(names) => error_at(input.at, names, message),
            None => error_at(input.at, &raw.src, message),
        };
        return Err(d
            .help("list two or more columns under `columns: […]`")
            .into());
    }
    Ok(picked)
}

/// Each row's explanation (inline HTML): the block's `explain:` entry for its key, else the
/// table row's own `explain:`. A key that names none of the sort's rows is an error.
fn explanations(
    input: &Input,
    raw: &RawSort,
    rows: &[&Row],
) -> Result<Vec<Option<String>>, Diagnostics> {
    let given = raw.explain.as_ref().map(|e| &e.value);
    let keys: Vec<&str> = rows.iter().map(|r| r.key.as_str()).collect();
    let mut problems = Diagnostics::default();
    for (key, text) in given.into_iter().flatten() {
        if !keys.contains(&key.trim()) {
            problems.push(unknown_row(input, key, text, &keys));
        }
    }
    let explained = rows.iter().map(|row| {
        let own = given.and_then(|g| g.iter().find(|(k, _)| k.trim() == row.key));
        let text = own.map_or(row.explain.as_deref(), |(_, t)| Some(t.value.as_str()));
        text.map(str::trim)
            .filter(|t| !t.is_empty())
            .map(inline_markdown)
    });
    problems.into_result(explained.collect())
}

/// `key: text` under `explain:` where `key` is not one of the sort's rows.
fn unknown_row(input: &Input, key: &str, text: &Spanned<String>, keys: &[&str]) -> Diagnostic {
    let (line, column) = place(text);
    // the value's place, less `key: `
    let column = column.saturating_sub(key.chars().count() + 2).max(1);
    let list = keys.join(", ");
    let help = match did_you_mean(key.trim(), keys) {
        Some(s) => format!("did you mean `{s}`? The sort's rows are: {list}"),
        None => format!("`explain:` takes the sort's rows by their key: {list}"),
    };
    let message = format!(
        "`explain:` names the row `{}`, which this sort does not show",
        key.trim()
    );
    input.at.diagnostic(line, column, message).help(help)
}

/// The sort's markup, titled `title` (inline HTML).
/// The sort's markup; `ask` is each select's label (else "Who does this?").
fn section(
    (id, title): (&str, &str),
    ask: Option<&str>,
    columns: &[&Column],
    cards: &[Card],
    strings: &crate::i18n::Strings,
) -> Markup {
    let id = escape(id);
    let choose = escape(&strings.text("sort_choose"));
    let mut options = format!("<option value=\"\">{choose}</option>");
    for column in columns {
        options.push_str(&format!(
            "<option value=\"{}\">{}</option>",
            escape(&column.id),
            escape(&column.label)
        ));
    }
    let mut out = Markup::plain(format!("<section class=\"sort\" data-sort=\"{id}\" "));
    out.fill("aria-labelledby=\"{#}-title\">\n<h2 id=\"{#}-title\">", &id);
    let (help, ask) = match ask {
        Some(ask) => (escape(&strings.text("sort_help_ask")), escape(ask)),
        None => (
            escape(&strings.text("sort_help")),
            escape(&strings.text("sort_ask")),
        ),
    };
    out.push(&format!(
        "{title}</h2>\n<p class=\"sort-help\">{help}</p>\n<ol class=\"sort-items\">\n"
    ));
    for card in cards {
        let view = CardView {
            item: &card.id,
            answer: &card.answer.id,
            html: &card.html,
            ask: &ask,
            options: &options,
            explain: card.explain.as_deref(),
        };
        self::card(&mut out, &view);
    }
    let [check, reset] = ["check_answers", "start_again"].map(|k| escape(&strings.text(k)));
    out.push(&format!("</ol>\n<div class=\"sort-actions\"><button type=\"button\" data-sort-check>{check}</button>\n<button type=\"button\" data-sort-reset>{reset}</button></div>\n<p class=\"sort-result\" aria-live=\"polite\"></p>\n</section>\n"));
    out
}

/// One card to answer with a select: shared by sorts and by a quiz's `order` and `match`
/// questions. Texts are HTML: `html` and `explain` inline, `ask` escaped, `options` the
/// select's `<option>`s.
pub(super) struct CardView<'a> {
    pub item: &'a str,
    pub answer: &'a str,
    pub html: &'a str,
    pub ask: &'a str,
    pub options: &'a str,
    pub explain: Option<&'a str>,
}

/// A card's `<li>` (see themes/default/MARKUP.md), appended to `out`.
pub(super) fn card(out: &mut Markup, card: &CardView) {
    let item = escape(card.item);
    out.push(&format!(
        "<li class=\"sort-item\" data-answer=\"{}\" data-item=\"{item}\">\n",
        escape(card.answer)
    ));
    out.fill("<p class=\"sort-text\" id=\"{#}-text\">", &item);
    out.push(card.html);
    out.fill("</p>\n<label for=\"{#}-choice\">", &item);
    out.push(card.ask);
    out.fill(
        "</label>\n<select id=\"{#}-choice\" aria-describedby=\"{#}-text\">",
        &item,
    );
    out.push(card.options);
    out.push("</select>\n<p class=\"sort-feedback\" aria-live=\"polite\">");
    if let Some(explain) = card.explain {
        // hidden until checked; inside the live region, so it is read with the verdict
        out.push("<span class=\"sort-verdict\"></span> ");
        out.fill(
            "<span class=\"sort-explain\" id=\"{#}-explain\" hidden>",
            &item,
        );
        out.push(explain);
        out.push("</span>");
    }
    out.push("</p>\n</li>\n");
}

/// FNV-1a hash of the sort id: the shuffle's seed.
pub(super) fn seed(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Fisher–Yates with xorshift64: the same seed always gives the same order.
pub(super) fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut state = seed.max(1);
    for i in (1..items.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let j = (state % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shuffle_is_stable_and_a_permutation() {
        let mut a: Vec<u32> = (0..10).collect();
        let mut b = a.clone();
        shuffle(&mut a, seed("sort-who-does-this"));
        shuffle(&mut b, seed("sort-who-does-this"));
        assert_eq!(a, b);
        assert_ne!(a, (0..10).collect::<Vec<_>>());
        let mut sorted = a.clone();
        sorted.sort();
        assert_eq!(sorted, (0..10).collect::<Vec<_>>());
    }
}
