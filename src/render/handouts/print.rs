//! A page's HTML as a handout prints it: its ids (and the same-page references to them)
//! prefixed so that many pages can share one document, and every checkbox empty, whatever the
//! source pre-ticked. One pass over the page, written straight into the handout.

use std::sync::LazyLock;

use memchr::memmem::Finder;

/// Attributes whose value names an id on the same page.
const ID_ATTRIBUTES: [&str; 6] = [
    " id",
    " for",
    " href",
    " aria-labelledby",
    " aria-describedby",
    " aria-controls",
];

/// What a ticked box carries; the handout drops it (` checked>` becomes `>`).
const CHECKED: &str = " checked>";

/// Appends `html` to `out` with every id and same-page reference prefixed with `prefix` and
/// every ` checked>` made `>`.
///
/// At each `="`, looks back for one of [`ID_ATTRIBUTES`] (`href` only when the value starts
/// with `#`, after which the prefix goes). Neither kind of change can make or break the other
/// (a prefix goes right after `="` or `="#`, which ` checked>` cannot contain), so both are
/// found in the page as it is, in order, and everything between copied at once.
pub fn push_print_html(out: &mut String, html: &str, prefix: &str) {
    static FINDERS: LazyLock<[Finder<'static>; 2]> =
        LazyLock::new(|| [Finder::new("=\""), Finder::new(CHECKED)]);
    let [value, checked] = &*FINDERS;
    let bytes = html.as_bytes();
    out.reserve(html.len() + html.len() / 16);
    let mut done = 0;
    // the next match of each, usize::MAX when there is none
    let find =
        |finder: &Finder, from: usize| finder.find(&bytes[from..]).map_or(usize::MAX, |n| from + n);
    let (mut next_value, mut next_checked) = (find(value, 0), find(checked, 0));
    while next_value != next_checked {
        if next_value < next_checked {
            let at = next_value;
            if let Some(insert) = id_value_at(html, at) {
                out.push_str(&html[done..insert]);
                out.push_str(prefix);
                done = insert;
            }
            next_value = find(value, at + 2);
        } else {
            out.push_str(&html[done..next_checked]);
            done = next_checked + CHECKED.len() - 1;
            next_checked = find(checked, done);
        }
    }
    out.push_str(&html[done..]);
}

/// Where the prefix goes for the attribute value whose `="` is at `at`, when the attribute
/// names an id on the page.
fn id_value_at(html: &str, at: usize) -> Option<usize> {
    let before = &html[..at];
    let attr = ID_ATTRIBUTES.iter().find(|a| before.ends_with(*a))?;
    let value = at + 2;
    if *attr != " href" {
        return Some(value);
    }
    html[value..].starts_with('#').then_some(value + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rules one at a time: prefix the ids, then untick the boxes of the result.
    fn step_by_step(html: &str, prefix: &str) -> String {
        let mut out = String::new();
        let mut done = 0;
        let mut from = 0;
        while let Some(found) = html[from..].find("=\"") {
            let at = from + found;
            from = at + 2;
            if let Some(insert) = id_value_at(html, at) {
                out.push_str(&html[done..insert]);
                out.push_str(prefix);
                done = insert;
            }
        }
        out.push_str(&html[done..]);
        out.replace(CHECKED, ">")
    }

    fn print(html: &str) -> String {
        let mut out = String::from("before|");
        push_print_html(&mut out, html, "h7-");
        out
    }

    #[test]
    fn ids_and_references_get_the_prefix_and_boxes_are_emptied() {
        let html = concat!(
            r##"<h2 id="goal">Goal<a href="#goal">#</a></h2><a href="other.html#goal">x</a>"##,
            r#"<label for="c1"><input id="c1" type="checkbox" checked> Done</label>"#,
            r#"<p aria-describedby="n" data-id="keep">x checked> y</p>"#,
        );
        let expected = concat!(
            r##"before|<h2 id="h7-goal">Goal<a href="#h7-goal">#</a></h2><a href="other.html#goal">x</a>"##,
            r#"<label for="h7-c1"><input id="h7-c1" type="checkbox"> Done</label>"#,
            r#"<p aria-describedby="h7-n" data-id="keep">x> y</p>"#,
        );
        assert_eq!(print(html), expected);
        assert_eq!(print(""), "before|");
    }

    #[test]
    fn one_pass_does_what_the_rules_do_one_at_a_time() {
        let pieces = [
            " id=\"",
            " for=\"",
            " href=\"",
            "#",
            " href=\"#",
            " checked>",
            " checked",
            "=\"",
            "\"",
            ">",
            "<input",
            " aria-controls=\"",
            "x",
            "é",
            " ",
            "id",
            "=",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..5000 {
            let mut html = String::new();
            for _ in 0..(seed % 12) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                html.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            assert_eq!(
                print(&html),
                format!("before|{}", step_by_step(&html, "h7-")),
                "{html:?}"
            );
        }
    }
}
