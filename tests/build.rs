//! Structure of built pages: order and slugs, drafts, modules without an overview, navigation,
//! table of contents, heading ids, callouts, themes and branding. Each test builds its own small
//! fixture course from tests/fixtures/ in memory and parses the HTML.

mod common;

use common::{attrs, build, build_course, fixture, page, sel, texts};

fn lesson_links(html: &scraper::Html, selector: &str) -> Vec<String> {
    attrs(html, selector, "href")
}

#[test]
fn modules_order_by_numeric_prefix_then_weight_then_name() {
    let built = build("ordering");
    let home = page(&built, "index.html");
    assert_eq!(
        texts(&home, ".module-list > li.module-card > h3"),
        [
            "Second module",
            "Tenth module",
            "Unnumbered module",
            "Late module"
        ]
    );
    assert_eq!(
        lesson_links(&home, ".module-list > li.module-card > h3 > a"),
        [
            "second-module/index.html",
            "tenth-module/index.html",
            "zz-unnumbered-module/index.html",
            "aa-late-module/index.html"
        ]
    );
}

#[test]
fn lessons_order_by_numeric_prefix_then_weight_then_name_and_slugs_drop_the_prefix() {
    let built = build("ordering");
    let module = page(&built, "second-module/index.html");
    assert_eq!(
        texts(&module, ".lesson-list > li > a"),
        [
            "First",
            "Second",
            "Mixed case",
            "Tenth",
            "C light",
            "Z plain",
            "A heavy",
            "B heavy"
        ]
    );
    assert_eq!(
        lesson_links(&module, ".lesson-list > li > a"),
        [
            "../second-module/first.html",
            "../second-module/second.html",
            "../second-module/mixed-case-name.html",
            "../second-module/tenth.html",
            "../second-module/c-light.html",
            "../second-module/z-plain.html",
            "../second-module/a-heavy.html",
            "../second-module/b-heavy.html",
        ]
    );
    assert!(built
        .site
        .text("second-module/mixed-case-name.html")
        .is_some());
    assert!(built
        .site
        .text("zz-unnumbered-module/lesson.html")
        .is_some());
    assert_eq!((built.lessons, built.modules), (11, 4));
}

#[test]
fn drafts_are_left_out_of_pages_navigation_and_progress_data() {
    let built = build("drafts");
    assert!(built.site.text("module/unfinished.html").is_none());
    assert!(built.site.text("module/published.html").is_some());
    assert!(built.site.text("module/also-published.html").is_some());
    assert_eq!(built.lessons, 2);
    let module = page(&built, "module/index.html");
    assert_eq!(
        texts(&module, ".lesson-list > li > a"),
        ["Published lesson", "Also published"]
    );
    let published = page(&built, "module/published.html");
    assert_eq!(
        texts(&published, ".sidebar .nav-lessons a"),
        ["Published lesson", "Also published"]
    );
    assert_eq!(
        attrs(&published, ".pager-next", "href"),
        ["../module/also-published.html"]
    );
    let data = ["assets/course-data.js", "assets/course-pages.js"]
        .map(|f| built.site.text(f).expect("course data"))
        .concat();
    assert!(!data.contains("unfinished"), "draft in course data: {data}");
    let handout = built.site.text("handouts/course.html").expect("handout");
    assert!(!handout.contains("Not ready."));
}

#[test]
fn drafts_are_kept_with_the_drafts_option() {
    let built = build_course(&fixture("drafts"), true);
    assert_eq!(built.lessons, 3);
    let module = page(&built, "module/index.html");
    assert_eq!(
        texts(&module, ".lesson-list > li > a"),
        ["Published lesson", "Unfinished lesson", "Also published"]
    );
    let draft = page(&built, "module/unfinished.html");
    assert_eq!(texts(&draft, "h1"), ["Unfinished lesson"]);
    // A visible badge on the draft, its links in the sidebar and the module's list: only there.
    assert_eq!(
        texts(&draft, ".lesson-header .draft-badge"),
        ["Draft: left out of a build without --drafts"]
    );
    assert_eq!(
        texts(&draft, ".sidebar .nav-lessons li"),
        [
            "Published lesson",
            "Unfinished lesson Draft",
            "Also published"
        ]
    );
    assert_eq!(texts(&module, ".lesson-list .draft-badge"), ["Draft"]);
    let published = page(&built, "module/published.html");
    assert!(texts(&published, ".lesson-header .draft-badge").is_empty());
}

