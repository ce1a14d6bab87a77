//! The course glossary: `content/glossary.yaml`, terms defined once, read and validated here.
//!
//! ```yaml
//! terms:
//!   - term: Delegation
//!     definition: Handing a task *and the authority it needs* to someone else.
//!     also: [delegate, delegating]      # optional: other forms that link to the term
//! ```
//!
//! Lessons link a term with `[[Delegation]]` (or `[[delegating|text shown]]`); the match
//! ignores case and runs of spaces. Every name (term or `also`) belongs to one term only.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::yaml::{self, Fragment};
use crate::error::{did_you_mean, Diagnostic, Diagnostics};

/// The glossary's file, relative to `content/`.
pub const FILE: &str = "glossary.yaml";

/// A validated glossary.
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    /// The terms in the order written.
    pub terms: Vec<Term>,
    /// Each name's term index, by [`fold`]ed name.
    names: HashMap<String, usize>,
}

/// One defined term.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Term {
    pub term: String,
    /// Raw inline Markdown.
    pub definition: String,
    /// The id of its entry on the glossary page.
    pub slug: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGlossary {
    terms: Vec<Spanned<RawTerm>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerm {
    term: String,
    #[serde(default)]
    definition: String,
    #[serde(default)]
    also: Vec<String>,
}

/// A name as it is matched: lowercase, spaces run together.
pub fn fold(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl Glossary {
    /// The term a lesson's `[[name]]` names.
    pub fn find(&self, name: &str) -> Option<&Term> {
        self.names.get(&fold(name)).map(|&i| &self.terms[i])
    }

    /// The defined name closest to `name`, for a "did you mean".
    pub fn closest(&self, name: &str) -> Option<&str> {
        let names: Vec<&str> = self.names.keys().map(String::as_str).collect();
        let folded = did_you_mean(&fold(name), &names)?;
        Some(&self.terms[self.names[folded]].term)
    }
}

/// Parses and validates `content/glossary.yaml` (`file`: its path for messages).
pub fn parse(file: &Path, text: &str) -> Result<Glossary, Diagnostics> {
    if yaml::is_blank(text) {
        return Err(Diagnostic::file(file, "the glossary is empty")
            .help("list the terms under `terms:`, each `- term: …` with `definition: …`")
            .into());
    }
    let at = Fragment::whole(file, text);
    let raw: RawGlossary = yaml::parse(text, at)?;
    let mut problems = Diagnostics::default();
    let mut glossary = Glossary::default();
    for spanned in raw.terms {
        let (line, column) = (
            spanned.referenced.line() as usize,
            spanned.referenced.column() as usize,
        );
        let raw = spanned.value;
        if raw.term.trim().is_empty() {
            problems.push(
                at.diagnostic(line, column, "a glossary entry has an empty `term:`")
                    .help("write the word or phrase the entry defines, e.g. `term: Delegation`"),
            );
            continue;
        }
        if raw.definition.trim().is_empty() {
            problems.push(
                at.diagnostic(
                    line,
                    column,
                    format!("the term `{}` has no definition", raw.term),
                )
                .help("add `definition: …`, one or two sentences a learner can read in a tooltip"),
            );
        }
        let index = glossary.terms.len();
        for name in std::iter::once(&raw.term).chain(&raw.also) {
            if let Some(&other) = glossary.names.get(&fold(name)) {
                let first = &glossary.terms[other].term;
                problems.push(
                    at.diagnostic(line, column, format!("`{name}` is in the glossary twice (also under `{first}`)"))
                        .help("define each term once; list other forms of a word under `also:` of one entry"),
                );
            } else {
                glossary.names.insert(fold(name), index);
            }
        }
        let slug = unique_slug(&glossary.terms, &raw.term);
        glossary.terms.push(Term {
            term: raw.term,
            definition: raw.definition,
            slug,
        });
    }
    problems.into_result(glossary)
}

/// `term-` and the term's GitHub-style slug, numbered when another term has it.
fn unique_slug(terms: &[Term], term: &str) -> String {
    let base = format!("term-{}", crate::render::ids::github_slug(&fold(term)));
    let mut slug = base.clone();
    let mut n = 1;
    while terms.iter().any(|t| t.slug == slug) {
        slug = format!("{base}-{n}");
        n += 1;
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Result<Glossary, String> {
        parse(Path::new("content/glossary.yaml"), text).map_err(|e| e.to_string())
    }

    #[test]
    fn terms_are_found_by_any_name_ignoring_case_and_spaces() {
        let g = parsed(
            "terms:\n  - term: Delegation\n    definition: Handing over.\n    also: [delegating]\n  - term: Sales  funnel\n    definition: Stages.\n",
        )
        .unwrap();
        assert_eq!(g.find("DELEGATING").unwrap().term, "Delegation");
        assert_eq!(g.find("sales funnel").unwrap().slug, "term-sales-funnel");
        assert!(g.find("coaching").is_none());
        assert_eq!(g.closest("delegaton"), Some("Delegation"));
    }

    #[test]
    fn a_name_defined_twice_and_an_empty_definition_are_errors() {
        let err = parsed(
            "terms:\n  - term: Coaching\n    definition: Helping.\n  - term: coaching\n    definition: ''\n",
        )
        .unwrap_err();
        assert!(
            err.contains("the term `coaching` has no definition"),
            "{err}"
        );
        assert!(
            err.contains("`coaching` is in the glossary twice (also under `Coaching`)"),
            "{err}"
        );
        assert!(err.contains("content/glossary.yaml:4:5"), "{err}");
    }
}
