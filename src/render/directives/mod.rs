//! Directives: fenced code blocks whose language is `table`, `checklist`, `quiz` or `sort`,
//! with a YAML body. Each turns into HTML (see themes/default/MARKUP.md) and may add progress
//! items to the page.

use std::collections::BTreeMap;

use crate::error::Diagnostics;
use crate::load::yaml::Fragment;
use crate::load::Table;

use super::ids::ItemIds;

/// The directive names Lectern knows.
pub const NAMES: [&str; 4] = ["table", "checklist", "quiz", "sort"];

/// True when a fenced block's language is a directive.
pub fn is_directive(lang: &str) -> bool {
    NAMES.contains(&lang)
}

/// Everything a directive needs to render.
pub struct Input<'a> {
    /// `table`, `checklist`, `quiz` or `sort`.
    pub kind: &'a str,
    /// The YAML body of the block.
    pub body: &'a str,
    /// Where the body sits in its file (for error locations).
    pub at: Fragment<'a>,
    /// Every table of the course, by path relative to `content/`.
    pub tables: &'a BTreeMap<String, Table>,
    /// Ids used on this page so far; directives claim theirs and push progress ids.
    pub ids: &'a mut ItemIds,
}

/// Renders one directive to HTML.
pub fn render(input: Input) -> Result<String, Diagnostics> {
    let _ = (input.kind, input.body, input.tables);
    Err(input
        .at
        .diagnostic(
            1,
            1,
            format!("the `{}` directive is not available yet", input.kind),
        )
        .into())
}
