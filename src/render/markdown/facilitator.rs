//! Facilitator notes: a fenced ```` ```facilitator ```` block holds Markdown for whoever runs
//! the course as a team workshop (timings, discussion questions, what to watch for). The
//! lesson page shows nothing of it; the notes of every lesson are collected into the
//! facilitator's guide (`facilitator.html`, see `render::facilitator`).

use std::ops::Range;

use pulldown_cmark::{html, Options, Parser};

use super::{Spanned, State};

impl State<'_, '_> {
    /// Takes a facilitator block's body (its start event already taken) into the page's notes.
    pub(super) fn facilitator_block<'e, I: Iterator<Item = Spanned<'e>>>(
        &mut self,
        iter: &mut I,
        range: Range<usize>,
    ) {
        let body = super::items::code_block_body(iter);
        if body.trim().is_empty() {
            let d = self
                .diagnostic(range.start, "this facilitator note is empty")
                .help("write what a workshop facilitator needs under the fence, in Markdown: timings, questions to ask, what to watch for");
            self.out.problems.push(d);
            return;
        }
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_SMART_PUNCTUATION;
        let mut note = String::with_capacity(body.len() * 2);
        html::push_html(&mut note, Parser::new_ext(&body, options));
        self.out.facilitator.push(note);
    }
}
