//! Stage 4b, handouts: the rendered pages → printable handouts, one per module (`handouts/<module>.html`) and one for the whole
//! course (`handouts/course.html`), built from each page's HTML with its ids scoped (where the
//! page's renderer said they are: [`RenderedMarkdown::print`]).
//!
//! A whole-course handout grows with the course: 10,000 lessons make some 70 MB of HTML, more
//! than a browser can lay out or print, and writing it doubles the output. So when the
//! lessons' HTML is larger than [`WHOLE_COURSE_LIMIT`] (some 300 lessons of 600 words, a
//! thousand printed pages), `handouts/course.html` lists the module handouts instead (print
//! the course module by module).

mod print;

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use tera::Value;

use crate::error::Diagnostic;
use crate::model::{Course, Page};
use crate::render::markdown::RenderedMarkdown;
use crate::render::pages::{self, Nav};
use crate::render::templates::Templates;
use crate::site::{Output, Sink};

/// Bytes of lesson HTML above which the whole-course handout lists the module handouts.
pub const WHOLE_COURSE_LIMIT: usize = 2 * 1024 * 1024;

/// Stands for a page's HTML in a handout rendered by the built-in templates.
const SECTION: &str = "<!--lectern:section-->";

/// Renders the module handouts and the course's; returns their paths, the course's first.
/// A course over `limit` bytes of lesson HTML gets a course handout that lists the module
/// handouts instead of repeating them.
pub fn render(
    course: &Course,
    nav: &Nav,
    templates: &Templates,
    rendered: &[Arc<RenderedMarkdown>],
    sink: &dyn Sink,
    limit: usize,
) -> Result<Vec<String>, Diagnostic> {
    let bar = crate::render::sidebar::sidebar_html(nav, templates, None, "../")?;
    let handout = Handout {
        course,
        templates,
        rendered,
        bar,
        pieces: templates.is_builtin("handout.html") && templates.is_builtin("base.html"),
    };
    let mut paths: Vec<String> = course
        .modules
        .par_iter()
        .map(|module| {
            let title = format!("{} — handout", course.pages[module.page].title);
            let pages: Vec<usize> = std::iter::once(module.page)
                .chain(module.lessons.iter().copied())
                .collect();
            handout.write(sink, &format!("handouts/{}", module.slug), &title, &pages)
        })
        .collect::<Result<_, _>>()?;
    let title = format!("{} — handout", course.config.title);
    let size: usize = rendered.iter().map(|r| r.html.len()).sum();
    let course_handout = if size <= limit {
        handout.write(sink, "handouts/course", &title, &nav.order)?
    } else {
        handout.write_parts(sink, "handouts/course", &title, parts(course))?
    };
    paths.insert(0, course_handout);
    Ok(paths)
}

/// What every handout of a build shares.
struct Handout<'a> {
    course: &'a Course,
    templates: &'a Templates,
    rendered: &'a [Arc<RenderedMarkdown>],
    /// The sidebar: the modules, none current.
    bar: String,
    /// Whether the templates are the built-in ones, which take the pages' HTML as pieces.
    pieces: bool,
}

impl Handout<'_> {
    /// Writes handout `id` of `pages`, in order; returns its path.
    ///
    /// A handout repeats its pages' HTML (71 MB at 10,000 lessons), so with the built-in
    /// templates it is not handed to tera: the template renders the handout with a placeholder
    /// for each page's HTML, which is written in its place straight from the page, ids scoped
    /// on the way, rather than scoped, unticked, made a template value and copied by tera.
    fn write(
        &self,
        sink: &dyn Sink,
        id: &str,
        title: &str,
        pages: &[usize],
    ) -> Result<String, Diagnostic> {
        let html = if self.pieces {
            self.by_pieces(id, title, pages)?
        } else {
            None
        };
        let html = match html {
            Some(html) => html,
            None => {
                let ctx = self.context(id, title, pages, Vec::new(), |i| {
                    print_value(i, &self.rendered[i])
                });
                self.templates.render("handout.html", &ctx)?
            }
        };
        put(sink, id, html)
    }

    /// Writes handout `id` listing `parts`, other handouts; returns its path.
    fn write_parts(
        &self,
        sink: &dyn Sink,
        id: &str,
        title: &str,
        parts: Vec<Value>,
    ) -> Result<String, Diagnostic> {
        let ctx = self.context(id, title, &[], parts, |_| Value::none());
        put(sink, id, self.templates.render("handout.html", &ctx)?)
    }

    /// The handout through the built-in template with placeholders, then each page's HTML
    /// in its placeholder's place; `None` when the placeholders are not there one a page.
    fn by_pieces(
        &self,
        id: &str,
        title: &str,
        pages: &[usize],
    ) -> Result<Option<String>, Diagnostic> {
        let ctx = self.context(id, title, pages, Vec::new(), |_| {
            Value::safe_string(SECTION)
        });
        // by its full name: tera need not try the theme's name first
        let shell = self.templates.render("builtin/handout.html", &ctx)?;
        let gaps: Vec<&str> = shell.split(SECTION).collect();
        if gaps.len() != pages.len() + 1 {
            return Ok(None);
        }
        let size: usize = pages.iter().map(|&i| self.rendered[i].html.len()).sum();
        let mut out = String::with_capacity(shell.len() + size + size / 16);
        out.push_str(gaps[0]);
        for (&i, gap) in pages.iter().zip(&gaps[1..]) {
            let page = &self.rendered[i];
            print::push_print_html(&mut out, &page.html, &page.print, &prefix(i));
            out.push_str(gap);
        }
        Ok(Some(out))
    }

    /// The handout's template context: a section for each of `pages` with `html(page)`.
    fn context(
        &self,
        id: &str,
        title: &str,
        pages: &[usize],
        parts: Vec<Value>,
        html: impl Fn(usize) -> Value,
    ) -> tera::Context {
        let sections: Vec<Value> = pages
            .iter()
            .map(|&i| section(&self.course.pages[i], i, html(i)))
            .collect();
        let (course, bar) = (self.course, self.bar.clone());
        let mut ctx = pages::handout_context(course, title, id, Value::from(sections), bar);
        ctx.insert_value("parts", Value::from(parts));
        ctx
    }
}

