//! Markdown → HTML for one page.
//!
//! 1. pulldown-cmark parses the body into events with byte ranges (for error locations).
//! 2. Named passes rewrite the event list, each owning one feature:
//!    `links` (`.md` and asset links to output URLs), `items` (fenced
//!    `table`/`checklist`/`quiz`/`sort` directives and task lists to interactive checklists,
//!    together so ids are claimed in page order), and, as `items` copies the other events on,
//!    `blocks` (`> [!TIP]` callouts, GFM tables wrapped for narrow screens), then `terms`
//!    (`[[term]]` glossary links with their tooltips, [`terms`]), then `headings`
//!    (GitHub ids, anchor links, table of contents). `links` and `headings` rewrite the list in
//!    place; only `items` builds a new one (pages are many and small: copying event lists showed in profiles). Both
//!    lists reuse the allocations of the thread's previous page ([`buffers`]).
//! 3. The events are serialised to HTML ([`serialise`]), noting where each event's HTML
//!    starts, from which the task items' labels are set and the page's ids are placed for
//!    handouts ([`scope`]): the passes write every id through [`Markup`], which notes it.
//!
//! The page's tracked items (with their labels) come from the passes and the directives that
//! wrote them ([`RenderedMarkdown::items`]), never from searching the HTML.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

use super::ids::{self, HeadingIds, IdClaim, ItemIds};
use super::inline::escape_cow;
use super::markup::{Markup, PrintEdits};
use super::tracked::TrackedItem;
use crate::error::{Diagnostic, Diagnostics};
use crate::load::Table;
use crate::model::links::{self, percent_decode, relative_url, LinkMap, Target};
use crate::model::Course;

mod blocks;
mod buffers;
pub mod facilitator;
mod items;
mod lines;
mod scope;
mod serialise;
pub mod terms;

type Spanned<'a> = (Event<'a>, Range<usize>);

/// A heading of the page, for the table of contents and anchor checks.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A link to a heading on another (or this) page, checked once every page is rendered.
#[derive(Debug, Clone)]
pub struct AnchorLink {
    pub page: usize,
    pub fragment: String,
    pub at: Diagnostic,
}

/// The result of rendering one page's Markdown.
#[derive(Debug, Default)]
pub struct RenderedMarkdown {
    pub html: String,
    pub headings: Vec<Heading>,
    /// What the page tracks (checklist items, quiz questions, sorts), in page order.
    pub items: Vec<TrackedItem>,
    /// Every tracked item's id as written or derived, with its text: what `lectern.lock` is
    /// matched against.
    pub claims: Vec<IdClaim>,
    /// Where a handout scopes the page's ids and empties its ticked boxes.
    pub print: PrintEdits,
    pub anchors: Vec<AnchorLink>,
    pub problems: Diagnostics,
    /// The HTML of each facilitator note, in page order (not part of `html`).
    pub facilitator: Vec<String>,
    /// Words of `html` (see [`super::html_text::count_words`]).
    pub words: u32,
}

/// What the Markdown renderer needs to know about the page and the course.
pub struct PageInput<'a> {
    /// File relative to the course folder (for messages).
    pub file: &'a Path,
    /// Source path relative to `content/` (for resolving relative links).
    pub rel: &'a Path,
    /// Whole file text and where the body starts in it.
    pub text: &'a str,
    pub body_start: usize,
    /// The page's own output path.
    pub out: &'a str,
    pub page_index: usize,
    pub links: &'a LinkMap,
    pub course: &'a Course,
    pub tables: &'a BTreeMap<String, Table>,
    /// The ids `lectern.lock` gives the page's tracked items, by claim number, when they
    /// differ from the written or derived ones ([`ItemIds::planned`]).
    pub plan: Option<Vec<String>>,
}

