//! The printable handouts: one per module (`handouts/<module>.html`) and one for the whole
//! course (`handouts/course.html`), built from each page's HTML with its ids scoped.
//!
//! A whole-course handout grows with the course: 10,000 lessons make some 70 MB of HTML, more
//! than a browser can lay out or print, and writing it doubles the output. So when the
//! lessons' HTML is larger than [`WHOLE_COURSE_LIMIT`] (some 300 lessons of 600 words, a
//! thousand printed pages), `handouts/course.html` lists the module handouts instead (print
//! the course module by module).

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use tera::Value;

use super::markdown::RenderedMarkdown;
use super::pages::{self, Nav};
use super::templates::Templates;
use crate::error::Diagnostic;
use crate::model::Course;
use crate::site::{Output, Sink};

/// Bytes of lesson HTML above which the whole-course handout lists the module handouts.
pub const WHOLE_COURSE_LIMIT: usize = 2 * 1024 * 1024;

/// Renders the module handouts and the course's; returns their paths, the course's first.
/// Each page's ids are scoped once; a section's HTML is shared (not copied) between its
/// module's handout and the course's. A course over `limit` scopes each module's pages only
/// while its handout is made, so no second copy of the course is held.
pub fn render(
    course: &Course,
    nav: &Nav,
    templates: &Templates,
    rendered: &[Arc<RenderedMarkdown>],
    sink: &dyn Sink,
    limit: usize,
) -> Result<Vec<String>, Diagnostic> {
    let bar = &templates.render("sidebar.html", &pages::sidebar_context(nav, None, "../"))?;
    let size: usize = rendered.iter().map(|r| r.html.len()).sum();
    let whole = size <= limit;
    let all: Vec<Value> = if whole {
        let scope = |(i, md): (usize, &Arc<RenderedMarkdown>)| scoped_html(i, md);
        rendered.par_iter().enumerate().map(scope).collect()
    } else {
        Vec::new()
    };
    let scoped = |i: usize| match all.get(i) {
        Some(html) => html.clone(),
        None => scoped_html(i, &rendered[i]),
    };
    let section = |i: usize| {
        let page = &course.pages[i];
        let mut map: BTreeMap<&'static str, Value> = BTreeMap::new();
        map.insert("anchor", Value::from(format!("h{i}-title")));
        map.insert("title", Value::from(page.title.as_str()));
        map.insert("objectives", Value::from(page.objectives.clone()));
        map.insert("html", scoped(i));
        Value::from(map)
    };
    let render = |id: &str, title: String, sections: Vec<Value>, parts: Vec<Value>| {
        let mut ctx =
            pages::handout_context(course, &title, id, Value::from(sections), bar.clone());
        ctx.insert_value("parts", Value::from(parts));
        let html = templates.render("handout.html", &ctx)?;
        sink.put(format!("{id}.html"), Output::Text(html))?;
        Ok::<String, Diagnostic>(format!("{id}.html"))
    };
    let mut paths: Vec<String> = course
        .modules
        .par_iter()
        .map(|module| {
            let page = &course.pages[module.page];
            let sections = std::iter::once(module.page)
                .chain(module.lessons.iter().copied())
                .map(section)
                .collect();
            let id = format!("handouts/{}", module.slug);
            render(
                &id,
                format!("{} — handout", page.title),
                sections,
                Vec::new(),
            )
        })
        .collect::<Result<_, _>>()?;
    let title = format!("{} — handout", course.config.title);
    let course_handout = if whole {
        let all = nav.order.iter().map(|&i| section(i)).collect();
        render("handouts/course", title, all, Vec::new())?
    } else {
        render("handouts/course", title, Vec::new(), parts(course))?
    };
    paths.insert(0, course_handout);
    Ok(paths)
}

/// Each module's handout, as `{title, url}` (the url relative to `handouts/`).
fn parts(course: &Course) -> Vec<Value> {
    course
        .modules
        .iter()
        .map(|m| {
            let mut map: BTreeMap<&'static str, Value> = BTreeMap::new();
            map.insert("title", Value::from(course.pages[m.page].title.as_str()));
            map.insert("url", Value::from(format!("{}.html", m.slug)));
            Value::from(map)
        })
        .collect()
}

/// Page `i`'s HTML for the handouts: ids scoped, and on paper every box is empty, whatever
/// the source pre-ticked.
fn scoped_html(i: usize, md: &RenderedMarkdown) -> Value {
    Value::safe_string(&unticked(&scope_ids(&md.html, &format!("h{i}-"))))
}

