//! ```` ```checklist ```` — an interactive checklist, either from `items:` (text with an
//! optional `{#id}`) or from one `column:` of the table `from:` (one item per row, its id a
//! slug of the row key), e.g. a weekly self-audit. Same markup as task lists.
//!
//! A second checklist from the same table on a page would repeat the first one's ids: its ids
//! are then prefixed with its column (`<column>-<key>`), or with its own `id:` when it has one,
//! so the first checklist's ids (and learners' ticks) stay as they were.
//!
//! `kind: commitment` makes every item a commitment ("This month I will…"), and an item of
//! `items:` written as `- text: …` with `required: false` is optional: both are saved and
//! dated like any item but never needed to complete the lesson (`TrackedItem::optional`).

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::select::{self, Names};
use super::text_or::TextOr;
use super::{claim, error_at, line_at, place_of, Claim, Input, Rendered};
use crate::error::{Diagnostic, Diagnostics};
use crate::load::yaml;
use crate::render::checklist::{self, Item};
use crate::render::ids::{explicit_id, item_slug};
use crate::render::inline::inline_markdown;
use crate::render::tracked::{ItemKind, TrackedItem};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChecklist {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    kind: Option<Spanned<String>>,
    #[serde(default)]
    repeat: Option<Spanned<String>>,
    #[serde(default)]
    items: Option<Spanned<Vec<Spanned<RawItem>>>>,
    #[serde(default)]
    from: Option<Spanned<String>>,
    #[serde(default)]
    column: Option<Spanned<String>>,
    #[serde(default)]
    rows: Option<Names>,
    /// A prefix for the ids of a checklist `from:` a table: `<id>-<key>`.
    #[serde(default)]
    id: Option<Spanned<String>>,
}

/// An item of `items:`: its text, or its text and whether it is needed for completion.
type RawItem = TextOr<FullItem>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FullItem {
    text: String,
    #[serde(default = "yes")]
    required: bool,
}

fn yes() -> bool {
    true
}

/// An item before its id is claimed: where it was written, its explicit id (`{#id}`, or the
/// slug of its table row's key) and its text.
struct Planned {
    at: Spanned<()>,
    explicit: Option<String>,
    text: String,
    optional: bool,
}

pub fn render(input: Input) -> Result<Rendered, Diagnostics> {
    let raw: RawChecklist = yaml::parse(input.body, input.at)?;
    let repeat = repeat(&input, &raw)?;
    // a repeating list is done again each period: never needed for completion either
    let commitment = is_commitment(&input, &raw)? || repeat.is_some();
    let (planned, help) = match (&raw.items, &raw.from) {
        (Some(_), None) if raw.column.is_some() || raw.rows.is_some() || raw.id.is_some() => {
            let message = "`column:`, `rows:` and `id:` only go with `from:`";
            let d = match (&raw.column, &raw.rows, &raw.id) {
                (Some(column), _, _) => error_at(input.at, column, message),
                (None, Some(rows), _) => error_at(input.at, rows, message),
                (None, None, Some(id)) => error_at(input.at, id, message),
                (None, None, None) => input.at.diagnostic(1, 1, message),
            };
            return Err(d
                .help("remove them, or replace `items:` with `from: tables/….yaml` to list one column of a table")
                .into());
        }
        (Some(items), None) => (
            from_items(&input, items)?,
            "give one of the items its own id by ending it with `{#another-id}`, or reword it",
        ),
        (None, Some(from)) => (
            from_table(&input, &raw, from)?,
            "the ids come from the table's row keys: give this checklist its own prefix with `id: …` (its ids become `<id>-<key>`), or leave the row out with `rows: […]`",
        ),
        (Some(_), Some(from)) => {
            return Err(error_at(input.at, from, "a checklist takes either `items:` or `from:`, not both")
                .help("keep `items:` for a list written here, or `from:` and `column:` to list one column of a table")
                .into())
        }
        (None, None) => {
            return Err(input
                .at
                .diagnostic(1, 1, "this checklist has no items")
                .help("add `items:` with one `- item` per line, or `from: tables/….yaml` and `column: …` to list one column of a table")
                .into())
        }
    };
    let mut problems = Diagnostics::default();
    let mut items = Vec::with_capacity(planned.len());
    let mut tracked = Vec::with_capacity(planned.len());
    for p in planned {
        let line = line_at(input.at, &p.at);
        let derive = || item_slug(&p.text);
        let id = (input.ids).resolve(ItemKind::Item, &p.text, p.explicit, derive, line);
        let what = Claim {
            what: "checklist item",
            key: id.clone(),
            help,
        };
        let html = inline_markdown(&p.text);
        match claim(input.ids, input.at, &p.at, &id, what) {
            Ok(()) => tracked.push(
                TrackedItem::new(ItemKind::Item, id.clone(), &html)
                    .optional(commitment || p.optional),
            ),
            Err(d) => problems.push(d),
        }
        items.push(Item {
            id,
            html,
            checked: false,
            optional: commitment || p.optional,
        });
    }
    let title = match (&raw.title, commitment) {
        (Some(t), _) => Some(t.clone()),
        (None, true) => Some(input.strings.text("commitment_title")),
        (None, false) => None,
    };
    let markup = checklist::render((title.as_deref(), input.strings), repeat, &items);
    problems.into_result(Rendered {
        markup,
        items: tracked,
    })
}

