//! Directives: fenced code blocks whose language is `table`, `checklist`, `quiz`, `sort`,
//! `scenario` or `reflection`,
//! with a YAML body. Each turns into HTML (see themes/default/MARKUP.md) and returns, beside
//! it, the progress items it registers ([`Rendered`]).
//!
//! One module per directive, listed once in [`DIRECTIVES`]: adding a directive is its own
//! file, its `mod` line and its entry there (and its CSS/JS in the theme). `select` resolves the
//! table, columns and rows a block names.
//! Every problem points at its line of the lesson: YAML values are read with their place
//! (`Spanned`) and shifted by the block's [`Fragment`].

mod checklist;
mod quiz;
mod quiz_arrange;
mod quiz_rules;
mod reflection;
mod scenario;
mod select;
mod sort;
mod table;
mod text_or;

use std::collections::BTreeMap;

use serde_saphyr::Spanned;

use crate::error::{Diagnostic, Diagnostics};
use crate::load::yaml::Fragment;
use crate::load::Table;

use super::ids::ItemIds;
use super::markup::Markup;
use super::tracked::TrackedItem;

/// A directive: the language that opens its block, what the block needs at least (for the
/// error when it is empty), and how it renders.
pub struct Directive {
    pub name: &'static str,
    needs: &'static str,
    render: fn(Input) -> Result<Rendered, Diagnostics>,
}

/// Every directive Lectern knows.
pub const DIRECTIVES: [Directive; 6] = [
    Directive {
        name: "table",
        needs: "`src: tables/….yaml`",
        render: table::render,
    },
    Directive {
        name: "checklist",
        needs: "`items:` or `from:` and `column:`",
        render: checklist::render,
    },
    Directive {
        name: "quiz",
        needs: "`questions:`",
        render: quiz::render,
    },
    Directive {
        name: "sort",
        needs: "`src: tables/….yaml` and `columns: […]`",
        render: sort::render,
    },
    Directive {
        name: "scenario",
        needs: "`title:`, `steps:` and `endings:`",
        render: scenario::render,
    },
    Directive {
        name: "reflection",
        needs: "`prompt:` or `template:`",
        render: reflection::render,
    },
];

/// The directive a fenced block's language names, if any.
fn directive(lang: &str) -> Option<&'static Directive> {
    DIRECTIVES.iter().find(|d| d.name == lang)
}

/// The language of a facilitator note's block: Markdown for the facilitator's guide rather
/// than a directive's YAML (see `markdown::facilitator`).
pub const FACILITATOR: &str = "facilitator";

/// True when a fenced block's language is a directive.
pub fn is_directive(lang: &str) -> bool {
    directive(lang).is_some()
}

/// The directive a code block's language is most likely a misspelling of (`tabel`, `quizz`,
/// `checklst`), so that it is reported instead of silently shown as code. Only names one edit
/// away (two for names of six letters or more, a swap of two letters counting as one) are
/// taken for typos: `rust`, `sql`, `dot` or `yaml` stay code.
pub fn misspelt(lang: &str) -> Option<&'static str> {
    if lang.is_empty() || is_directive(lang) {
        return None;
    }
    let lang = lang.to_lowercase();
    let names = DIRECTIVES.iter().map(|d| d.name);
    names
        .chain([FACILITATOR])
        .map(|name| (strsim::damerau_levenshtein(&lang, name), name))
        .filter(|&(distance, name)| distance <= if name.len() >= 6 { 2 } else { 1 })
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, name)| name)
}

/// Everything a directive needs to render.
pub struct Input<'a> {
    /// `table`, `checklist`, `quiz`, `sort`, `scenario` or `reflection`.
    pub kind: &'a str,
    /// The YAML body of the block.
    pub body: &'a str,
    /// Where the body sits in its file (for error locations).
    pub at: Fragment<'a>,
    /// Every table of the course, by path relative to `content/`.
    pub tables: &'a BTreeMap<String, Table>,
    /// Table files that failed to load: a block naming one renders nothing and reports
    /// nothing more (the table's own problem is already reported).
    pub unreadable: &'a std::collections::BTreeSet<String>,
    /// Ids used on this page so far; directives claim theirs.
    pub ids: &'a mut ItemIds,
    /// The interface text, for the directives' buttons.
    pub strings: &'a crate::i18n::Strings,
}

/// A rendered directive: its markup (every id in it written through [`Markup::id`], so a
/// handout can scope them) and the progress items it registers, in page order.
#[derive(Debug, Default)]
pub struct Rendered {
    pub markup: Markup,
    pub items: Vec<TrackedItem>,
}

impl Rendered {
    /// Markup that registers no progress item.
    pub(super) fn markup(markup: Markup) -> Self {
        Rendered {
            markup,
            items: Vec::new(),
        }
    }
}

/// Renders one directive to HTML and the items it registers.
pub fn render(input: Input) -> Result<Rendered, Diagnostics> {
    let Some(directive) = directive(input.kind) else {
        let names: Vec<&str> = DIRECTIVES.iter().map(|d| d.name).collect();
        return Err(input
            .at
            .diagnostic(1, 1, format!("`{}` is not a directive", input.kind))
            .help(format!("directives are: {}", names.join(", ")))
            .into());
    };
    if crate::load::yaml::is_blank(input.body) {
        let at = input.at;
        // Point at the opening fence: the body has no line of its own.
        let fence = at.first_line.saturating_sub(1);
        let message = format!("the `{}` block is empty", input.kind);
        let help = format!(
            "write its settings between the fences, at least {}",
            directive.needs
        );
        return Err(
            Diagnostic::at(at.file, at.file_text, fence, at.indent + 1, message)
                .help(help)
                .into(),
        );
    }
    (directive.render)(input)
}