/// Renders a page's Markdown body.
pub fn render(input: &PageInput) -> RenderedMarkdown {
    let body = &input.text[input.body_start..];
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
        | Options::ENABLE_WIKILINKS;
    let (mut events, mut out) = buffers::take();
    // Sized for typical prose (about one event per 20 bytes) so collecting rarely regrows.
    events.reserve(body.len() / 16 + 16);
    events.extend(Parser::new_ext(body, options).into_offset_iter());
    let mut state = State {
        input,
        lines: lines::Lines::new(input.text),
        out: RenderedMarkdown::default(),
        item_ids: ItemIds::planned(input.plan.clone()),
        task_labels: Vec::new(),
        marks: Vec::new(),
    };
    state.links(&mut events);
    state.items(&mut events, &mut out);
    state.terms(&mut out);
    // after `items`, so that the heading events' places are those they are written from
    state.headings(&mut out);
    let ids = scope::pulldown_ids(&out);
    // HTML is usually under twice the Markdown; the page keeps it, so it is trimmed after.
    let mut html_out = String::with_capacity(body.len() * 2 + 1024);
    let starts = serialise::write(&mut html_out, out.drain(..).map(|(e, _)| e));
    buffers::put_back(events, out);
    html_out.shrink_to_fit();
    state.label_task_items(&html_out, &starts);
    state.out.print = scope::resolve(&state.marks, &ids, &starts, &html_out);
    state.out.html = html_out;
    state.out.claims = state.item_ids.into_claims();
    state.out.words = super::html_text::count_words(&state.out.html);
    state.out
}

struct State<'i, 'a> {
    input: &'i PageInput<'a>,
    lines: lines::Lines<'a>,
    out: RenderedMarkdown,
    item_ids: ItemIds,
    /// Each task item's place in `out.items` and the events of its label, until the page is
    /// written and the labels can be read.
    task_labels: Vec<(usize, Range<usize>)>,
    /// Where the ids are in the events the passes wrote, until the page is written.
    marks: scope::Marks,
}

impl State<'_, '_> {
    fn diagnostic(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        self.lines
            .diagnostic(self.input.file, self.input.body_start + offset, message)
    }

    fn line_of(&self, offset: usize) -> usize {
        self.lines.line(self.input.body_start + offset)
    }

    /// Headings get GitHub ids and anchor links; h2/h3 are collected for the table of contents.
    /// Each heading's start and end events become its opening and closing markup in place.
    fn headings(&mut self, events: &mut Vec<Spanned>) {
        let mut ids = HeadingIds::default();
        let mut text = String::new();
        let mut i = 0;
        while i < events.len() {
            let Event::Start(Tag::Heading { level, id, .. }) = &mut events[i].0 else {
                i += 1;
                continue;
            };
            let (level, id) = (*level, id.take());
            text.clear();
            let mut end = i + 1;
            while end < events.len() {
                match &events[end].0 {
                    Event::End(TagEnd::Heading(_)) => break,
                    Event::Text(t) | Event::Code(t) => text.push_str(t),
                    _ => {}
                }
                end += 1;
            }
            let id = ids.unique(
                id.map(|s| s.to_string())
                    .unwrap_or_else(|| ids::github_slug(&text)),
            );
            let n = level as u8;
            let (open_tag, close_tag) = heading_tags(n, &escape_cow(&id));
            let range = events[i].1.clone();
            events[i].0 = Event::Html(open_tag.html.into());
            self.marks.push((i, open_tag.print));
            self.marks.push((end, close_tag.print));
            let close = (Event::Html(close_tag.html.into()), range);
            match events.get_mut(end) {
                Some(slot) => *slot = close,
                None => events.push(close),
            }
            self.out.headings.push(Heading {
                level: n,
                id,
                text: text.clone(),
            });
            i = end + 1;
        }
    }

    /// Relative links and images → output URLs; missing targets are errors.
    fn links(&mut self, events: &mut [Spanned]) {
        for (event, range) in events.iter_mut() {
            let (dest, image) = match event {
                // glossary terms: the `terms` pass
                Event::Start(Tag::Link {
                    link_type: LinkType::WikiLink { .. },
                    ..
                }) => continue,
                Event::Start(Tag::Link { dest_url, .. }) => (dest_url, false),
                Event::Start(Tag::Image { dest_url, .. }) => (dest_url, true),
                _ => continue,
            };
            if let Some(url) = self.rewrite(dest, image, range.start) {
                *dest = CowStr::from(url);
            }
        }
    }

