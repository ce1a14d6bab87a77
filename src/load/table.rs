//! YAML tables: any `.yaml` under `content/`, read and validated once.
//!
//! A table has a `title`, optional `caption`, a `key` (the field that heads each row),
//! `columns` (id and label) and `rows`. Every row field must be a declared column (or
//! `explain:`, what a sort made from the table shows after checking), every row needs its
//! key, keys are unique and cells are text. Problems point at the row's own line.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use super::yaml::{self, Fragment};
use crate::error::{did_you_mean, Diagnostic, Diagnostics};

/// A validated table, as lessons embed it and templates read it.
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    /// Path relative to `content/`, with `/` separators: how lessons and templates name it.
    pub path: String,
    pub title: String,
    pub caption: Option<String>,
    /// Id of the column that heads each row.
    pub key: String,
    /// The key column first, then the others in declared order.
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// The HTML of a block embedding the whole table, made by the first page that embeds it
    /// (most lessons of a course embed the same few tables whole).
    #[serde(skip)]
    pub whole_html: std::sync::OnceLock<String>,
}

/// One column of a table.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Column {
    pub id: String,
    pub label: String,
}

/// One row: its key and its cells by column id (raw inline Markdown).
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub key: String,
    pub cells: BTreeMap<String, String>,
    /// Why the row's cells belong where they do (raw inline Markdown), from its `explain:`
    /// field when the table has no column of that name: a sort shows it after checking.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<String>,
}

/// The row field that is a row's explanation unless a column has its name.
pub const EXPLAIN: &str = "explain";

impl Table {
    /// The column with this id.
    pub fn column(&self, id: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.id == id)
    }

    /// The row with this key.
    pub fn row(&self, key: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.key == key)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    title: String,
    #[serde(default)]
    caption: Option<String>,
    key: Spanned<String>,
    columns: Vec<Spanned<RawColumn>>,
    rows: Spanned<Vec<RawRow>>,
}

/// A row as written: field → cell, each with its place in the file.
type RawRow = Spanned<BTreeMap<String, Spanned<String>>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawColumn {
    id: String,
    #[serde(default)]
    label: Option<String>,
}

/// Parses and validates one table file; `path` is relative to `content/`.
pub fn parse(file: &Path, path: String, text: &str) -> Result<Table, Diagnostics> {
    if yaml::is_blank(text) {
        return Err(Diagnostic::file(file, "the table file is empty")
            .help("a table needs `title:`, `key:`, `columns:` (each `{ id: …, label: … }`) and `rows:`")
            .into());
    }
    let at = Fragment::whole(file, text);
    let raw: RawTable = yaml::parse(text, at).map_err(|d| missing_top_key(file, d))?;
    let mut problems = Diagnostics::default();
    let columns = columns(&raw, at, &mut problems);
    let rows = rows(&raw, &columns, at, &mut problems);
    let table = Table {
        path,
        title: raw.title,
        caption: raw.caption,
        key: raw.key.value,
        columns,
        rows,
        whole_html: std::sync::OnceLock::new(),
    };
    problems.into_result(table)
}

/// A missing `title`, `key`, `columns` or `rows` is the whole file's problem: saphyr points
/// at the last key it read, which would only confuse.
fn missing_top_key(file: &Path, d: Diagnostic) -> Diagnostic {
    for key in ["title", "key", "columns", "rows"] {
        if d.message == format!("the required key `{key}` is missing") {
            return Diagnostic::file(file, format!("this table has no `{key}:`"))
                .help("a table needs `title:`, `key:` (the column that heads each row), `columns:` and `rows:`");
        }
    }
    d
}

fn columns(raw: &RawTable, at: Fragment, problems: &mut Diagnostics) -> Vec<Column> {
    let key = &raw.key.value;
    let mut columns = Vec::new();
    let mut seen = HashSet::new();
    for col in &raw.columns {
        let place = &col.referenced;
        let (line, column) = (place.line() as usize, place.column() as usize);
        let id = col.value.id.clone();
        if !seen.insert(id.clone()) {
            problems.push(
                at.diagnostic(line, column, format!("the column `{id}` is declared twice"))
                    .help("give each column its own id"),
            );
        }
        match &col.value.label {
            Some(label) if !label.trim().is_empty() => columns.push(Column {
                id,
                label: label.clone(),
            }),
            _ => {
                problems.push(
                    at.diagnostic(line, column, format!("the column `{id}` has no label"))
                        .help(format!(
                            "add `label: …` to the column, e.g. `{{ id: {id}, label: What {id} do }}`"
                        )),
                );
                // Still a column, so that its cells are not reported as unknown too.
                let label = capitalise(&id);
                columns.push(Column { id, label });
            }
        }
    }
    if !seen.contains(key) {
        columns.insert(
            0,
            Column {
                id: key.clone(),
                label: capitalise(key),
            },
        );
    } else if let Some(i) = columns.iter().position(|c| &c.id == key) {
        let key_column = columns.remove(i);
        columns.insert(0, key_column);
    }
    columns
}

