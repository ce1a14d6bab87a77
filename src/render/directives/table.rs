//! ```` ```table ```` — embeds a YAML table: `src`, optional `columns` and `rows` subsets.
//!
//! The key column always comes first, as row headers; every cell carries its column label in
//! `data-label` so CSS can reflow rows into labelled cards on narrow screens.
//! A block embedding a whole table reuses its HTML, made once per build (`Table::whole_html`).

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::select::{self, Names};
use super::{Input, Rendered};
use crate::error::Diagnostics;
use crate::load::table::{Column, Row};
use crate::load::{yaml, Table};
use crate::render::inline::{escape, inline_markdown};
use crate::render::markup::Markup;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTableBlock {
    src: Spanned<String>,
    #[serde(default)]
    columns: Option<Names>,
    #[serde(default)]
    rows: Option<Names>,
}

pub fn render(input: Input) -> Result<Rendered, Diagnostics> {
    render_html(input).map(|html| Rendered::markup(Markup::plain(html)))
}

/// The table's HTML (it registers no progress item).
fn render_html(input: Input) -> Result<String, Diagnostics> {
    if let Some(table) = whole_table(input.body).and_then(|path| input.tables.get(path)) {
        let html = table.whole_html.get_or_init(|| whole_table_html(table));
        return Ok(html.clone());
    }
    render_parsed(input)
}

/// The general path: the block's YAML parsed, its table, columns and rows looked up.
fn render_parsed(input: Input) -> Result<String, Diagnostics> {
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

/// The table path of a block that is nothing but `src: <path>` naming a `.yaml`/`.yml` file
/// by a plain path: the usual block, embedded in many lessons, read without the YAML parser.
/// Anything else (and a path that names no table, for its error) goes through the parser.
fn whole_table(body: &str) -> Option<&str> {
    let value = body
        .trim_end()
        .strip_prefix("src: ")?
        .trim_start_matches(' ');
    let plain = value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '-' | '_'));
    let yaml_file = value.ends_with(".yaml") || value.ends_with(".yml");
    let first = value.chars().next()?;
    (plain && yaml_file && (first.is_ascii_alphanumeric() || first == '.' || first == '_'))
        .then(|| value.trim_start_matches("./"))
}

/// Every row and column of `table`, as a block with only `src:` renders it.
fn whole_table_html(table: &Table) -> String {
    let others: Vec<&Column> = table.columns.iter().filter(|c| c.id != table.key).collect();
    let rows: Vec<&Row> = table.rows.iter().collect();
    table_html(table, &others, &rows)
}

/// An accessible table of `rows`, headed by the key column, then `columns`.
pub fn table_html(table: &Table, columns: &[&Column], rows: &[&Row]) -> String {
    let mut out = String::with_capacity(256 + 64 * rows.len() * (columns.len() + 1));
    out.push_str(
        "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"data-table\">\n<caption>",
    );
    out.push_str(&inline_markdown(&table.title));
    if let Some(caption) = &table.caption {
        out.push_str(" <span class=\"table-caption\">");
        out.push_str(&inline_markdown(caption));
        out.push_str("</span>");
    }
    out.push_str("</caption>\n<thead><tr>");
    let key_label = table.column(&table.key).map_or("", |c| c.label.as_str());
    let labels: Vec<String> = columns.iter().map(|c| escape(&c.label)).collect();
    for label in std::iter::once(escape(key_label)).chain(labels.iter().cloned()) {
        out.push_str("<th scope=\"col\">");
        out.push_str(&label);
        out.push_str("</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        out.push_str("<tr><th scope=\"row\">");
        out.push_str(&inline_markdown(&row.key));
        out.push_str("</th>");
        for (column, label) in columns.iter().zip(&labels) {
            let cell = row.cells.get(&column.id).map_or("", |s| s.as_str());
            out.push_str("<td data-label=\"");
            out.push_str(label);
            out.push_str("\">");
            out.push_str(&inline_markdown(cell));
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table></div>\n");
    out
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::Path;

    use super::*;
    use crate::render::ids::ItemIds;

    /// The tables of the sample course, by path.
    fn sample_tables() -> BTreeMap<String, Table> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/tables");
        let mut tables = BTreeMap::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let rel = format!("tables/{}", path.file_name().unwrap().to_string_lossy());
            let text = std::fs::read_to_string(&path).unwrap();
            let table = crate::load::table::parse(Path::new(&rel), rel.clone(), &text).unwrap();
            tables.insert(rel, table);
        }
        assert!(tables.len() >= 3);
        tables
    }

    fn run(
        body: &str,
        tables: &BTreeMap<String, Table>,
        way: fn(Input) -> Result<String, Diagnostics>,
    ) -> Result<String, Diagnostics> {
        let file = Path::new("content/m/a.md");
        let unreadable = BTreeSet::new();
        let mut ids = ItemIds::default();
        way(Input {
            kind: "table",
            body,
            at: yaml::Fragment::whole(file, body),
            tables,
            unreadable: &unreadable,
            ids: &mut ids,
            strings: &crate::i18n::parse("en"),
        })
    }

    #[test]
    fn the_src_only_shortcut_renders_what_the_general_path_renders() {
        let tables = sample_tables();
        let mut shortcuts = 0;
        for path in tables.keys() {
            let yml = path.replace(".yaml", ".yml");
            let bodies = [
                format!("src: {path}\n"),
                format!("src: ./{path}\n"),
                format!("src:    {path}  \n\n"),
                format!("src: {yml}\n"),
                format!("src: \"{path}\"\n"),
                format!("src: {path}\ncolumns: []\n"),
                format!("# all of it\nsrc: {path}\n"),
            ];
            for body in &bodies {
                shortcuts += usize::from(whole_table(body).is_some());
                let fast = run(body, &tables, render_html).map_err(|e| e.to_string());
                let general = run(body, &tables, render_parsed).map_err(|e| e.to_string());
                assert_eq!(fast, general, "{body:?}");
            }
        }
        // the plain forms (and the `.yml` name, which names no table) take the shortcut
        assert_eq!(shortcuts, tables.len() * 4);
    }
}
