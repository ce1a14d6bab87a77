//! Markdown → HTML for one page.
//!
//! 1. pulldown-cmark parses the body into events with byte ranges (for error locations).
//! 2. Named passes rewrite the event list, each owning one feature:
//!    `headings` (GitHub ids, anchor links, table of contents), `links` (`.md` and asset links
//!    to output URLs), `items` (fenced `table`/`checklist`/`quiz`/`sort` directives and task
//!    lists to interactive checklists, together so ids are claimed in page order), `alerts`
//!    (`> [!TIP]` callouts), `tables` (GFM tables wrapped for narrow screens).
//! 3. The events are serialised to HTML.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{
    html, BlockQuoteKind, CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd,
};

use super::checklist;
use super::directives;
use super::ids::{self, HeadingIds, ItemIds};
use super::inline::escape;
use crate::error::{Diagnostic, Diagnostics};
use crate::load::yaml::Fragment;
use crate::load::Table;
use crate::model::links::{relative_url, LinkMap, Target};
use crate::model::Course;

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
    /// Progress ids on the page: checklist items, `quiz:…`, `sort:…`.
    pub items: Vec<String>,
    pub anchors: Vec<AnchorLink>,
    pub problems: Diagnostics,
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
        | Options::ENABLE_GFM;
    let events: Vec<Spanned> = Parser::new_ext(body, options).into_offset_iter().collect();
    let mut state = State {
        input,
        out: RenderedMarkdown::default(),
        item_ids: ItemIds::default(),
    };
    let events = state.headings(events);
    let events = state.links(events);
    let events = state.items(events);
    let events = alerts(events);
    let events = tables(events);
    let mut html_out = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut html_out, events.into_iter().map(|(e, _)| e));
    state.out.html = html_out;
    state.out.items = std::mem::take(&mut state.item_ids.progress);
    state.out
}

struct State<'i, 'a> {
    input: &'i PageInput<'a>,
    out: RenderedMarkdown,
    item_ids: ItemIds,
}

impl State<'_, '_> {
    fn diagnostic(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::at_offset(
            self.input.file,
            self.input.text,
            self.input.body_start + offset,
            message,
        )
    }

    fn line_of(&self, offset: usize) -> usize {
        crate::error::line_col(self.input.text, self.input.body_start + offset).0
    }

