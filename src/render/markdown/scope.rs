//! Where the page's ids land in its HTML, for handouts ([`PrintEdits`]): the markup the passes
//! wrote (headings, task items, directives) says where its ids are, noted by event; the links to
//! `#…` and the footnotes pulldown-cmark writes have their id at a fixed place in their tag.
//! Nothing is searched for in the HTML, so an author's raw HTML is left as written.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::Spanned;
use crate::render::markup::PrintEdits;

/// The print edits of the events the passes wrote, by event index.
pub(super) type Marks = Vec<(usize, PrintEdits)>;

/// pulldown-cmark's tags whose value (after its last byte here) is an id of the page.
const LINK: &str = "<a href=\"#";
const FOOTNOTE_REFERENCE: &str = "<sup class=\"footnote-reference\"><a href=\"#";
const FOOTNOTE_DEFINITION: &str = "<div class=\"footnote-definition\" id=\"";

/// The events pulldown-cmark writes with an id of the page in them, by event index, and
/// where in the tag it starts: links to `#…` and footnote references and definitions (not
/// inside an image's alt text, where none of them is written).
pub(super) fn pulldown_ids(events: &[Spanned]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut in_image = 0usize;
    for (i, (event, _)) in events.iter().enumerate() {
        let tag = match event {
            Event::Start(Tag::Image { .. }) => {
                in_image += 1;
                continue;
            }
            Event::End(TagEnd::Image) => {
                in_image -= 1;
                continue;
            }
            _ if in_image > 0 => continue,
            Event::Start(Tag::Link { dest_url, .. }) if dest_url.starts_with('#') => LINK,
            Event::FootnoteReference(_) => FOOTNOTE_REFERENCE,
            Event::Start(Tag::FootnoteDefinition(_)) => FOOTNOTE_DEFINITION,
            _ => continue,
        };
        out.push((i, tag.len()));
    }
    out
}

/// The page's print edits, in order, from the passes' `marks` and pulldown-cmark's `ids`
/// (`starts`: where each event's HTML starts in `html`).
pub(super) fn resolve(
    marks: &Marks,
    ids: &[(usize, usize)],
    starts: &[usize],
    html: &str,
) -> PrintEdits {
    let mut edits = PrintEdits::default();
    for (event, print) in marks {
        edits.extend_at(print, starts[*event]);
    }
    for &(event, at) in ids {
        let start = starts[event];
        // a footnote definition starts on a new line: pulldown-cmark writes one first when
        // the HTML before does not end with one
        let newline = usize::from(html.as_bytes().get(start) == Some(&b'\n'));
        edits.scoped.push(start + newline + at);
    }
    edits.sort();
    edits
}