    fn rewrite(&mut self, dest: &str, image: bool, offset: usize) -> Option<String> {
        if is_external(dest) {
            return None;
        }
        if let Some(file) = dest.strip_prefix("/static/") {
            return self.static_file(file, offset);
        }
        if dest.starts_with('/') {
            let d = self
                .diagnostic(offset, format!("the link `{dest}` starts with `/`"))
                .help("write it relative to this file (e.g. `../02-module/01-lesson.md`): links from the site root break when the course is opened from disk or published under a subfolder");
            self.out.problems.push(d);
            return None;
        }
        let (path, fragment) = dest
            .split_once('#')
            .map_or((dest, None), |(p, f)| (p, Some(f)));
        let path = path.split('?').next().unwrap_or("");
        if path.is_empty() {
            let fragment = fragment.unwrap_or("");
            self.check_anchor(self.input.page_index, fragment, offset);
            return None;
        }
        let Some(target) = self.input.links.resolve(self.input.rel, path) else {
            let d = if image {
                self.diagnostic(offset, format!("the image `{path}` does not exist"))
                    .help("put the image file in content/ (e.g. next to this lesson) and check its name; image paths are relative to this file")
            } else {
                self.diagnostic(offset, format!("the link target `{path}` does not exist"))
                    .help("check the file name and folder; links are relative to this file, e.g. `../02-module/01-lesson.md`")
            };
            self.out.problems.push(d);
            return None;
        };
        let course = self.input.course;
        let (out_path, page) = match target {
            Target::Page(i) => (course.pages[*i].out.as_str(), Some(*i)),
            Target::Asset(out) => (out.as_str(), None),
            Target::Unreadable => return None,
            Target::Draft => {
                let d = self.diagnostic(
                    offset,
                    format!(
                        "the lesson `{path}` is a draft (`draft: true`), left out of this build"
                    ),
                );
                let help = "build with `--drafts` to include drafts (`lectern build --drafts`, `lectern serve --drafts`), or link to it once it is no longer a draft";
                self.out.problems.push(d.help(help));
                return None;
            }
        };
        let mut url = relative_url(self.input.out, out_path);
        if let Some(f) = fragment {
            if let Some(page) = page {
                self.check_anchor(page, f, offset);
            }
            url.push('#');
            url.push_str(f);
        }
        Some(url)
    }

    /// A link or image to `/static/<file>`: the relative URL of the copied file, or an error
    /// (with the closest file's name) when static/ has no such file.
    fn static_file(&mut self, dest: &str, offset: usize) -> Option<String> {
        let end = dest.find(['#', '?']).unwrap_or(dest.len());
        let (file, rest) = dest.split_at(end);
        let file = percent_decode(file);
        let files = &self.input.course.static_files;
        if files.iter().any(|f| links::slashes(f) == file) {
            return Some(relative_url(self.input.out, &file) + rest);
        }
        let names: Vec<String> = files.iter().map(|f| links::slashes(f)).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let d = self.diagnostic(offset, format!("the file `static/{file}` does not exist"));
        let help = match crate::error::did_you_mean(&file, &names) {
            Some(near) => format!("did you mean `/static/{near}`?"),
            None => "put the file in the course's static/ folder: `/static/…` links point there from any page".to_string(),
        };
        self.out.problems.push(d.help(help));
        None
    }

    fn check_anchor(&mut self, page: usize, fragment: &str, offset: usize) {
        if fragment.is_empty() {
            return;
        }
        let at = self.diagnostic(offset, format!("the heading `#{fragment}` does not exist"));
        self.out.anchors.push(AnchorLink {
            page,
            fragment: fragment.to_string(),
            at,
        });
    }
}

/// `<hN id="…">` and the anchor link that closes the heading, for an escaped id. The link is
/// for pointers only (copying a section's address): out of the Tab order and hidden from
/// screen readers, which have the heading itself and the table of contents.
fn heading_tags(level: u8, id: &str) -> (Markup, Markup) {
    let digit = char::from(b'0' + level);
    let mut open = Markup::plain(String::with_capacity(id.len() + 12));
    open.push("<h");
    open.html.push(digit);
    open.push(" id=\"");
    open.id(id);
    open.push("\">");
    let mut close = Markup::plain(String::with_capacity(id.len() + 80));
    close.push("<a class=\"anchor\" href=\"#");
    close.id(id);
    close.push("\" aria-hidden=\"true\" tabindex=\"-1\">#</a></h");
    close.html.push(digit);
    close.push(">\n");
    (open, close)
}

fn is_external(dest: &str) -> bool {
    dest.starts_with("//")
        || dest.contains("://")
        || dest.starts_with("mailto:")
        || dest.starts_with("tel:")
        || dest.starts_with("data:")
}
