//! The `terms` pass: `[[term]]` and `[[term|text shown]]` (pulldown-cmark's wikilinks) become
//! links to the term's entry on the glossary page, each with its definition in a tooltip that
//! shows on hover and keyboard focus and that screen readers read as the link's description.
//! A name the glossary does not define (or a course without `content/glossary.yaml`) is an
//! error at the link.

use pulldown_cmark::{Event, LinkType, Tag, TagEnd};

use super::{Spanned, State};
use crate::load::glossary::{self, Term};
use crate::model::links::relative_url;
use crate::render::inline::{escape_cow, inline_markdown};
use crate::render::markup::Markup;

/// The glossary page's output path.
pub const PAGE: &str = "glossary.html";

impl<'a> State<'_, 'a> {
    /// Rewrites every wikilink's start and end into the term's markup, in place.
    pub(super) fn terms(&mut self, events: &mut [Spanned]) {
        let mut uses = 0;
        let mut i = 0;
        while i < events.len() {
            let Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { .. },
                dest_url,
                ..
            }) = &events[i].0
            else {
                i += 1;
                continue;
            };
            let name = dest_url.to_string();
            let offset = events[i].1.start;
            let Some(end) =
                (i + 1..events.len()).find(|&j| matches!(events[j].0, Event::End(TagEnd::Link)))
            else {
                break;
            };
            let (open, close) = match self.term(&name, offset) {
                Some(term) => {
                    uses += 1;
                    self.term_markup(term, uses)
                }
                // reported: the text stays, without a link
                None => (Markup::default(), Markup::default()),
            };
            events[i].0 = Event::Html(open.html.into());
            self.marks.push((i, open.print));
            events[end].0 = Event::Html(close.html.into());
            self.marks.push((end, close.print));
            i = end + 1;
        }
    }

    /// The term `name` names, or `None` after reporting why there is none.
    fn term(&mut self, name: &str, offset: usize) -> Option<&'a Term> {
        let course = self.input.course;
        if course.unreadable.contains(glossary::FILE) {
            return None; // its own problems are reported
        }
        let Some(glossary) = &course.glossary else {
            let d = self
                .diagnostic(offset, format!("`[[{name}]]` links to the glossary, but the course has no content/glossary.yaml"))
                .help(format!("create content/glossary.yaml with `terms:` and an entry `- term: {name}` with its `definition:`, or write an ordinary link `[text](lesson.md)`"));
            self.out.problems.push(d);
            return None;
        };
        let found = glossary.find(name);
        if found.is_none() {
            let help = match glossary.closest(name) {
                Some(close) => format!("did you mean `[[{close}]]`? Terms are defined in content/glossary.yaml"),
                None => format!("add `- term: {name}` with its `definition:` to content/glossary.yaml, or list this form under `also:` of its term"),
            };
            let d = self
                .diagnostic(offset, format!("`{name}` is not in the glossary"))
                .help(help);
            self.out.problems.push(d);
        }
        found
    }

    /// The link's opening markup and, after its text, its closing markup and the tooltip.
    fn term_markup(&self, term: &Term, n: usize) -> (Markup, Markup) {
        let href = relative_url(self.input.out, PAGE);
        let tip = format!("tip-{}-{n}", term.slug.trim_start_matches("term-"));
        let mut open = Markup::default();
        open.push("<span class=\"term-wrap\"><a class=\"term\" href=\"");
        open.push(&escape_cow(&href));
        open.push("#");
        open.push(&escape_cow(&term.slug));
        open.push("\" aria-describedby=\"");
        open.id(&escape_cow(&tip));
        open.push("\">");
        let mut close = Markup::default();
        close.push("</a><span class=\"term-tip\" role=\"tooltip\" id=\"");
        close.id(&escape_cow(&tip));
        close.push("\">");
        close.push(&inline_markdown(&term.definition));
        close.push("</span></span>");
        (open, close)
    }
}
