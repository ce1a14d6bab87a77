//! Step 3: the page's events → HTML, noting where each event's HTML starts, so that a pass can
//! tell what part of the page an event range became (a task item's label).

use std::cell::Cell;
use std::fmt;

use pulldown_cmark::{html, Event};

/// Writes `events` as HTML onto `html`; returns where each event's HTML starts and, last,
/// where the HTML ends.
///
/// pulldown-cmark writes each event before it asks for the next (only an image asks for the
/// events of its alt text while writing its tag), so the length of the HTML when an event is
/// asked for is where that event's HTML starts.
pub(super) fn write<'e>(html: &mut String, events: impl Iterator<Item = Event<'e>>) -> Vec<usize> {
    let len = Cell::new(html.len());
    let mut starts = Vec::with_capacity(events.size_hint().0 + 1);
    let writer = Counting { html, len: &len };
    let events = events.inspect(|_| starts.push(len.get()));
    html::write_html_fmt(writer, events).expect("writing to a String does not fail");
    starts.push(len.get());
    starts
}

/// A `String` as a `fmt::Write` that keeps its length where the event iterator can read it.
struct Counting<'h> {
    html: &'h mut String,
    len: &'h Cell<usize>,
}

impl fmt::Write for Counting<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.html.push_str(s);
        self.len.set(self.html.len());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Parser;

    #[test]
    fn each_event_starts_where_its_html_does() {
        let events: Vec<Event> = Parser::new("# Hi\n\nSome *text* ![alt *x*](a.png)\n").collect();
        let mut html = String::new();
        let starts = write(&mut html, events.clone().into_iter());
        let mut plain = String::new();
        html::push_html(&mut plain, events.clone().into_iter());
        assert_eq!(html, plain);
        assert_eq!(starts.len(), events.len() + 1);
        assert_eq!(starts.last(), Some(&html.len()));
        let emphasis = events
            .iter()
            .position(|e| matches!(e, Event::Start(pulldown_cmark::Tag::Emphasis)))
            .unwrap();
        assert!(html[starts[emphasis]..].starts_with("<em>text</em>"));
        assert_eq!(&html[starts[emphasis + 1]..starts[emphasis + 2]], "text");
    }
}
