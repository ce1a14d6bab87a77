//! The `items` pass: fenced directive blocks and GFM task lists, in page order, so that the
//! ids of checklist items, quiz questions and sorts are claimed in the order a reader meets them
//! and the page's tracked items ([`TrackedItem`]) are registered in that order. A task item's
//! label is its label's HTML, known once the page is written ([`State::label_task_items`]).

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd};

use super::{blocks, Spanned, State};
use crate::load::yaml::Fragment;
use crate::render::checklist;
use crate::render::directives;
use crate::render::ids;
use crate::render::markup::{Markup, PrintEdits};
use crate::render::tracked::{ItemKind, TrackedItem};

/// The text of a fenced code block whose start event is taken, up to and with its end event.
pub(super) fn code_block_body<'e, I: Iterator<Item = Spanned<'e>>>(iter: &mut I) -> String {
    let mut body = String::new();
    for (e, _) in iter.by_ref() {
        match e {
            Event::Text(t) => body.push_str(&t),
            Event::End(TagEnd::CodeBlock) => break,
            _ => {}
        }
    }
    body
}

impl State<'_, '_> {
    /// A fenced directive block (its start event already taken) → its HTML, and where its ids
    /// are in it.
    fn directive_block<'e, I: Iterator<Item = Spanned<'e>>>(
        &mut self,
        kind: &str,
        iter: &mut I,
        range: Range<usize>,
    ) -> (Spanned<'e>, PrintEdits) {
        let body = code_block_body(iter);
        let markup = self.directive(kind, &body, range.clone());
        ((Event::Html(markup.html.into()), range), markup.print)
    }

    fn directive(&mut self, kind: &str, body: &str, range: Range<usize>) -> Markup {
        let fence_line = self.line_of(range.start);
        let fence = self
            .lines
            .text_at(self.input.body_start + range.start)
            .unwrap_or("");
        let indent = fence.len() - fence.trim_start().len();
        let at = Fragment {
            file: self.input.file,
            file_text: self.input.text,
            first_line: fence_line + 1,
            indent,
        };
        let config = &self.input.course.config;
        let strings = crate::i18n::cached(&config.language, &config.strings);
        let input = directives::Input {
            kind,
            body,
            at,
            tables: self.input.tables,
            unreadable: &self.input.course.unreadable,
            ids: &mut self.item_ids,
            strings: &strings,
        };
        match directives::render(input) {
            Ok(rendered) => {
                self.out.items.extend(rendered.items);
                rendered.markup
            }
            Err(problems) => {
                self.out.problems.extend(problems);
                Markup::default()
            }
        }
    }

    /// A code block whose language looks like a misspelt directive: an error at the name,
    /// and the block is shown as code.
    fn misspelt_directive(&mut self, name: &str, offset: usize) {
        let Some(directive) = directives::misspelt(name) else {
            return;
        };
        let start = self.input.body_start + offset;
        let at = self.input.text[start..].find(name).unwrap_or(0);
        let message = format!("unknown directive `{name}`: did you mean `{directive}`?");
        let help = format!("write ```{directive} to use the directive, or another language to show the block as code");
        let d = self.diagnostic(offset + at, message);
        self.out.problems.push(d.help(help));
    }