#[test]
fn a_module_without_an_overview_gets_a_page_titled_after_its_folder() {
    let built = build("bare-module");
    assert_eq!(
        (built.lessons, built.modules),
        (2, 1),
        "tables/ is not a module"
    );
    let module = page(&built, "getting-started/index.html");
    assert_eq!(texts(&module, "main h1"), ["Getting started"]);
    assert_eq!(texts(&module, ".lesson-list > li > a"), ["Welcome", "Next"]);
    let home = page(&built, "index.html");
    assert_eq!(texts(&home, ".module-card h3"), ["Getting started"]);
    assert_eq!(texts(&home, ".module-card > p.duration"), ["1 h 15 min"]);
    assert_eq!(
        texts(&home, ".course-meta"),
        ["2 lessons in 1 module · about 1 h 15 min in all"]
    );
}

#[test]
fn the_sidebar_lists_modules_and_the_current_modules_lessons() {
    let built = build("navigation");
    let long = page(&built, "first/long.html");
    assert_eq!(
        texts(&long, "#sidebar .nav-modules > li > a"),
        ["First module", "Second module"]
    );
    assert_eq!(
        attrs(&long, "#sidebar .nav-modules > li > a", "href"),
        ["../first/index.html", "../second/index.html"]
    );
    assert_eq!(
        texts(&long, "#sidebar .nav-modules > li.is-current > a"),
        ["First module"]
    );
    assert_eq!(
        texts(&long, "#sidebar .nav-lessons a"),
        ["Long lesson", "Short lesson"],
        "only the current module's lessons"
    );
    assert_eq!(
        texts(&long, "#sidebar [aria-current=page]"),
        ["Long lesson"]
    );
    let home = page(&built, "index.html");
    assert!(texts(&home, "#sidebar .nav-lessons > li").is_empty());
    assert_eq!(
        attrs(&home, "#sidebar .nav-modules > li > a", "href"),
        ["first/index.html", "second/index.html"]
    );
}

#[test]
fn breadcrumbs_lead_from_the_course_through_the_module() {
    let built = build("navigation");
    let long = page(&built, "first/long.html");
    assert_eq!(
        texts(&long, "nav.breadcrumbs li"),
        ["Navigation home", "First module", "Long lesson"]
    );
    assert_eq!(
        attrs(&long, "nav.breadcrumbs a", "href"),
        ["../index.html", "../first/index.html"]
    );
    assert_eq!(
        texts(&long, "nav.breadcrumbs li[aria-current=page]"),
        ["Long lesson"]
    );
    let module = page(&built, "second/index.html");
    assert_eq!(
        texts(&module, "nav.breadcrumbs li"),
        ["Navigation home", "Second module"]
    );
    let home = page(&built, "index.html");
    assert!(texts(&home, "nav.breadcrumbs").is_empty());
}

#[test]
fn previous_and_next_follow_reading_order_across_modules() {
    let built = build("navigation");
    let pager = |path: &str| {
        let html = page(&built, path);
        (
            attrs(&html, ".pager-prev", "href"),
            attrs(&html, ".pager-next", "href"),
        )
    };
    let none: Vec<String> = Vec::new();
    assert_eq!(
        pager("index.html"),
        (none.clone(), vec!["first/index.html".into()])
    );
    assert_eq!(
        pager("first/index.html"),
        (
            vec!["../index.html".into()],
            vec!["../first/long.html".into()]
        )
    );
    assert_eq!(
        pager("first/short.html"),
        (
            vec!["../first/long.html".into()],
            vec!["../second/index.html".into()]
        )
    );
    assert_eq!(
        pager("second/last.html"),
        (vec!["../second/index.html".into()], none)
    );
    let short = page(&built, "first/short.html");
    assert_eq!(texts(&short, ".pager-next"), ["Next Second module"]);
    assert_eq!(attrs(&short, ".pager-prev", "rel"), ["prev"]);
}