fn rows(raw: &RawTable, columns: &[Column], at: Fragment, problems: &mut Diagnostics) -> Vec<Row> {
    let key = &raw.key.value;
    if raw.rows.value.is_empty() {
        let place = &raw.rows.referenced;
        let line = (place.line() as usize).max(1);
        problems.push(
            at.diagnostic(line, 1, "the table has no rows")
                .help("add a `rows:` list with one `- key: …` entry per row"),
        );
    }
    let ids: Vec<&str> = columns.iter().map(|c| c.id.as_str()).collect();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut rows = Vec::new();
    for row in &raw.rows.value {
        let (line, column) = (
            row.referenced.line() as usize,
            row.referenced.column() as usize,
        );
        for (field, cell) in &row.value {
            if !ids.contains(&field.as_str()) && field != EXPLAIN {
                let hint = match did_you_mean(field, &ids) {
                    Some(s) => format!("did you mean `{s}`? Columns are: {}", ids.join(", ")),
                    None => format!(
                        "declare it under `columns:` or use one of: {}",
                        ids.join(", ")
                    ),
                };
                let (l, c) = (
                    cell.referenced.line() as usize,
                    cell.referenced.column() as usize,
                );
                let c = c.saturating_sub(field.chars().count() + 2).max(1);
                problems.push(
                    at.diagnostic(
                        l,
                        c,
                        format!("the row field `{field}` is not a column of this table"),
                    )
                    .help(hint),
                );
            }
        }
        let Some(row_key) = row.value.get(key) else {
            problems.push(
                at.diagnostic(
                    line,
                    column,
                    format!("this row has no `{key}`, the table's key field"),
                )
                .help(format!(
                    "add `{key}: …` to the row; every row is headed by its `{key}`"
                )),
            );
            continue;
        };
        let key_text = row_key.value.trim().to_string();
        if let Some(first) = seen.insert(key_text.clone(), line) {
            problems.push(
                at.diagnostic(
                    line,
                    column,
                    format!("the row key `{key_text}` is used twice (first on line {first})"),
                )
                .help("each row needs its own key: rename or merge one of the rows"),
            );
        }
        let cells = row
            .value
            .iter()
            .filter(|(k, _)| ids.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.value.clone()))
            .collect();
        let explain = (!ids.contains(&EXPLAIN))
            .then(|| row.value.get(EXPLAIN))
            .flatten()
            .map(|v| v.value.trim().to_string())
            .filter(|t| !t.is_empty());
        rows.push(Row {
            key: key_text,
            cells,
            explain,
        });
    }
    rows
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c
            .to_uppercase()
            .chain(chars)
            .collect::<String>()
            .replace(['_', '-'], " "),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "title: T\nkey: task\ncolumns:\n  - { id: task, label: Task }\n";

    fn table(columns: &str, rows: &str) -> Table {
        let text = format!("{HEAD}{columns}rows:\n{rows}");
        parse(Path::new("t.yaml"), "t.yaml".into(), &text).unwrap_or_else(|e| panic!("{e:?}"))
    }

    #[test]
    fn explain_is_the_rows_explanation_not_a_cell() {
        let t = table(
            "  - { id: who, label: Who }\n",
            "  - task: Close\n    who: Seller\n    explain: \" Sellers close. \"\n  - task: Plan\n    who: Manager\n",
        );
        assert_eq!(t.rows[0].explain.as_deref(), Some("Sellers close."));
        assert_eq!(t.rows[0].cells.keys().collect::<Vec<_>>(), ["task", "who"]);
        assert_eq!(t.rows[1].explain, None);
    }

    #[test]
    fn a_column_named_explain_stays_a_column() {
        let t = table(
            "  - { id: explain, label: Why }\n",
            "  - task: Close\n    explain: Sellers close.\n",
        );
        assert_eq!(t.rows[0].explain, None);
        assert_eq!(t.rows[0].cells["explain"], "Sellers close.");
    }
}