/// The period of `repeat:`, if any; one Lectern does not know is an error.
fn repeat<'r>(input: &Input, raw: &'r RawChecklist) -> Result<Option<&'r str>, Diagnostic> {
    let Some(r) = &raw.repeat else {
        return Ok(None);
    };
    let period = r.value.trim();
    if checklist::PERIODS.contains(&period) {
        return Ok(Some(period));
    }
    let message = format!("`repeat: {period}` is not a period");
    Err(error_at(input.at, r, message).help(
        "write `repeat: daily`, `repeat: weekly` or `repeat: monthly`: the list starts empty each period",
    ))
}

/// True for `kind: commitment`; any other kind is an error.
fn is_commitment(input: &Input, raw: &RawChecklist) -> Result<bool, Diagnostic> {
    match &raw.kind {
        None => Ok(false),
        Some(k) if k.value.trim() == "commitment" => Ok(true),
        Some(k) => Err(error_at(input.at, k, format!("`kind: {}` is not a kind of checklist", k.value.trim()))
            .help("write `kind: commitment` for things learners will do on the job (they are saved and dated but never block completion), or leave `kind:` out")),
    }
}

fn from_items(
    input: &Input,
    items: &Spanned<Vec<Spanned<RawItem>>>,
) -> Result<Vec<Planned>, Diagnostic> {
    if items.value.is_empty() {
        return Err(error_at(input.at, items, "the `items:` list is empty")
            .help("add one `- item` line per thing to tick"));
    }
    Ok(items
        .value
        .iter()
        .map(|item| {
            let (written, optional) = match &item.value {
                TextOr::Text(t) => (t.as_str(), false),
                TextOr::Full(f) => (f.text.as_str(), !f.required),
            };
            let (text, id) = explicit_id(written);
            Planned {
                at: place_of(item),
                explicit: id.map(str::to_string),
                text: text.to_string(),
                optional,
            }
        })
        .collect())
}

fn from_table(
    input: &Input,
    raw: &RawChecklist,
    from: &Spanned<String>,
) -> Result<Vec<Planned>, Diagnostics> {
    let table = select::table(input.at, input.tables, input.unreadable, from)?;
    let Some(column) = &raw.column else {
        let ids: Vec<&str> = table.columns.iter().map(|c| c.id.as_str()).collect();
        return Err(
            error_at(input.at, from, "`from:` needs a `column:` to list")
                .help(format!("add `column: …`, one of: {}", ids.join(", ")))
                .into(),
        );
    };
    let names = Spanned {
        value: vec![column.clone()],
        referenced: column.referenced,
        defined: column.defined,
    };
    let column = select::columns(input.at, table, Some(&names))?[0];
    let rows = select::rows(input.at, table, raw.rows.as_ref())?;
    let at = raw.column.as_ref().unwrap_or(from);
    let planned: Vec<Planned> = rows
        .into_iter()
        .filter_map(|row| {
            let text = row.cells.get(&column.id)?.trim();
            (!text.is_empty()).then(|| Planned {
                at: place_of(at),
                explicit: Some(item_slug(&row.key)),
                text: text.to_string(),
                optional: false,
            })
        })
        .collect();
    let taken = |p: &Planned| {
        p.explicit
            .as_deref()
            .is_some_and(|id| input.ids.is_claimed(id))
    };
    let prefix = match &raw.id {
        Some(id) if !item_slug(&id.value).is_empty() => Some(item_slug(&id.value)),
        Some(_) => Some(item_slug(&column.id)),
        None if planned.iter().any(taken) => Some(item_slug(&column.id)),
        None => None,
    };
    Ok(match prefix {
        Some(prefix) => planned.into_iter().map(|p| p.prefixed(&prefix)).collect(),
        None => planned,
    })
}

impl Planned {
    /// The item with its id prefixed: `<prefix>-<id>`.
    fn prefixed(mut self, prefix: &str) -> Self {
        self.explicit = self.explicit.map(|id| format!("{prefix}-{id}"));
        self
    }
}