/// Line and column (1-based) of a YAML value inside the block's body.
fn place<T>(value: &Spanned<T>) -> (usize, usize) {
    let at = &value.referenced;
    (at.line().max(1) as usize, at.column().max(1) as usize)
}

/// Where a YAML value was written, without the value (to point at values of several types).
fn place_of<T>(value: &Spanned<T>) -> Spanned<()> {
    Spanned {
        value: (),
        referenced: value.referenced,
        defined: value.defined,
    }
}

/// The line of the file a YAML value of the block is on.
fn line_at<T>(at: Fragment, value: &Spanned<T>) -> usize {
    at.first_line + place(value).0 - 1
}

/// A diagnostic at a YAML value of the block.
fn error_at<T>(at: Fragment, value: &Spanned<T>, message: impl Into<String>) -> Diagnostic {
    let (line, column) = place(value);
    at.diagnostic(line, column, message)
}

/// What kind of thing claims an id, for the duplicate-id message.
struct Claim<'s> {
    /// `checklist item`, `question`, `quiz`, `sort`.
    what: &'s str,
    /// The key in [`ItemIds`] (`item`, `quiz:q`, …).
    key: String,
    /// How to fix a duplicate.
    help: &'s str,
}

/// Claims an id for the page at a YAML value; a duplicate names the line that used it first.
fn claim<T>(
    ids: &mut ItemIds,
    at: Fragment,
    value: &Spanned<T>,
    id: &str,
    claim: Claim,
) -> Result<(), Diagnostic> {
    ids.claim(&claim.key, line_at(at, value)).map_err(|first| {
        error_at(
            at,
            value,
            format!(
                "the {} id `{id}` is already used on line {first} of this page",
                claim.what
            ),
        )
        .help(claim.help)
    })
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::Path;

    use super::*;
    use crate::render::tracked::ItemKind;

    fn render_one(kind: &str, body: &str) -> Rendered {
        let file = Path::new("content/m/a.md");
        let (tables, unreadable) = (BTreeMap::new(), BTreeSet::new());
        let mut ids = ItemIds::default();
        render(Input {
            kind,
            body,
            at: Fragment::whole(file, body),
            tables: &tables,
            unreadable: &unreadable,
            ids: &mut ids,
            strings: &crate::i18n::parse("en"),
        })
        .unwrap_or_else(|e| panic!("{e}"))
    }

    /// The values the markup's ids start at, as noted.
    fn scoped(markup: &Markup) -> Vec<&str> {
        let html = &markup.html;
        let value = |&at: &usize| &html[at..at + html[at..].find('"').unwrap()];
        markup.print.scoped.iter().map(value).collect()
    }

    #[test]
    fn a_checklist_registers_its_items_with_their_labels() {
        let out = render_one(
            "checklist",
            "items:\n  - Pick *someone* {#pick}\n  - Agree\n",
        );
        let items: Vec<(ItemKind, &str, &str)> = (out.items.iter())
            .map(|i| (i.kind, i.id.as_str(), i.label.as_str()))
            .collect();
        assert_eq!(
            items,
            [
                (ItemKind::Item, "pick", "Pick someone"),
                (ItemKind::Item, "agree", "Agree")
            ]
        );
        let ids = ["check-pick", "check-pick", "check-agree", "check-agree"];
        assert_eq!(scoped(&out.markup), ids);
        assert!(out.markup.print.ticked.is_empty());
    }

    #[test]
    fn only_names_close_to_a_directive_are_misspellings() {
        let typos = [
            "tabel", "tables", "Table", "checklst", "cheklist", "quizz", "srot",
        ];
        let found: Vec<_> = typos.iter().map(|t| misspelt(t)).collect();
        let want = [
            "table",
            "table",
            "table",
            "checklist",
            "checklist",
            "quiz",
            "sort",
        ];
        assert_eq!(found, want.map(Some));
        let code = [
            "rust", "python", "js", "ts", "sql", "dot", "yaml", "toml", "sh", "text",
        ];
        for lang in code.into_iter().chain(["table", ""]) {
            assert_eq!(misspelt(lang), None, "{lang}");
        }
    }

    #[test]
    fn a_quiz_registers_each_question() {
        let body = "questions:\n  - question: Who *coaches*?\n    id: who\n    options:\n      - text: A\n        correct: true\n      - text: B\n";
        let out = render_one("quiz", body);
        assert_eq!(out.items.len(), 1);
        assert_eq!(out.items[0].progress_id(), "quiz:who");
        assert_eq!(out.items[0].label, "Question: Who coaches?");
        assert_eq!(scoped(&out.markup), ["who-0", "who-0", "who-1", "who-1"]);
    }

    #[test]
    fn a_scenario_registers_itself_and_scopes_its_anchors() {
        let body = "title: Day *27*\nsteps:\n  - id: a\n    situation: S\n    choices:\n      - text: X\n        next: a\n      - text: Y\n        next: end\nendings:\n  - id: end\n    rating: okay\n    debrief: D\n";
        let out = render_one("scenario", body);
        assert_eq!(out.items.len(), 1);
        assert_eq!(out.items[0].progress_id(), "scenario:day-27");
        assert_eq!(out.items[0].label, "Scenario: Day 27");
        let ids = [
            "day-27-title",
            "day-27-title",
            "day-27-step-1",
            "day-27-step-1",
            "day-27-end-1",
            "day-27-end-1",
        ];
        assert_eq!(scoped(&out.markup), ids);
        assert!(out
            .markup
            .html
            .contains("href=\"#day-27-end-1\">Ending: Ending 1</a>"));
    }
}
