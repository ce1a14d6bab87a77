//! The page's events as one stream from the parser to the HTML writer.
//!
//! Each event is rewritten as it comes out of the parser: its link ([`State::link`]), then,
//! for a heading, the heading's whole markup (`heading`); the `items` step (see [`super::items`])
//! looks a few events ahead of that and hands finished events to the writer.
//!
//! Why a stream: collecting the page's events into a list, rewriting the list and copying it
//! into a second one cost a tenth of the Markdown pass in profiles (pages are many and small);
//! only the few events of a heading, a task item's label or a list's first item are held.

use std::collections::VecDeque;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::items::passes_through;
use super::{heading_tags, Heading, Spanned, State};
use crate::render::ids;
use crate::render::inline::escape_cow;

/// Whether events the `items` step passes on unchanged skip its queues ([`Path::Fast`], what
/// builds use); tests compare it with [`Path::General`].
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Path {
    Fast,
    #[cfg_attr(
        not(test),
        expect(dead_code, reason = "only tests take the general path")
    )]
    General,
}

pub(super) struct Stream<'s, 'i, 'a, 'e, P> {
    path: Path,
    pub(super) state: &'s mut State<'i, 'a>,
    parser: P,
    /// Events rewritten (links, headings) but not yet through the `items` step: lookahead.
    ahead: VecDeque<Spanned<'e>>,
    /// Events through every step, waiting for the writer.
    pub(super) ready: VecDeque<Event<'e>>,
    /// Whether each open list is a task list (rendered as a checklist).
    pub(super) lists: Vec<bool>,
    /// The text of the heading being read (kept for its room).
    text: String,
}

impl<'s, 'i, 'a, 'e, P: Iterator<Item = Spanned<'e>>> Stream<'s, 'i, 'a, 'e, P> {
    pub(super) fn new(state: &'s mut State<'i, 'a>, parser: P, path: Path) -> Self {
        Stream {
            path,
            state,
            parser,
            ahead: VecDeque::with_capacity(32),
            ready: VecDeque::with_capacity(32),
            lists: Vec::new(),
            text: String::new(),
        }
    }

    /// The parser's next event, its link rewritten.
    fn parse(&mut self) -> Option<Spanned<'e>> {
        let (mut event, range) = self.parser.next()?;
        self.state.link(&mut event, range.start);
        Some((event, range))
    }

    /// Moves the parser's next event (a heading: all of it) to the lookahead; false at the end.
    fn fill(&mut self) -> bool {
        match self.parse() {
            Some((event @ Event::Start(Tag::Heading { .. }), range)) => self.heading(event, range),
            Some(spanned) => self.ahead.push_back(spanned),
            None => return false,
        }
        true
    }

    /// The next rewritten event.
    pub(super) fn take(&mut self) -> Option<Spanned<'e>> {
        if self.ahead.is_empty() && !self.fill() {
            return None;
        }
        self.ahead.pop_front()
    }

    /// The `n`-th rewritten event from here, left in place.
    pub(super) fn peek(&mut self, n: usize) -> Option<&Event<'e>> {
        while self.ahead.len() <= n {
            if !self.fill() {
                return None;
            }
        }
        self.ahead.get(n).map(|(event, _)| event)
    }

    /// A heading (its start event read) → `<hN id="…">`, its inline events, and the anchor
    /// link that closes it. The id is a GitHub slug of its text unless it has `{#id}`; h2/h3
    /// go to the table of contents.
    fn heading(&mut self, start: Event<'e>, range: std::ops::Range<usize>) {
        let Event::Start(Tag::Heading { level, id, .. }) = start else {
            return;
        };
        // The opening markup needs the id, known only after the text: keep its place.
        let open = self.ahead.len();
        self.ahead
            .push_back((Event::Html("".into()), range.clone()));
        let mut text = std::mem::take(&mut self.text);
        text.clear();
        while let Some((event, r)) = self.parse() {
            match &event {
                Event::End(TagEnd::Heading(_)) => break,
                Event::Text(t) | Event::Code(t) => text.push_str(t),
                _ => {}
            }
            self.ahead.push_back((event, r));
        }
        let id = match id {
            Some(id) => id.to_string(),
            None => ids::github_slug(&text),
        };
        let id = self.state.heading_ids.unique(id);
        let n = level as u8;
        let (open_tag, close_tag) = heading_tags(n, &escape_cow(&id));
        self.ahead[open].0 = Event::Html(open_tag.into());
        self.ahead.push_back((Event::Html(close_tag.into()), range));
        self.state.out.headings.push(Heading {
            level: n,
            id,
            text: text.clone(),
        });
        self.text = text;
    }
}

impl<'e, P: Iterator<Item = Spanned<'e>>> Iterator for Stream<'_, '_, '_, 'e, P> {
    type Item = Event<'e>;

    fn next(&mut self) -> Option<Event<'e>> {
        loop {
            if let Some(event) = self.ready.pop_front() {
                return Some(event);
            }
            let (event, range) = match self.ahead.pop_front() {
                Some(spanned) => spanned,
                None => {
                    let (event, range) = self.parse()?;
                    // Most events (text, paragraphs, emphasis, links…) leave the `items` step
                    // as they came: hand them to the writer without queueing them.
                    if self.path == Path::Fast && passes_through(&event) {
                        return Some(event);
                    }
                    if let Event::Start(Tag::Heading { .. }) = event {
                        self.heading(event, range);
                        continue;
                    }
                    (event, range)
                }
            };
            self.item_step(event, range);
        }
    }
}
