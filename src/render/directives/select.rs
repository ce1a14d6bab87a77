//! The table a directive names (`src:`/`from:`) and the columns and rows it picks from it.

use std::collections::{BTreeMap, BTreeSet};

use serde_saphyr::Spanned;

use super::error_at;
use crate::error::{did_you_mean, Diagnostic, Diagnostics};
use crate::load::table::{Column, Row};
use crate::load::yaml::Fragment;
use crate::load::Table;

/// A list of names as written in the block, each with its place.
pub type Names = Spanned<Vec<Spanned<String>>>;

/// The table at `src` (relative to `content/`), or an error listing the tables there are.
/// A table whose file failed to load gives no error of its own (an empty `Diagnostics`).
pub fn table<'t>(
    at: Fragment,
    tables: &'t BTreeMap<String, Table>,
    unreadable: &BTreeSet<String>,
    src: &Spanned<String>,
) -> Result<&'t Table, Diagnostics> {
    let path = src.value.trim().trim_start_matches("./");
    if let Some(table) = tables.get(path) {
        return Ok(table);
    }
    if unreadable.contains(path) {
        return Err(Diagnostics::default());
    }
    let known: Vec<&str> = tables.keys().map(String::as_str).collect();
    let help = match did_you_mean(path, &known) {
        Some(s) => format!("did you mean `{s}`? Paths are relative to content/"),
        None if known.is_empty() => {
            "this course has no tables yet: add one as a .yaml file under content/, e.g. content/tables/roles.yaml".to_string()
        }
        None => format!(
            "paths are relative to content/; the tables are: {}",
            known.join(", ")
        ),
    };
    Err(
        error_at(at, src, format!("the table `{path}` does not exist"))
            .help(help)
            .into(),
    )
}

/// The columns `names` picks (in that order), or every column; each unknown id is an error.
pub fn columns<'t>(
    at: Fragment,
    table: &'t Table,
    names: Option<&Names>,
) -> Result<Vec<&'t Column>, Diagnostics> {
    let Some(names) = names else {
        return Ok(table.columns.iter().collect());
    };
    let ids: Vec<&str> = table.columns.iter().map(|c| c.id.as_str()).collect();
    let mut problems = Diagnostics::default();
    let mut picked = Vec::new();
    for name in &names.value {
        match table.column(name.value.trim()) {
            Some(column) => picked.push(column),
            None => problems.push(unknown(at, name, "column", table, &ids)),
        }
    }
    problems.into_result(picked)
}

/// The rows `names` picks (in that order), or every row; each unknown key is an error.
pub fn rows<'t>(
    at: Fragment,
    table: &'t Table,
    names: Option<&Names>,
) -> Result<Vec<&'t Row>, Diagnostics> {
    let Some(names) = names else {
        return Ok(table.rows.iter().collect());
    };
    let keys: Vec<&str> = table.rows.iter().map(|r| r.key.as_str()).collect();
    let mut problems = Diagnostics::default();
    let mut picked = Vec::new();
    for name in &names.value {
        match table.row(name.value.trim()) {
            Some(row) => picked.push(row),
            None => problems.push(unknown(at, name, "row", table, &keys)),
        }
    }
    problems.into_result(picked)
}

fn unknown(
    at: Fragment,
    name: &Spanned<String>,
    what: &str,
    table: &Table,
    known: &[&str],
) -> Diagnostic {
    let word = name.value.trim();
    let list = known.join(", ");
    let help = match did_you_mean(word, known) {
        Some(s) => format!("did you mean `{s}`? The {what}s are: {list}"),
        None => format!("the {what}s are: {list}"),
    };
    error_at(
        at,
        name,
        format!("the table `{}` has no {what} `{word}`", table.path),
    )
    .help(help)
}
