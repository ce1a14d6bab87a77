//! ```` ```table ```` — embeds a YAML table: `src`, optional `columns` and `rows` subsets.
//!
//! The key column always comes first, as row headers; every cell carries its column label in
//! `data-label` so CSS can reflow rows into labelled cards on narrow screens.

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::select::{self, Names};
use super::Input;
use crate::error::Diagnostics;
use crate::load::table::{Column, Row};
use crate::load::{yaml, Table};
use crate::render::inline::{escape, inline_markdown};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTableBlock {
    src: Spanned<String>,
    #[serde(default)]
    columns: Option<Names>,
    #[serde(default)]
    rows: Option<Names>,
}

pub fn render(input: Input) -> Result<String, Diagnostics> {
    let raw: RawTableBlock = yaml::parse(input.body, input.at)?;
    let table = select::table(input.at, input.tables, input.unreadable, &raw.src)?;
    let columns = select::columns(input.at, table, raw.columns.as_ref());
    let rows = select::rows(input.at, table, raw.rows.as_ref());
    let (columns, rows) = match (columns, rows) {
        (Ok(c), Ok(r)) => (c, r),
        (c, r) => {
            let mut problems = Diagnostics::default();
            problems.extend(c.err().unwrap_or_default());
            problems.extend(r.err().unwrap_or_default());
            return Err(problems);
        }
    };
    // The key column heads each row, whether or not the block lists it.
    let others: Vec<&Column> = columns.into_iter().filter(|c| c.id != table.key).collect();
    Ok(table_html(table, &others, &rows))
}

/// An accessible table of `rows`, headed by the key column, then `columns`.
pub fn table_html(table: &Table, columns: &[&Column], rows: &[&Row]) -> String {
    let mut out = String::from(
        "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"data-table\">\n<caption>",
    );
    out.push_str(&inline_markdown(&table.title));
    if let Some(caption) = &table.caption {
        out.push_str(&format!(
            " <span class=\"table-caption\">{}</span>",
            inline_markdown(caption)
        ));
    }
    out.push_str("</caption>\n<thead><tr>");
    let key_label = table.column(&table.key).map_or("", |c| c.label.as_str());
    out.push_str(&format!("<th scope=\"col\">{}</th>", escape(key_label)));
    for column in columns {
        out.push_str(&format!("<th scope=\"col\">{}</th>", escape(&column.label)));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        out.push_str(&format!(
            "<tr><th scope=\"row\">{}</th>",
            inline_markdown(&row.key)
        ));
        for column in columns {
            let cell = row.cells.get(&column.id).map_or("", |s| s.as_str());
            out.push_str(&format!(
                "<td data-label=\"{}\">{}</td>",
                escape(&column.label),
                inline_markdown(cell)
            ));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table></div>\n");
    out
}
