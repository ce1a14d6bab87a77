//! A page's HTML as a handout prints it: its ids (and the same-page references to them)
//! prefixed so that many pages can share one document, and every box the source ticked
//! empty. The page's renderer said where those are ([`PrintEdits`]); nothing else in the page
//! is changed, so HTML an author wrote stays as written. One pass, written straight into the
//! handout.

use crate::render::markup::{PrintEdits, CHECKED};

/// Appends `html` to `out` with the prefix `prefix` at each of `edits.scoped` and each
/// ` checked` of `edits.ticked` left out.
pub fn push_print_html(out: &mut String, html: &str, edits: &PrintEdits, prefix: &str) {
    out.reserve(html.len() + edits.scoped.len() * prefix.len());
    let mut done = 0;
    let (mut scoped, mut ticked) = (
        edits.scoped.iter().peekable(),
        edits.ticked.iter().peekable(),
    );
    loop {
        // the next edit in the page, whichever list it is in (a prefix goes at a value's
        // start and a ` checked` is outside any value: they never share a place)
        let next_scoped = scoped.peek().copied().copied().unwrap_or(usize::MAX);
        let next_ticked = ticked.peek().copied().copied().unwrap_or(usize::MAX);
        if next_scoped == usize::MAX && next_ticked == usize::MAX {
            break;
        }
        if next_scoped < next_ticked {
            out.push_str(&html[done..next_scoped]);
            out.push_str(prefix);
            done = next_scoped;
            scoped.next();
        } else {
            out.push_str(&html[done..next_ticked]);
            done = next_ticked + CHECKED.len();
            ticked.next();
        }
    }
    out.push_str(&html[done..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::markup::Markup;

    #[test]
    fn ids_and_references_get_the_prefix_and_boxes_are_emptied() {
        let mut page = Markup::plain("<h2 id=\"".into());
        page.id("goal");
        page.push("\">Goal<a href=\"#");
        page.id("goal");
        page.push("\">#</a></h2><a href=\"other.html#goal\">x</a>");
        page.fill(
            "<label for=\"{#}\"><input id=\"{#}\" type=\"checkbox\"",
            "c1",
        );
        page.checked();
        page.push("> Done</label><p aria-describedby=\"n\" id=\"raw\">x<input checked> y</p>");
        let mut out = String::from("before|");
        push_print_html(&mut out, &page.html, &page.print, "h7-");
        let expected = concat!(
            r##"before|<h2 id="h7-goal">Goal<a href="#h7-goal">#</a></h2><a href="other.html#goal">x</a>"##,
            r#"<label for="h7-c1"><input id="h7-c1" type="checkbox"> Done</label>"#,
            r#"<p aria-describedby="n" id="raw">x<input checked> y</p>"#,
        );
        assert_eq!(out, expected);
        let mut out = String::from("before|");
        push_print_html(&mut out, "", &PrintEdits::default(), "h7-");
        assert_eq!(out, "before|");
    }
}