/// A page in a handout's `sections`.
fn section(page: &Page, i: usize, html: Value) -> Value {
    let mut map: BTreeMap<&'static str, Value> = BTreeMap::new();
    map.insert("anchor", Value::from(format!("h{i}-title")));
    map.insert("title", Value::from(page.title.as_str()));
    map.insert("objectives", Value::from(page.objectives.clone()));
    map.insert("html", html);
    Value::from(map)
}

/// Hands handout `id` to `sink`; returns its path.
fn put(sink: &dyn Sink, id: &str, html: String) -> Result<String, Diagnostic> {
    let path = format!("{id}.html");
    sink.put(path.clone(), Output::Text(html))?;
    Ok(path)
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

/// Page `i`'s HTML as a handout prints it, for a theme's handout template.
fn print_value(i: usize, md: &RenderedMarkdown) -> Value {
    let mut html = String::new();
    print::push_print_html(&mut html, &md.html, &md.print, &prefix(i));
    Value::safe_string(&html)
}

/// What page `i`'s ids are prefixed with in a handout.
fn prefix(i: usize) -> String {
    format!("h{i}-")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::markup::Markup;
    use crate::site::Collect;
    use scraper::{Html, Selector};

    fn course() -> Course {
        let source = crate::load::load(std::path::Path::new("tests/fixtures/publish")).unwrap();
        crate::model::build(source, crate::model::ModelOptions { drafts: false }).unwrap()
    }

    fn templates(course: &Course) -> Templates {
        crate::render::templates(course).unwrap()
    }

    /// Every page's HTML: a heading with its anchor link and a ticked box.
    fn rendered(course: &Course) -> Vec<Arc<RenderedMarkdown>> {
        (0..course.pages.len())
            .map(|i| {
                let mut page = Markup::plain(String::new());
                page.fill("<h2 id=\"{#}\">A<a href=\"#{#}\">#</a></h2>", "a");
                page.push(&format!("<p>Page {i}</p>"));
                page.fill("<input id=\"{#}\"", "b");
                page.checked();
                page.push(">");
                Arc::new(RenderedMarkdown {
                    html: page.html,
                    print: page.print,
                    ..RenderedMarkdown::default()
                })
            })
            .collect()
    }

    fn handout(limit: usize) -> (Course, Html) {
        let course = course();
        let nav = Nav::new(&course);
        let templates = templates(&course);
        let rendered = rendered(&course);
        let sink = Collect::default();
        let paths = render(&course, &nav, &templates, &rendered, &sink, limit).unwrap();
        assert_eq!(paths.len(), course.modules.len() + 1);
        let site = sink.into_site();
        let html = Html::parse_document(site.text("handouts/course.html").unwrap());
        (course, html)
    }

    #[test]
    fn pages_written_in_place_make_the_handout_the_template_makes() {
        let course = course();
        let nav = Nav::new(&course);
        let templates = templates(&course);
        let rendered = rendered(&course);
        let write = |pieces: bool| {
            let bar = String::from("<ol></ol>");
            let (course, templates, rendered) = (&course, &templates, &rendered[..]);
            let handout = Handout {
                course,
                templates,
                rendered,
                bar,
                pieces,
            };
            let sink = Collect::default();
            handout
                .write(&sink, "handouts/all", "All", &nav.order)
                .unwrap();
            sink.into_site()
                .text("handouts/all.html")
                .unwrap()
                .to_string()
        };
        let (pieces, whole) = (write(true), write(false));
        assert_eq!(pieces, whole);
        let doc = Html::parse_document(&pieces);
        let ids = Selector::parse("section.print-lesson [id]").unwrap();
        let ids: Vec<&str> = doc.select(&ids).filter_map(|e| e.value().id()).collect();
        let expected: Vec<String> = nav
            .order
            .iter()
            .flat_map(|i| ["title", "a", "b"].map(|id| format!("h{i}-{id}")))
            .collect();
        assert_eq!(ids, expected);
        let boxes = Selector::parse("section.print-lesson input").unwrap();
        assert_eq!(doc.select(&boxes).count(), nav.order.len());
        assert!(doc
            .select(&boxes)
            .all(|b| b.value().attr("checked").is_none()));
    }

    fn select(doc: &Html, css: &str) -> Vec<String> {
        let sel = Selector::parse(css).unwrap();
        doc.select(&sel)
            .map(|e| e.text().collect::<String>().trim().to_string())
            .collect()
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