    /// Directive blocks and GFM task lists (interactive checklists), in page order so that a
    /// duplicate id is reported where it is used the second time.
    /// Moves `events` (left empty) into `out`.
    pub(super) fn items<'e>(&mut self, events: &mut Vec<Spanned<'e>>, out: &mut Vec<Spanned<'e>>) {
        let mut task_lists: std::collections::VecDeque<bool> = (0..events.len())
            .filter(|&i| matches!(events[i].0, Event::Start(Tag::List(_))))
            .map(|i| starts_with_task(&events[i + 1..]))
            .collect();
        // Room for a few table wrappers, the only events this adds.
        out.reserve(events.len() + 8);
        let mut lists: Vec<bool> = Vec::new();
        let mut iter = events.drain(..).peekable();
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
                    self.task_label(&mut iter, out, range)
                }
                Event::End(TagEnd::Item) if lists.last() == Some(&true) => {
                    out.push((Event::Html("</li>\n".into()), range))
                }
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(ref lang)))
                    if directive_name(lang) == directives::FACILITATOR =>
                {
                    self.facilitator_block(&mut iter, range)
                }
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(ref lang)))
                    if directives::is_directive(directive_name(lang)) =>
                {
                    let kind = directive_name(lang).to_string();
                    let (event, print) = self.directive_block(&kind, &mut iter, range);
                    self.marks.push((out.len(), print));
                    out.push(event);
                }
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(ref lang)))
                    if directives::misspelt(directive_name(lang)).is_some() =>
                {
                    self.misspelt_directive(directive_name(lang), range.start);
                    blocks::push(out, event, range)
                }
                other => blocks::push(out, other, range),
            }
        }
    }

    /// The checkbox and label of a task item: its first paragraph, up to the item's end or its
    /// first block. A label holds only inline content, so what follows in the item (a nested
    /// list, another paragraph, a directive such as a ```` ```table ````) comes after it and is
    /// rendered as anywhere else.
    fn task_label<'e, I: Iterator<Item = Spanned<'e>>>(
        &mut self,
        iter: &mut std::iter::Peekable<I>,
        out: &mut Vec<Spanned<'e>>,
        range: Range<usize>,
    ) {
        let mut checked = false;
        // The opening markup needs the id, known only after the label's text: keep its
        // place and fill it in afterwards.
        let open = out.len();
        out.push((Event::Html(CowStr::Borrowed("")), range.clone()));
        while let Some((e, _)) = iter.peek() {
            match e {
                Event::End(TagEnd::Item) | Event::Rule => break,
                Event::Start(tag) if ends_label(tag) => break,
                Event::TaskListMarker(c) => checked = *c,
                Event::Start(Tag::Paragraph) => {}
                Event::End(TagEnd::Paragraph) => {
                    iter.next();
                    break;
                }
                _ => {
                    if let Some((e, r)) = iter.next() {
                        blocks::push(out, e, r);
                    }
                    continue;
                }
            }
            iter.next();
        }
        let (id, tracked) = self.item_id(&mut out[open + 1..], range.start);
        let markup = checklist::item_open(&id, checked, false);
        out[open].0 = Event::Html(markup.html.into());
        self.marks.push((open, markup.print));
        if let Some(item) = tracked {
            self.task_labels.push((item, open + 1..out.len()));
        }
        out.push((Event::Html("</label>".into()), range));
    }

    /// Sets the label of each task item from the HTML its label's events became (`starts`:
    /// where each event of the page starts in `html`).
    pub(super) fn label_task_items(&mut self, html: &str, starts: &[usize]) {
        for (item, events) in self.task_labels.drain(..) {
            let label = &html[starts[events.start]..starts[events.end]];
            self.out.items[item].set_label(label);
        }
    }

    /// The item's id: explicit `{#id}` (removed from the text) or a slug of its text, unless
    /// `lectern.lock` gives another; and, unless the page already uses the id, the item
    /// registered (its label still empty), as its place in the page's items.
    fn item_id(&mut self, inner: &mut [Spanned], offset: usize) -> (String, Option<usize>) {
        let mut text = String::new();
        for (e, _) in inner.iter() {
            if let Event::Text(t) | Event::Code(t) = e {
                text.push_str(t);
            }
        }
        let (written, explicit) = ids::explicit_id(&text);
        let explicit = explicit.map(str::to_string);
        if explicit.is_some() {
            strip_explicit_id(inner);
        }
        let line = self.line_of(offset);
        let derive = || ids::item_slug(&text);
        let id = self
            .item_ids
            .resolve(ItemKind::Item, written, explicit, derive, line);
        if let Err(first) = self.item_ids.claim(&id, line) {
            let d = self.diagnostic(offset, format!("the checklist item id `{id}` is already used on line {first} of this page"))
                .help("give one of the items its own id by ending it with `{#another-id}`, or reword it");
            self.out.problems.push(d);
            return (id, None);
        }
        let item = TrackedItem {
            kind: ItemKind::Item,
            id: id.clone(),
            label: String::new(),
            optional: false,
        };
        self.out.items.push(item);
        (id, Some(self.out.items.len() - 1))
    }
}

/// Whether a block starting inside a task item ends the item's label: any block but the
/// paragraph the label is.
fn ends_label(tag: &Tag) -> bool {
    !matches!(
        tag,
        Tag::Paragraph
            | Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
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
