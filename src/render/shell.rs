//! The built-in lesson page's shell and the built-in sidebar, written without tera.
//!
//! A course's lessons are nearly all of its pages, and through tera each lesson's shell (the
//! head, header, breadcrumbs, objectives, table of contents, progress and pager around the
//! sidebar and the Markdown HTML) cost some 90,000 instructions: its context built as tera
//! values, the template interpreted, the context freed; some 15 % of a build's work. This module
//! writes the same bytes as `themes/default/templates/base.html` with `lesson.html` straight
//! from [`PageValues`], escaped by tera's own [`tera::escape_html`], in a tenth of that.
//!
//! The sidebar (`sidebar.html`, one per module, each listing every module and the module's
//! lessons: 20,000 loop turns per build at 10,000 lessons) is written the same way.
//!
//! Each is used only while the course theme does not override its templates (as
//! [`super::assemble`] and [`super::sidebar::sidebar_html`] decide), and tests render every
//! lesson and sidebar of several courses both ways and compare them byte for byte, so a change
//! to a template that is not made here too fails the tests.

use std::io::Write;

use super::pages::{Crumb, ModuleLink, PageValues};
use super::SiteInfo;

/// Writes the lesson shell of `page` into `out`, with `sidebar` and `content` (placeholders)
/// where the sidebar and the Markdown HTML go; returns where each placeholder starts, so
/// nothing need search the shell for them.
pub(super) fn lesson(
    site: &SiteInfo,
    page: &PageValues,
    sidebar: &str,
    content: &str,
    out: &mut Vec<u8>,
) -> (usize, usize) {
    head(site, page, out);
    let sidebar_at = header(site, page, sidebar, out);
    let content_at = article(page, content, out);
    footer(site, page, out);
    (sidebar_at, content_at)
}

/// Writes `text` escaped for HTML, as tera's autoescape does.
fn text(out: &mut Vec<u8>, text: &str) {
    tera::escape_html(text, out).expect("writing into memory cannot fail");
}

/// A value a template's `{% if %}` takes as true: present and not empty.
fn given(value: Option<&str>) -> Option<&str> {
    value.filter(|v| !v.is_empty())
}

