//! The `items` step: fenced directive blocks and GFM task lists, in page order, so that the
//! ids of checklist items, quiz questions and sorts are claimed in the order a reader meets them.

use std::collections::VecDeque;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd};

use super::stream::Stream;
use super::{blocks, Spanned, State};
use crate::load::yaml::Fragment;
use crate::render::checklist;
use crate::render::directives;
use crate::render::ids;

impl<'e, P: Iterator<Item = Spanned<'e>>> Stream<'_, '_, '_, 'e, P> {
    /// Directive blocks and GFM task lists (interactive checklists), in page order so that a
    /// duplicate id is reported where it is used the second time; every other event goes on
    /// through [`blocks::push`].
    pub(super) fn item_step(&mut self, event: Event<'e>, range: Range<usize>) {
        match event {
            Event::Start(Tag::List(_)) => {
                let task = self.starts_with_task();
                self.lists.push(task);
                let event = match task {
                    true => Event::Html(checklist::open(None).into()),
                    false => event,
                };
                self.ready.push_back(event);
            }
            Event::End(TagEnd::List(_)) if self.lists.pop() == Some(true) => {
                self.ready.push_back(Event::Html(checklist::CLOSE.into()))
            }
            Event::Start(Tag::Item) if self.lists.last() == Some(&true) => self.task_label(range),
            Event::End(TagEnd::Item) if self.lists.last() == Some(&true) => {
                self.ready.push_back(Event::Html("</li>\n".into()))
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(ref lang)))
                if directives::is_directive(directive_name(lang)) =>
            {
                let kind = directive_name(lang).to_string();
                let html = self.directive_block(&kind, range);
                self.ready.push_back(Event::Html(html.into()));
            }
            other => blocks::push(&mut self.ready, other),
        }
    }

    /// Whether the list just started has a task marker on its first item (directly or in
    /// its paragraph): the events after its item start.
    fn starts_with_task(&mut self) -> bool {
        for n in 1..3 {
            match self.peek(n) {
                Some(Event::Start(Tag::Paragraph)) => {}
                Some(Event::TaskListMarker(_)) => return true,
                _ => return false,
            }
        }
        false
    }

    /// A fenced directive block (its start event already taken) → its HTML.
    fn directive_block(&mut self, kind: &str, range: Range<usize>) -> String {
        let mut body = String::new();
        while let Some((e, _)) = self.take() {
            match e {
                Event::Text(t) => body.push_str(&t),
                Event::End(TagEnd::CodeBlock) => break,
                _ => {}
            }
        }
        self.state.directive(kind, &body, range)
    }

    /// The checkbox and label of a task item: its text up to the item's end or a nested list.
    fn task_label(&mut self, range: Range<usize>) {
        let mut checked = false;
        let mut label = VecDeque::new();
        loop {
            let keep = match self.peek(0) {
                None | Some(Event::End(TagEnd::Item) | Event::Start(Tag::List(_))) => break,
                Some(Event::TaskListMarker(c)) => {
                    checked = *c;
                    false
                }
                Some(Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph)) => false,
                Some(_) => true,
            };
            if let Some((e, _)) = self.take().filter(|_| keep) {
                blocks::push(&mut label, e);
            }
        }
        let id = self.state.item_id(&mut label, range.start);
        let open = checklist::item_open(&id, checked);
        self.ready.push_back(Event::Html(open.into()));
        self.ready.extend(label);
        self.ready.push_back(Event::Html("</label>".into()));
    }
}

impl State<'_, '_> {
    pub(super) fn directive(&mut self, kind: &str, body: &str, range: Range<usize>) -> String {
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
        let input = directives::Input {
            kind,
            body,
            at,
            tables: self.input.tables,
            unreadable: &self.input.course.unreadable,
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

    /// The item's id: explicit `{#id}` (removed from the text) or a slug of its text.
    pub(super) fn item_id(&mut self, inner: &mut VecDeque<Event>, offset: usize) -> String {
        let mut text = String::new();
        for e in inner.iter() {
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

/// Whether the `items` step (and [`blocks::push`]) passes `event` on unchanged whatever the
/// page state: none of the events it rewrites or counts, nor a heading (see
/// [`super::stream`]).
pub(super) fn passes_through(event: &Event) -> bool {
    !matches!(
        event,
        Event::Start(
            Tag::List(_)
                | Tag::Item
                | Tag::CodeBlock(_)
                | Tag::BlockQuote(_)
                | Tag::Table(_)
                | Tag::Heading { .. }
        ) | Event::End(TagEnd::List(_) | TagEnd::Item | TagEnd::BlockQuote(_) | TagEnd::Table)
    )
}

/// The directive a fenced block's info string names (its first word).
fn directive_name(lang: &str) -> &str {
    lang.split_whitespace().next().unwrap_or("")
}

fn strip_explicit_id(inner: &mut VecDeque<Event>) {
    for e in inner.iter_mut().rev() {
        if let Event::Text(t) = e {
            let (rest, id) = ids::explicit_id(t);
            if id.is_some() {
                *e = Event::Text(CowStr::from(rest.to_string()));
                return;
            }
        }
    }
}