    /// A fenced directive block (its start event already taken) → its HTML.
    fn directive_block<'e, I: Iterator<Item = Spanned<'e>>>(
        &mut self,
        kind: &str,
        iter: &mut I,
        range: Range<usize>,
    ) -> Spanned<'e> {
        let mut body = String::new();
        for (e, _) in iter.by_ref() {
            match e {
                Event::Text(t) => body.push_str(&t),
                Event::End(TagEnd::CodeBlock) => break,
                _ => {}
            }
        }
        let html = self.directive(kind, &body, range.clone());
        (Event::Html(html.into()), range)
    }

    fn directive(&mut self, kind: &str, body: &str, range: Range<usize>) -> String {
        let fence_line = self.line_of(range.start);
        let fence = self.input.text.lines().nth(fence_line - 1).unwrap_or("");
        let indent = fence.len() - fence.trim_start().len();
        let at = Fragment {
            file: self.input.file,
            file_text: self.input.text,
            first_line: fence_line + 1,
            indent,
        };
        let input = directives::Input {
            kind,
            body,
            at,
            tables: self.input.tables,
            ids: &mut self.item_ids,
        };
        match directives::render(input) {
            Ok(html) => html,
            Err(problems) => {
                self.out.problems.extend(problems);
                String::new()
            }
        }
    }

    /// Headings get GitHub ids and anchor links; h2/h3 are collected for the table of contents.
    fn headings<'e>(&mut self, events: Vec<Spanned<'e>>) -> Vec<Spanned<'e>> {
        let mut ids = HeadingIds::default();
        let mut out = Vec::with_capacity(events.len());
        let mut iter = events.into_iter();
        while let Some((event, range)) = iter.next() {
            let Event::Start(Tag::Heading { level, id, .. }) = event else {
                out.push((event, range));
                continue;
            };
            let mut inner = Vec::new();
            let mut text = String::new();
            for (e, r) in iter.by_ref() {
                match &e {
                    Event::End(TagEnd::Heading(_)) => break,
                    Event::Text(t) | Event::Code(t) => text.push_str(t),
                    _ => {}
                }
                inner.push((e, r));
            }
            let id = ids.unique(
                id.map(|s| s.to_string())
                    .unwrap_or_else(|| ids::github_slug(&text)),
            );
            let n = level as u8;
            self.out.headings.push(Heading {
                level: n,
                id: id.clone(),
                text: text.clone(),
            });
            let id = escape(&id);
            out.push((
                Event::Html(format!("<h{n} id=\"{id}\">").into()),
                range.clone(),
            ));
            out.extend(inner);
            out.push((Event::Html(format!("<a class=\"anchor\" href=\"#{id}\" aria-label=\"Link to this section\">#</a></h{n}>\n").into()), range));
        }
        out
    }

    /// Relative links and images → output URLs; missing targets are errors.
    fn links<'e>(&mut self, mut events: Vec<Spanned<'e>>) -> Vec<Spanned<'e>> {
        for (event, range) in events.iter_mut() {
            let (dest, image) = match event {
                Event::Start(Tag::Link { dest_url, .. }) => (dest_url, false),
                Event::Start(Tag::Image { dest_url, .. }) => (dest_url, true),
                _ => continue,
            };
            if let Some(url) = self.rewrite(dest, image, range.start) {
                *dest = CowStr::from(url);
            }
        }
        events
    }

    fn rewrite(&mut self, dest: &str, image: bool, offset: usize) -> Option<String> {
        if is_external(dest) {
            return None;
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
        let (out_path, page) = match target {
            Target::Page(i) => (self.input.course.pages[*i].out.clone(), Some(*i)),
            Target::Asset(out) => (out.clone(), None),
        };
        let mut url = relative_url(self.input.out, &out_path);
        if let Some(f) = fragment {
            if let Some(page) = page {
                self.check_anchor(page, f, offset);
            }
            url.push('#');
            url.push_str(f);
        }
        Some(url)
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

    /// Directive blocks and GFM task lists (interactive checklists), in page order so that a
    /// duplicate id is reported where it is used the second time.
    fn items<'e>(&mut self, events: Vec<Spanned<'e>>) -> Vec<Spanned<'e>> {
        let mut task_lists: std::collections::VecDeque<bool> = (0..events.len())
            .filter(|&i| matches!(events[i].0, Event::Start(Tag::List(_))))
            .map(|i| starts_with_task(&events[i + 1..]))
            .collect();
        let mut out = Vec::with_capacity(events.len());
        let mut lists: Vec<bool> = Vec::new();
        let mut iter = events.into_iter().peekable();
        while let Some((event, range)) = iter.next() {
            match event {
                Event::Start(Tag::List(_)) if task_lists.pop_front() == Some(true) => {
                    lists.push(true);
                    out.push((Event::Html(checklist::open(None).into()), range));
                }
                Event::Start(Tag::List(_)) => {
                    lists.push(false);
                    out.push((event, range));
                }
                Event::End(TagEnd::List(_)) if lists.pop() == Some(true) => {
                    out.push((Event::Html(checklist::CLOSE.into()), range))
                }
                Event::Start(Tag::Item) if lists.last() == Some(&true) => {
                    self.task_label(&mut iter, &mut out, range)
                }
                Event::End(TagEnd::Item) if lists.last() == Some(&true) => {
                    out.push((Event::Html("</li>\n".into()), range))
                }
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(ref lang)))
                    if directives::is_directive(directive_name(lang)) =>
                {
                    let kind = directive_name(lang).to_string();
                    out.push(self.directive_block(&kind, &mut iter, range));
                }
                other => out.push((other, range)),
            }
        }
        out
    }

    /// The checkbox and label of a task item: its text up to the item's end or a nested list.
    fn task_label<'e, I: Iterator<Item = Spanned<'e>>>(
        &mut self,
        iter: &mut std::iter::Peekable<I>,
        out: &mut Vec<Spanned<'e>>,
        range: Range<usize>,
    ) {
        let mut checked = false;
        let mut inner: Vec<Spanned<'e>> = Vec::new();
        while let Some((e, _)) = iter.peek() {
            match e {
                Event::End(TagEnd::Item) | Event::Start(Tag::List(_)) => break,
                Event::TaskListMarker(c) => checked = *c,
                Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => {}
                _ => {
                    inner.extend(iter.next());
                    continue;
                }
            }
            iter.next();
        }
        let id = self.item_id(&mut inner, range.start);
        out.push((
            Event::Html(checklist::item_open(&id, checked).into()),
            range.clone(),
        ));
        out.extend(inner);
        out.push((Event::Html("</label>".into()), range));
    }

    /// The item's id: explicit `{#id}` (removed from the text) or a slug of its text.
    fn item_id(&mut self, inner: &mut [Spanned], offset: usize) -> String {
        let mut text = String::new();
        for (e, _) in inner.iter() {
            if let Event::Text(t) | Event::Code(t) = e {
                text.push_str(t);
            }
        }
        let explicit = ids::explicit_id(&text).1.map(str::to_string);
        if explicit.is_some() {
            strip_explicit_id(inner);
        }
        let id = explicit.unwrap_or_else(|| ids::item_slug(&text));
        let line = self.line_of(offset);
        if let Err(first) = self.item_ids.claim(&id, line) {
            let d = self.diagnostic(offset, format!("the checklist item id `{id}` is already used on line {first} of this page"))
                .help("give one of the items its own id by ending it with `{#another-id}`, or reword it");
            self.out.problems.push(d);
        } else {
            self.item_ids.progress.push(id.clone());
        }
        id
    }
}

