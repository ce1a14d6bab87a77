//! The facilitator's guide, `facilitator.html`: every lesson's facilitator notes (see
//! `markdown::facilitator`) in reading order, each under its lesson's title, module and
//! duration, for whoever runs the course as a team workshop. Learners' pages never show the
//! notes and link nowhere to the guide.

use std::sync::Arc;

use serde::Serialize;

use super::markdown::RenderedMarkdown;
use super::pages::Nav;
use super::templates::Templates;
use crate::error::Diagnostic;
use crate::model::Course;
use crate::site::Sink;

/// One page's notes as the `facilitator.html` template reads them.
#[derive(Serialize)]
struct Section<'a> {
    title: &'a str,
    url: &'a str,
    module: Option<&'a str>,
    duration: Option<String>,
    notes: &'a [String],
}

/// Renders the guide when some page has facilitator notes; returns how many pages (0 or 1).
pub fn render(
    course: &Course,
    nav: &Nav,
    templates: &Templates,
    markdown: &[Arc<RenderedMarkdown>],
    sink: &dyn Sink,
) -> Result<usize, Diagnostic> {
    let reading = std::iter::once(0).chain(nav.order.iter().copied());
    let sections: Vec<Section> = reading
        .filter(|&i| !markdown[i].facilitator.is_empty())
        .map(|i| {
            let page = &course.pages[i];
            let module = page
                .module
                .map(|m| course.pages[course.modules[m].page].title.as_str());
            Section {
                title: &page.title,
                url: &page.out,
                module: module.filter(|_| i != 0 && !course.modules.iter().any(|m| m.page == i)),
                duration: course.duration_text(page.minutes),
                notes: &markdown[i].facilitator,
            }
        })
        .collect();
    if sections.is_empty() {
        return Ok(0);
    }
    let fill = |ctx: &mut tera::Context| ctx.insert("sections", &sections);
    let (id, title) = ("facilitator", "facilitator_title");
    super::render_root_page(course, (nav, templates), (id, title), fill, sink)?;
    Ok(1)
}
