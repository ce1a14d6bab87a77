//! The glossary page, `glossary.html`: every term of `content/glossary.yaml` in alphabetical
//! order with its definition, each entry's id the one `[[term]]` links point at.

use serde::Serialize;

use super::inline::inline_markdown;
use super::pages::Nav;
use super::templates::Templates;
use crate::error::Diagnostic;
use crate::model::Course;
use crate::site::Sink;

/// One entry as the `glossary.html` template reads it.
#[derive(Serialize)]
struct Entry<'a> {
    term: &'a str,
    slug: &'a str,
    /// The definition's HTML.
    html: String,
}

/// Renders the glossary page when the course has a glossary; returns how many pages (0 or 1).
pub fn render(
    course: &Course,
    nav: &Nav,
    templates: &Templates,
    sink: &dyn Sink,
) -> Result<usize, Diagnostic> {
    let Some(glossary) = &course.glossary else {
        return Ok(0);
    };
    let mut entries: Vec<Entry> = (glossary.terms.iter())
        .map(|t| Entry {
            term: &t.term,
            slug: &t.slug,
            html: inline_markdown(&t.definition),
        })
        .collect();
    entries.sort_by_cached_key(|e| e.term.to_lowercase());
    let fill = |ctx: &mut tera::Context| ctx.insert("terms", &entries);
    super::render_root_page(
        course,
        (nav, templates),
        ("glossary", "glossary"),
        fill,
        sink,
    )?;
    Ok(1)
}