#[test]
fn a_table_of_contents_appears_only_with_three_or_more_headings() {
    let built = build("navigation");
    let long = page(&built, "first/long.html");
    assert_eq!(
        texts(&long, "nav.toc li a"),
        ["One", "One point one", "Two", "Two point one"],
        "levels 2 and 3 only"
    );
    assert_eq!(
        attrs(&long, "nav.toc li a", "href"),
        ["#one", "#one-point-one", "#two", "#two-point-one"]
    );
    assert_eq!(
        attrs(&long, "nav.toc li", "class"),
        ["toc-level-2", "toc-level-3", "toc-level-2", "toc-level-3"]
    );
    let short = page(&built, "first/short.html");
    assert!(short.select(&sel("nav.toc")).next().is_none());
}

#[test]
fn heading_ids_follow_github_slugs_with_numbered_repeats() {
    let built = build("headings");
    let html = page(&built, "module/slugs.html");
    assert_eq!(
        attrs(&html, ".lesson-body h2", "id"),
        [
            "hello-world",
            "whats-new",
            "intro",
            "intro-1",
            "intro-2",
            "c--rust",
            "snake_case-and-kebab-case",
            "café-au-lait",
            "step-1-choose-the-task",
            "intro-1-1",
        ]
    );
    let anchors = attrs(&html, ".lesson-body h2 > a.anchor", "href");
    assert_eq!(anchors.len(), 10);
    assert_eq!(anchors[0], "#hello-world");
    assert_eq!(
        attrs(&html, ".lesson-body p a", "href"),
        ["#intro-1"],
        "a link to a repeated heading resolves"
    );
}

#[test]
fn github_alerts_become_callouts() {
    let built = build("alerts");
    let html = page(&built, "module/callouts.html");
    assert_eq!(
        attrs(&html, ".lesson-body .callout", "class"),
        [
            "callout callout-note",
            "callout callout-tip",
            "callout callout-important",
            "callout callout-warning",
            "callout callout-caution"
        ]
    );
    assert_eq!(
        texts(&html, ".callout > .callout-title"),
        ["Note", "Tip", "Important", "Warning", "Caution"]
    );
    assert_eq!(attrs(&html, ".callout", "role"), ["note"; 5]);
    assert_eq!(texts(&html, ".callout-note strong"), ["bold"]);
    assert_eq!(
        texts(&html, ".lesson-body blockquote"),
        ["A plain quote stays a quote."]
    );
    let body = texts(&html, ".lesson-body").join(" ");
    assert!(!body.contains("[!"), "alert marker left in: {body}");
}

#[test]
fn brand_accent_and_logo_restyle_the_default_theme() {
    let built = build("brand");
    let home = page(&built, "index.html");
    let styles = texts(&home, "head style").join(" ");
    assert!(
        styles.contains("--accent:#b02a37"),
        "accent not set: {styles}"
    );
    assert_eq!(
        attrs(&home, "header .brand img.brand-logo", "src"),
        ["images/logo.png"]
    );
    let lesson = page(&built, "module/lesson.html");
    assert_eq!(
        attrs(&lesson, "header .brand img.brand-logo", "src"),
        ["../images/logo.png"]
    );
    assert!(built.site.files.contains_key("images/logo.png"));
}

#[test]
fn counts_of_one_read_in_the_singular() {
    let built = build("brand");
    let home = page(&built, "index.html");
    let meta = texts(&home, ".course-meta").join("");
    assert!(meta.starts_with("1 lesson in 1 module"), "{meta}");
    assert_eq!(
        texts(&home, "[data-course-progress] .progress-text"),
        ["0 of 1 lesson complete"]
    );
}