/// `html` with every ` checked>` made `>` (what `str::replace` does, with a SIMD search).
fn unticked(html: &str) -> String {
    const CHECKED: &str = " checked";
    let mut out = String::with_capacity(html.len());
    let mut done = 0;
    for at in memchr::memmem::find_iter(html.as_bytes(), " checked>") {
        out.push_str(&html[done..at]);
        done = at + CHECKED.len();
    }
    out.push_str(&html[done..]);
    out
}

/// Attributes whose value names an id on the same page.
const ID_ATTRIBUTES: [&str; 6] = [
    " id",
    " for",
    " href",
    " aria-labelledby",
    " aria-describedby",
    " aria-controls",
];

/// Prefixes ids and same-page references so several pages' HTML can share one document.
/// One pass over the HTML: at each `="`, look back for one of [`ID_ATTRIBUTES`] (`href` only
/// when the value starts with `#`, after which the prefix goes).
fn scope_ids(html: &str, prefix: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut done = 0;
    let mut from = 0;
    let finder = memchr::memmem::Finder::new("=\"");
    while let Some(found) = finder.find(&html.as_bytes()[from..]) {
        let at = from + found;
        let value = at + 2;
        from = value;
        let before = &html[..at];
        let Some(attr) = ID_ATTRIBUTES.iter().find(|a| before.ends_with(*a)) else {
            continue;
        };
        let insert = if *attr == " href" {
            if !html[value..].starts_with('#') {
                continue;
            }
            value + 1
        } else {
            value
        };
        out.push_str(&html[done..insert]);
        out.push_str(prefix);
        done = insert;
    }
    out.push_str(&html[done..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::Collect;
    use scraper::{Html, Selector};

    fn course() -> Course {
        let source = crate::load::load(std::path::Path::new("tests/fixtures/publish")).unwrap();
        crate::model::build(source, crate::model::ModelOptions { drafts: false }).unwrap()
    }

    fn handout(limit: usize) -> (Course, Html) {
        let course = course();
        let nav = Nav::new(&course);
        let mut templates = Templates::new(&course.theme).unwrap();
        templates.set_global("site", &super::super::site_info(&course));
        templates.set_global("tables", &course.tables);
        let rendered: Vec<Arc<RenderedMarkdown>> = (0..course.pages.len())
            .map(|i| {
                let html = format!("<p>Page {i}</p>");
                Arc::new(RenderedMarkdown {
                    html,
                    ..RenderedMarkdown::default()
                })
            })
            .collect();
        let sink = Collect::default();
        let paths = render(&course, &nav, &templates, &rendered, &sink, limit).unwrap();
        assert_eq!(paths.len(), course.modules.len() + 1);
        let site = sink.into_site();
        let html = Html::parse_document(site.text("handouts/course.html").unwrap());
        (course, html)
    }

    fn select(doc: &Html, css: &str) -> Vec<String> {
        let sel = Selector::parse(css).unwrap();
        doc.select(&sel)
            .map(|e| e.text().collect::<String>().trim().to_string())
            .collect()
    }

    #[test]
    fn boxes_print_unticked() {
        let html = "<input type=\"checkbox\" checked><input checked> checked>x";
        assert_eq!(unticked(html), html.replace(" checked>", ">"));
        assert_eq!(unticked("none"), "none");
    }

    #[test]
    fn a_course_over_the_limit_lists_its_module_handouts() {
        let (course, doc) = handout(0);
        assert!(select(&doc, "section.print-lesson").is_empty());
        let titles: Vec<String> = course
            .modules
            .iter()
            .map(|m| course.pages[m.page].title.clone())
            .collect();
        assert_eq!(select(&doc, "ol.handout-parts a"), titles);
        let sel = Selector::parse("ol.handout-parts a").unwrap();
        let hrefs: Vec<&str> = doc
            .select(&sel)
            .filter_map(|a| a.value().attr("href"))
            .collect();
        let expected: Vec<String> = course
            .modules
            .iter()
            .map(|m| format!("{}.html", m.slug))
            .collect();
        assert_eq!(hrefs, expected);
    }

    #[test]
    fn a_course_under_the_limit_prints_whole() {
        let (course, doc) = handout(WHOLE_COURSE_LIMIT);
        assert!(select(&doc, "ol.handout-parts").is_empty());
        assert_eq!(
            select(&doc, "section.print-lesson").len(),
            course.pages.len() - 1
        );
    }
}