/// The directive a fenced block's info string names (its first word).
fn directive_name(lang: &str) -> &str {
    lang.split_whitespace().next().unwrap_or("")
}

/// Whether a list's first item starts with a task marker (directly or in its paragraph).
fn starts_with_task(rest: &[Spanned]) -> bool {
    rest.iter()
        .skip(1)
        .take(2)
        .find(|(e, _)| !matches!(e, Event::Start(Tag::Paragraph)))
        .is_some_and(|(e, _)| matches!(e, Event::TaskListMarker(_)))
}

fn strip_explicit_id(inner: &mut [Spanned]) {
    for (e, _) in inner.iter_mut().rev() {
        if let Event::Text(t) = e {
            let (rest, id) = ids::explicit_id(t);
            if id.is_some() {
                *e = Event::Text(CowStr::from(rest.to_string()));
                return;
            }
        }
    }
}

fn is_external(dest: &str) -> bool {
    dest.starts_with("//")
        || dest.contains("://")
        || dest.starts_with("mailto:")
        || dest.starts_with("tel:")
        || dest.starts_with("data:")
}

/// `> [!TIP]` blockquotes → callouts.
fn alerts(events: Vec<Spanned>) -> Vec<Spanned> {
    events
        .into_iter()
        .map(|(event, range)| match event {
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, title) = alert_name(kind);
                (Event::Html(format!("<div class=\"callout callout-{class}\" role=\"note\"><p class=\"callout-title\">{title}</p>\n").into()), range)
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => (Event::Html("</div>\n".into()), range),
            other => (other, range),
        })
        .collect()
}

fn alert_name(kind: BlockQuoteKind) -> (&'static str, &'static str) {
    match kind {
        BlockQuoteKind::Note => ("note", "Note"),
        BlockQuoteKind::Tip => ("tip", "Tip"),
        BlockQuoteKind::Important => ("important", "Important"),
        BlockQuoteKind::Warning => ("warning", "Warning"),
        BlockQuoteKind::Caution => ("caution", "Caution"),
    }
}

/// GFM tables get a wrapper that scrolls on narrow screens.
fn tables(events: Vec<Spanned>) -> Vec<Spanned> {
    let mut out = Vec::with_capacity(events.len());
    for (event, range) in events {
        match event {
            Event::Start(Tag::Table(_)) => {
                out.push((
                    Event::Html("<div class=\"table-wrap\" tabindex=\"0\">".into()),
                    range.clone(),
                ));
                out.push((event, range));
            }
            Event::End(TagEnd::Table) => {
                out.push((event, range.clone()));
                out.push((Event::Html("</div>\n".into()), range));
            }
            other => out.push((other, range)),
        }
    }
    out
}
