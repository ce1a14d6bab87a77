//! Every example of the CommonMark spec (npm `commonmark-spec`, installed by
//! `scripts/test.sh`) through Lectern's Markdown path, compared with plain pulldown-cmark with
//! the same options, wherever no Lectern extension applies: headings (ids and anchor links),
//! task lists, directives, GitHub alerts, tables, and links or images Lectern checks (an
//! example whose links Lectern reports as problems is one it rewrites or refuses).

use std::path::Path;

use lectern::model::{self, Course, ModelOptions};
use lectern::render::markdown::{self, PageInput};
use pulldown_cmark::{html, Event, Options, Parser, Tag};

mod common;

/// One spec example: its number, section, Markdown and expected HTML.
struct Example {
    number: usize,
    section: String,
    markdown: String,
}

/// The examples of `spec.txt`, read as the package's own `index.js` reads them: a fence of 32
/// backticks and `example`, the Markdown, a line with `.`, the HTML, the closing fence; `→`
/// stands for a tab.
fn examples(spec: &str) -> Vec<Example> {
    let fence = "`".repeat(32);
    let open = format!("{fence} example");
    let spec = spec.split("<!-- END TESTS -->").next().unwrap_or(spec);
    let mut examples = Vec::new();
    let mut section = String::new();
    let mut lines = spec.lines();
    while let Some(line) = lines.next() {
        if line.starts_with('#') {
            section = line.trim_start_matches('#').trim().to_string();
        } else if line == open {
            let mut markdown = String::new();
            for line in lines.by_ref().take_while(|l| *l != ".") {
                markdown.push_str(line);
                markdown.push('\n');
            }
            lines.by_ref().take_while(|l| *l != fence).for_each(drop);
            examples.push(Example {
                number: examples.len() + 1,
                section: section.clone(),
                markdown: markdown.replace('→', "\t"),
            });
        }
    }
    examples
}

const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_TASKLISTS)
    .union(Options::ENABLE_SMART_PUNCTUATION)
    .union(Options::ENABLE_HEADING_ATTRIBUTES)
    .union(Options::ENABLE_GFM);

/// Whether a Lectern extension changes how `markdown` renders.
fn extended(markdown: &str) -> bool {
    Parser::new_ext(markdown, OPTIONS).any(|event| match event {
        Event::Start(Tag::Heading { .. } | Tag::Table(_)) => true,
        Event::Start(Tag::BlockQuote(kind)) => kind.is_some(),
        Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Fenced(lang))) => {
            let name = lang.split_whitespace().next().unwrap_or("");
            ["table", "checklist", "quiz", "sort"].contains(&name)
        }
        Event::TaskListMarker(_) => true,
        _ => false,
    })
}

fn plain(markdown: &str) -> String {
    let mut out = String::new();
    html::push_html(&mut out, Parser::new_ext(markdown, OPTIONS));
    out
}

/// `markdown` as the body of the first lesson of `course`, through Lectern; `None` when
/// Lectern reports a problem with it (a link it checks).
fn lectern(course: &Course, markdown: &str) -> Option<String> {
    let index = course.modules[0].lessons[0];
    let page = &course.pages[index];
    let source = page.source.as_ref().expect("a lesson file");
    let rendered = markdown::render(&PageInput {
        file: &source.file,
        rel: &source.rel,
        text: markdown,
        body_start: 0,
        out: &page.out,
        page_index: index,
        links: &course.links,
        course,
        tables: &course.tables,
        plan: None,
    });
    rendered.problems.is_empty().then_some(rendered.html)
}

#[test]
fn commonmark_examples_render_as_pulldown_cmark_renders_them() {
    let package = common::require_tool("node_modules/commonmark-spec");
    let spec = std::fs::read_to_string(package.join("spec.txt")).expect("spec.txt");
    let examples = examples(&spec);
    assert_eq!(examples.len(), 652, "the 0.31.2 spec has 652 examples");
    let fixture = common::fixture("navigation");
    let source = lectern::load::load(Path::new(&fixture)).expect("the fixture loads");
    let course = model::build(source, ModelOptions { drafts: false }).expect("it models");
    let (mut compared, mut differ) = (0, Vec::new());
    for example in &examples {
        if extended(&example.markdown) {
            continue;
        }
        let Some(html) = lectern(&course, &example.markdown) else {
            continue;
        };
        compared += 1;
        if html != plain(&example.markdown) {
            differ.push(format!("{} ({})", example.number, example.section));
        }
    }
    assert!(
        differ.is_empty(),
        "examples rendered differently: {differ:?}"
    );
    // most examples use no extension: the comparison must cover them
    assert!(compared > 450, "only {compared} examples compared");
}