fn head(site: &SiteInfo, page: &PageValues, out: &mut Vec<u8>) {
    let info = &page.info;
    let root = page.root.as_bytes();
    out.extend_from_slice(b"<!doctype html>\n<html lang=\"");
    text(out, site.language);
    out.extend_from_slice(b"\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    text(out, info.title);
    out.extend_from_slice(" · ".as_bytes());
    text(out, site.title);
    out.extend_from_slice(b"</title>\n");
    wrapped(
        out,
        "<meta name=\"description\" content=\"",
        given(info.description),
        "\">",
    );
    out.push(b'\n');
    wrapped(
        out,
        "<link rel=\"canonical\" href=\"",
        given(info.canonical.as_deref()),
        "\">",
    );
    out.extend_from_slice(b"\n<link rel=\"stylesheet\" href=\"");
    out.extend_from_slice(root);
    out.extend_from_slice(b"assets/lectern.css\">\n<link rel=\"stylesheet\" href=\"");
    out.extend_from_slice(root);
    out.extend_from_slice(b"assets/theme.css\">\n");
    wrapped(
        out,
        "<style>:root{--accent:",
        given(site.accent),
        "}</style>",
    );
    out.extend_from_slice(b"\n\n");
    for script in ["course-data", "lectern", "search"] {
        out.extend_from_slice(b"<script src=\"");
        out.extend_from_slice(root);
        writeln!(out, "assets/{script}.js\" defer></script>").expect("memory");
    }
    out.extend_from_slice(b"</head>\n");
}

/// Returns where `sidebar` starts.
fn header(site: &SiteInfo, page: &PageValues, sidebar: &str, out: &mut Vec<u8>) -> usize {
    let root = page.root.as_bytes();
    out.extend_from_slice(b"<body class=\"lectern page-");
    text(out, page.info.kind);
    out.extend_from_slice(b"\" data-course=\"");
    text(out, site.id);
    out.extend_from_slice(b"\" data-page=\"");
    text(out, page.info.id);
    out.extend_from_slice(b"\" data-root=\"");
    text(out, &page.root);
    out.extend_from_slice(b"\">\n<a class=\"skip-link\" href=\"#main\">Skip to content</a>\n<header class=\"site-header\">\n\n<a class=\"brand\" href=\"");
    out.extend_from_slice(root);
    out.extend_from_slice(b"index.html\">");
    if let Some(logo) = given(site.logo) {
        out.extend_from_slice(b"<img class=\"brand-logo\" src=\"");
        text(out, &page.root);
        text(out, logo);
        out.extend_from_slice(b"\" alt=\"\">");
    }
    out.extend_from_slice(b"<span class=\"brand-title\">");
    text(out, site.title);
    out.extend_from_slice(b"</span></a>\n<div class=\"search\" role=\"search\">\n<label for=\"search-input\" class=\"visually-hidden\">Search the course</label>\n<input id=\"search-input\" type=\"search\" placeholder=\"Search\" autocomplete=\"off\" data-search-input>\n<div class=\"search-results\" data-search-results></div>\n</div>\n<button type=\"button\" class=\"nav-toggle\" aria-controls=\"sidebar\" aria-expanded=\"false\">Menu</button>\n\n</header>\n<div class=\"layout\">\n<nav id=\"sidebar\" class=\"sidebar\" aria-label=\"Course\">\n");
    let sidebar_at = out.len();
    out.extend_from_slice(sidebar.as_bytes());
    out.extend_from_slice(b"\n</nav>\n<main id=\"main\" class=\"content\" tabindex=\"-1\">\n");
    breadcrumbs(&page.breadcrumbs, page.info.title, out);
    out.push(b'\n');
    sidebar_at
}

fn breadcrumbs(crumbs: &[Crumb], title: &str, out: &mut Vec<u8>) {
    if crumbs.is_empty() {
        return;
    }
    out.extend_from_slice(b"<nav class=\"breadcrumbs\" aria-label=\"Breadcrumb\"><ol>");
    for crumb in crumbs {
        link(out, "<li><a href=\"", crumb, "</a></li>");
    }
    out.extend_from_slice(b"<li aria-current=\"page\">");
    text(out, title);
    out.extend_from_slice(b"</li></ol></nav>");
}

/// `before` + `value` escaped + `after`, when there is a value.
fn wrapped(out: &mut Vec<u8>, before: &str, value: Option<&str>, after: &str) {
    if let Some(value) = value {
        out.extend_from_slice(before.as_bytes());
        text(out, value);
        out.extend_from_slice(after.as_bytes());
    }
}

/// `before` + the crumb's escaped URL + `">` + its escaped title + `after`.
fn link(out: &mut Vec<u8>, before: &str, crumb: &Crumb, after: &str) {
    out.extend_from_slice(before.as_bytes());
    text(out, &crumb.url);
    out.extend_from_slice(b"\">");
    text(out, crumb.title);
    out.extend_from_slice(after.as_bytes());
}

/// Returns where `content` starts.
fn article(page: &PageValues, content: &str, out: &mut Vec<u8>) -> usize {
    let info = &page.info;
    out.extend_from_slice(b"\n<article class=\"lesson\">\n<header class=\"lesson-header\">\n<h1>");
    text(out, info.title);
    out.extend_from_slice(b"</h1>\n");
    wrapped(
        out,
        "<p class=\"lesson-meta\"><span class=\"duration\">",
        given(info.duration),
        "</span></p>",
    );
    out.push(b'\n');
    objectives(info.objectives, out);
    out.extend_from_slice(b"\n</header>\n");
    toc(page, out);
    out.extend_from_slice(b"\n<div class=\"lesson-body\">\n");
    let content_at = out.len();
    out.extend_from_slice(content.as_bytes());
    out.extend_from_slice(b"\n</div>\n");
    if info.items > 0 {
        write!(
            out,
            "<section class=\"lesson-progress\" data-lesson-progress aria-label=\"Your progress in this lesson\">\n\
             <progress max=\"{0}\" value=\"0\" aria-label=\"Lesson progress\"></progress> <span class=\"progress-text\">0 of {0} done</span>\n\
             <button type=\"button\" data-reset-lesson>Reset this lesson</button>\n</section>",
            info.items
        )
        .expect("memory");
    }
    out.extend_from_slice(b"\n</article>\n\n");
    content_at
}

fn objectives(objectives: &[String], out: &mut Vec<u8>) {
    if objectives.is_empty() {
        return;
    }
    out.extend_from_slice(b"<section class=\"objectives\" aria-labelledby=\"objectives-title\"><h2 id=\"objectives-title\">In this lesson you will</h2>\n<ul>");
    for objective in objectives {
        wrapped(out, "<li>", Some(objective), "</li>");
    }
    out.extend_from_slice(b"</ul></section>");
}

fn toc(page: &PageValues, out: &mut Vec<u8>) {
    let Some(headings) = page.toc.as_deref().filter(|h| !h.is_empty()) else {
        return;
    };
    out.extend_from_slice(b"<nav class=\"toc\" aria-labelledby=\"toc-title\"><h2 id=\"toc-title\">On this page</h2><ol>");
    for h in headings {
        write!(out, "<li class=\"toc-level-{}\"><a href=\"#", h.level).expect("memory");
        text(out, &h.id);
        out.extend_from_slice(b"\">");
        text(out, &h.text);
        out.extend_from_slice(b"</a></li>");
    }
    out.extend_from_slice(b"</ol></nav>");
}

fn footer(site: &SiteInfo, page: &PageValues, out: &mut Vec<u8>) {
    pager(page, out);
    out.extend_from_slice(b"\n</main>\n</div>\n<footer class=\"site-footer\">\n<p>");
    text(out, site.title);
    if let Some(author) = given(site.author) {
        out.extend_from_slice(" · ".as_bytes());
        text(out, author);
    }
    out.extend_from_slice(" · <a href=\"".as_bytes());
    out.extend_from_slice(page.root.as_bytes());
    out.extend_from_slice(
        b"handouts/course.html\">Printable handout</a></p>\n</footer>\n\n</body>\n</html>\n",
    );
}

fn pager(page: &PageValues, out: &mut Vec<u8>) {
    if page.prev.is_none() && page.next.is_none() {
        return;
    }
    out.extend_from_slice(b"<nav class=\"pager\" aria-label=\"Previous and next\">\n");
    if let Some(prev) = &page.prev {
        pager_link(out, "prev", "Previous", prev);
    }
    out.push(b'\n');
    if let Some(next) = &page.next {
        pager_link(out, "next", "Next", next);
    }
    out.extend_from_slice(b"\n</nav>");
}

/// `<a class="pager-prev" rel="prev" href="…"><span>Previous</span> Title</a>`.
fn pager_link(out: &mut Vec<u8>, rel: &str, label: &str, crumb: &Crumb) {
    write!(out, "<a class=\"pager-{rel}\" rel=\"{rel}\" href=\"").expect("memory");
    text(out, &crumb.url);
    write!(out, "\"><span>{label}</span> ").expect("memory");
    text(out, crumb.title);
    out.extend_from_slice(b"</a>");
}

/// Writes the sidebar of a page in module `current` (none: a page outside the modules),
/// `root` away from the site root, as `sidebar.html` does.
pub(super) fn sidebar(modules: &[ModuleLink], current: Option<usize>, root: &str) -> String {
    let mut out = Vec::with_capacity(120 * modules.len());
    out.extend_from_slice(b"<ol class=\"nav-modules\">\n");
    for (m, module) in modules.iter().enumerate() {
        let open = current == Some(m);
        out.extend_from_slice(if open {
            b"<li class=\"is-current\">"
        } else {
            b"<li>"
        });
        item_link(&mut out, root, &module.url, &module.title);
        if open {
            out.extend_from_slice(b"\n<ol class=\"nav-lessons\">\n");
            for lesson in &module.lessons {
                out.extend_from_slice(b"<li>");
                item_link(&mut out, root, &lesson.url, &lesson.title);
                out.extend_from_slice(b"</li>\n");
            }
            out.extend_from_slice(b"</ol>");
        }
        out.extend_from_slice(b"</li>\n");
    }
    out.extend_from_slice(b"</ol>\n");
    String::from_utf8(out).expect("written from strings")
}

/// `<a href="` + `root` + `url` + `">` + `title` + `</a>`, escaped.
fn item_link(out: &mut Vec<u8>, root: &str, url: &str, title: &str) {
    out.extend_from_slice(b"<a href=\"");
    text(out, root);
    text(out, url);
    out.extend_from_slice(b"\">");
    text(out, title);
    out.extend_from_slice(b"</a>");
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::super::pages::{self, Nav};
    use super::super::templates::Templates;
    use super::*;
    use crate::model::{Course, ModelOptions, PageKind};

    fn course(root: &Path) -> Course {
        let source = crate::load::load(root).unwrap();
        crate::model::build(source, ModelOptions { drafts: false }).unwrap()
    }

    /// Every lesson of the course at `root`, its shell through tera and through [`lesson`];
    /// returns how many lessons were compared.
    fn compare_lessons(root: &Path) -> usize {
        let course = course(root);
        let templates = super::super::templates(&course).unwrap();
        let nav = Nav::new(&course);
        let site = super::super::site_info(&course);
        let lessons: Vec<usize> = (0..course.pages.len())
            .filter(|&i| course.pages[i].kind == PageKind::Lesson)
            .collect();
        for &i in &lessons {
            let md = super::super::render_page_markdown(&course, i);
            let mut ctx = pages::page_context(&course, &nav, i, &md);
            ctx.insert("sidebar", "<!--S-->");
            ctx.insert("content", "<!--C-->");
            let tera = templates
                .render_bytes("builtin/lesson.html", &ctx, 0)
                .unwrap();
            let mut own = Vec::new();
            let values = pages::page_values(&course, &nav, i, &md);
            let (sidebar_at, content_at) = lesson(&site, &values, "<!--S-->", "<!--C-->", &mut own);
            assert!(own[sidebar_at..].starts_with(b"<!--S-->"));
            assert!(own[content_at..].starts_with(b"<!--C-->"));
            assert_eq!(
                String::from_utf8(own).unwrap(),
                String::from_utf8(tera).unwrap(),
                "{} in {}",
                course.pages[i].out,
                root.display()
            );
        }
        compare_sidebars(&course, &templates, &nav);
        lessons.len()
    }

    /// Every sidebar of the course, through tera and through [`sidebar`].
    fn compare_sidebars(course: &Course, templates: &Templates, nav: &Nav) {
        let modules = (0..course.modules.len()).map(Some).chain([None]);
        for module in modules {
            for root in ["", "../"] {
                let ctx = super::super::sidebar::sidebar_context(nav, module, root);
                let tera = templates.render("builtin/sidebar.html", &ctx).unwrap();
                assert_eq!(sidebar(&nav.modules, module, root), tera, "{module:?}");
            }
        }
    }

    #[test]
    fn writes_what_the_template_writes_for_the_sample_course_and_fixtures() {
        let mut compared = compare_lessons(Path::new("."));
        for fixture in [
            "navigation",
            "brand",
            "headings",
            "links",
            "alerts",
            "publish",
        ] {
            compared += compare_lessons(&Path::new("tests/fixtures").join(fixture));
        }
        assert!(compared > 20, "only {compared} lessons compared");
    }

    /// Values that change the shell: text to escape, an author, a base URL (canonical link),
    /// a logo and accent, a lesson without description, duration, objectives, table of
    /// contents or checklist, and lessons without a next page.
    #[test]
    fn writes_what_the_template_writes_for_every_optional_value() {
        let dir = tempfile::tempdir().unwrap();
        let write = |path: &str, text: &str| {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write(
            "course.yaml",
            "title: \"Sales <&> 'coaching' \\\"101\\\"\"\nauthor: \"O'Brien & <Co>\"\n\
             base_url: https://example.com/a&b/\nlanguage: en-GB\n\
             brand:\n  logo: img/l&o.png\n  accent: \"#a1b2c3\"\n",
        );
        write("content/_index.md", "---\ntitle: Home\n---\nHello.\n");
        write(
            "content/01-m/_index.md",
            "---\ntitle: \"M <1> & 'one'\"\n---\n",
        );
        write(
            "content/01-m/01-full.md",
            "---\ntitle: \"Full \\\"quoted\\\" <lesson> & more\"\n\
             description: \"Says \\\"hi\\\" & <bye>\"\nduration: 12\n\
             objectives:\n  - \"Ask <why> & 'how'\"\n  - Listen\n---\n\
             ## A & B\n\nText.\n\n### C \"quoted\"\n\nText.\n\n## D <e>\n\n\
             - [ ] one\n- [ ] two\n",
        );
        write(
            "content/01-m/02-bare.md",
            "---\ntitle: Bare\n---\nJust text.\n",
        );
        write(
            "content/02-n/01-last.md",
            "---\ntitle: Last\ndescription: \"\"\n---\n## Only\n",
        );
        assert_eq!(compare_lessons(dir.path()), 3);
    }
}