#[test]
fn every_page_names_a_favicon_made_from_the_accent_or_the_courses_own() {
    let built = build("brand");
    assert_eq!(
        attrs(&page(&built, "index.html"), "link[rel=icon]", "href"),
        ["assets/favicon.svg"]
    );
    let lesson = page(&built, "module/lesson.html");
    assert_eq!(
        attrs(&lesson, "link[rel=icon]", "href"),
        ["../assets/favicon.svg"]
    );
    let svg = built
        .site
        .text("assets/favicon.svg")
        .expect("a made favicon");
    assert!(svg.contains("fill=\"#b02a37\""), "{svg}");
    assert!(svg.contains(">B</text>"), "{svg}");

    let (_tmp, course) = common::copy_fixture("brand");
    let yaml = std::fs::read_to_string(course.join("course.yaml")).unwrap();
    std::fs::write(
        course.join("course.yaml"),
        yaml + "favicon: images/logo.png\n",
    )
    .unwrap();
    let own = common::build_course(&course, false);
    let lesson = page(&own, "module/lesson.html");
    assert_eq!(
        attrs(&lesson, "link[rel=icon]", "href"),
        ["../images/logo.png"]
    );
    assert!(!own.site.files.contains_key("assets/favicon.svg"));
}

#[test]
fn the_chalk_theme_overrides_colours_and_the_footer_block_only() {
    let built = build("theme-chalk");
    let shipped_css = std::fs::read(common::repo_root().join("themes/chalk/static/theme.css"))
        .expect("themes/chalk/static/theme.css");
    match built.site.files.get("assets/theme.css") {
        Some(lectern::Output::Bytes(bytes)) => assert_eq!(bytes.as_ref(), &shipped_css[..]),
        other => panic!("assets/theme.css should be the chalk file, got {other:?}"),
    }
    let default_css = std::fs::read(common::repo_root().join("themes/default/static/lectern.css"))
        .expect("the default stylesheet");
    match built.site.files.get("assets/lectern.css") {
        Some(lectern::Output::Bytes(bytes)) => assert_eq!(bytes.as_ref(), &default_css[..]),
        other => panic!("assets/lectern.css should stay the default, got {other:?}"),
    }
    let lesson = page(&built, "module/lesson.html");
    assert_eq!(
        texts(&lesson, "footer.site-footer"),
        ["Chalk theme — a worked example: this footer block and the colours in theme.css are all it changes."]
    );
    // Everything outside the footer block is the built-in base template.
    assert_eq!(texts(&lesson, "main h1"), ["Lesson"]);
    assert_eq!(texts(&lesson, "#sidebar .nav-lessons a"), ["Lesson"]);
    assert_eq!(attrs(&lesson, "a.skip-link", "href"), ["#main"]);
    let plain = build("brand");
    let plain_lesson = page(&plain, "module/lesson.html");
    assert_ne!(
        texts(&plain_lesson, "footer.site-footer"),
        texts(&lesson, "footer.site-footer")
    );
}

/// A lesson loads the theme's per-feature scripts only where its content uses the feature.
#[test]
fn a_lesson_loads_only_the_feature_scripts_it_uses() {
    let built = common::build("browser-practice");
    let features = ["scenario", "reflection", "checklist-days", "terms"];
    let loaded = |path: &str| -> Vec<&str> {
        let srcs = common::attrs(&common::page(&built, path), "script[src]", "src");
        let used = |f: &&str| srcs.iter().any(|s| s.contains(&format!("assets/{f}.js?")));
        features.iter().copied().filter(used).collect()
    };
    assert_eq!(loaded("practice/scenario.html"), ["scenario"]);
    assert_eq!(loaded("practice/reflection.html"), ["reflection"]);
    assert_eq!(loaded("practice/commitments.html"), ["checklist-days"]);
}
