//! Courses in several languages: `languages: [en, fr]`, translations beside the originals
//! (`01-first.fr.md`), each language under its own folder with a language switcher, its own
//! interface text, tables, glossary, search index and progress key.

mod common;

use common::{
    attrs, build, build_error, build_to_temp, copy_fixture, html_files, page, texts, write_course,
};
use scraper::Html;

#[test]
fn every_switcher_and_alternate_link_names_a_file_of_the_output() {
    let (_course_tmp, course) = copy_fixture("languages");
    let (_tmp, out) = build_to_temp(&course);
    let pages = html_files(&out);
    assert!(
        pages.iter().any(|p| p.starts_with(out.join("fr"))),
        "{pages:?}"
    );
    for path in &pages {
        let rel = path.strip_prefix(&out).unwrap();
        let text = std::fs::read_to_string(out.join(rel)).unwrap();
        let html = Html::parse_document(&text);
        let links = attrs(&html, ".language-switcher a", "href");
        assert_eq!(
            links.len(),
            1,
            "{} has one other language: {links:?}",
            rel.display()
        );
        let alternates = attrs(&html, "link[rel=alternate]", "href");
        for href in links.iter().chain(&alternates) {
            assert!(
                !href.starts_with('/') && !href.contains("://"),
                "{href} is relative"
            );
            let target = out.join(rel).parent().unwrap().join(href);
            assert!(
                target.is_file(),
                "{} links to missing {href}",
                rel.display()
            );
        }
    }
}

#[test]
fn the_switcher_links_the_same_lesson_with_lang_and_hreflang() {
    let built = build("languages");
    let en = page(&built, "basics/first.html");
    assert_eq!(
        attrs(&en, ".language-switcher a", "href"),
        ["../fr/basics/first.html"]
    );
    assert_eq!(attrs(&en, ".language-switcher a", "hreflang"), ["fr"]);
    assert_eq!(attrs(&en, ".language-switcher a", "lang"), ["fr"]);
    assert_eq!(texts(&en, ".language-switcher a"), ["Français"]);
    assert_eq!(
        attrs(&en, ".language-switcher", "aria-label"),
        ["Languages"]
    );
    let fr = page(&built, "fr/basics/first.html");
    assert_eq!(
        attrs(&fr, ".language-switcher a", "href"),
        ["../../basics/first.html"]
    );
    assert_eq!(attrs(&fr, ".language-switcher", "aria-label"), ["Langues"]);
    assert_eq!(
        texts(&fr, ".language-switcher [aria-current]"),
        ["Français"]
    );
    assert_eq!(
        attrs(&fr, "link[rel=alternate]", "hreflang"),
        ["en", "fr", "x-default"]
    );
    assert_eq!(
        attrs(&fr, "link[rel=alternate]", "href"),
        [
            "../../basics/first.html",
            "../../fr/basics/first.html",
            "../../basics/first.html"
        ]
    );
}

#[test]
fn an_untranslated_lesson_links_the_other_language_home_with_a_note() {
    let built = build("languages");
    let en = page(&built, "basics/second.html");
    assert_eq!(
        attrs(&en, ".language-switcher a", "href"),
        ["../fr/index.html"]
    );
    assert_eq!(
        texts(&en, ".language-switcher .language-note"),
        ["(not translated yet: opens the home page)"]
    );
    assert_eq!(
        attrs(&en, "link[rel=alternate]", "hreflang"),
        ["en", "x-default"]
    );
    // the French site still has the page, in the default language, for links to it
    let fr = page(&built, "fr/basics/second.html");
    assert_eq!(attrs(&fr, "html", "lang"), ["fr"]);
    assert_eq!(texts(&fr, "h1"), ["Who does what"]);
}

#[test]
fn each_language_has_its_own_text_tables_glossary_and_progress_key() {
    let built = build("languages");
    let fr = page(&built, "fr/basics/first.html");
    assert_eq!(attrs(&fr, "html", "lang"), ["fr"]);
    assert_eq!(attrs(&fr, "body", "data-course"), ["languages-fixture.fr"]);
    assert_eq!(texts(&fr, "caption"), ["Qui fait quoi"]);
    assert_eq!(
        attrs(&fr, "a.term", "href"),
        ["../glossary.html#term-délégation"]
    );
    assert_eq!(
        attrs(&fr, "main a[href*='#who-owns-what']", "href"),
        ["../basics/second.html#who-owns-what"]
    );
    assert_eq!(
        texts(&fr, ".brand-title"),
        ["Diriger une équipe commerciale"]
    );
    let en = page(&built, "basics/first.html");
    assert_eq!(attrs(&en, "body", "data-course"), ["languages-fixture"]);
    assert_eq!(texts(&en, "caption"), ["Who does what"]);
    for file in [
        "fr/handouts/course.html",
        "fr/glossary.html",
        "fr/progress.html",
        "fr/my-handout.html",
        "fr/certificate.html",
        "fr/handouts/basics.html",
    ] {
        assert_eq!(attrs(&page(&built, file), "html", "lang"), ["fr"], "{file}");
    }
    let glossary = page(&built, "fr/glossary.html");
    assert!(texts(&glossary, "dt")
        .iter()
        .any(|t| t.contains("Délégation")));
    let docs = |prefix: &str| built.site.text(&format!("{prefix}assets/search/docs-0.js"));
    let (fr_docs, en_docs) = (docs("fr/").unwrap(), docs("").unwrap());
    assert!(fr_docs.contains("Confier le travail"), "{fr_docs}");
    assert!(!en_docs.contains("Confier le travail"), "{en_docs}");
}

#[test]
fn a_missing_translation_is_one_warning_per_language_listing_the_pages() {
    let built = build("languages");
    let warnings: Vec<String> = built.warnings.iter().map(|w| w.as_warning()).collect();
    assert_eq!(
        warnings,
        ["warning: 1 page is not translated into `fr`: content/01-basics/02-second.md\n--> content\n = help: until they are, the `fr` site shows them in the default language and its language switcher sends their readers to the `fr` home page; translate each beside its original, e.g. content/01-basics/02-second.fr.md"]
    );
}

#[test]
fn a_translation_without_an_original_is_an_error() {
    let (_tmp, root) = copy_fixture("languages");
    let orphan = root.join("content/01-basics/03-third.fr.md");
    std::fs::write(&orphan, "---\ntitle: Troisième\n---\n\nTexte.\n").unwrap();
    assert_eq!(
        build_error(&root),
        "error: `content/01-basics/03-third.fr.md` is a translation (`fr`) of `content/01-basics/03-third.md`, which does not exist\n --> content/01-basics/03-third.fr.md:1:1\n  |\n1 | ---\n  | ^\n  |\n  = help: every page is written in the default language (`en`) first: add `content/01-basics/03-third.md`, or rename this file so that its name names the original it translates"
    );
}

#[test]
fn language_must_agree_with_the_first_of_languages() {
    let (_tmp, root) = write_course(&[
        (
            "course.yaml",
            "id: c\ntitle: T\nlanguage: de\nlanguages: [en, fr]\n",
        ),
        ("content/_index.md", "---\ntitle: Home\n---\n"),
    ]);
    assert_eq!(
        build_error(&root),
        "error: `language: de` disagrees with `languages:`, whose first entry (`en`) is the default language\n --> course.yaml:3:11\n  |\n3 | language: de\n  |           ^\n  |\n  = help: remove `language:` (the first of `languages:` is the default), or make it `language: en`"
    );
}

#[test]
fn a_broken_link_in_a_translation_names_the_translation() {
    let (_tmp, root) = copy_fixture("languages");
    let lesson = root.join("content/01-basics/01-first.fr.md");
    let text = std::fs::read_to_string(&lesson).unwrap();
    std::fs::write(&lesson, text.replace("#who-owns-what", "#qui-fait-quoi")).unwrap();
    let error = build_error(&root);
    assert!(
        error.contains("content/01-basics/01-first.fr.md:6:"),
        "{error}"
    );
    assert!(error.contains("#qui-fait-quoi"), "{error}");
}

#[test]
fn without_languages_a_file_named_like_a_translation_is_an_ordinary_lesson() {
    let (_tmp, root) = write_course(&[
        ("course.yaml", "id: c\ntitle: T\n"),
        ("content/_index.md", "---\ntitle: Home\n---\n"),
        ("content/01-m/01-a.fr.md", "---\ntitle: A\n---\n"),
    ]);
    let built = common::build_course(&root, false);
    let lesson = page(&built, "m/a-fr.html");
    assert!(attrs(&lesson, ".language-switcher", "class").is_empty());
    assert!(!built.site.files.keys().any(|p| p.starts_with("fr/")));
}

#[test]
fn serve_builds_every_language_and_follows_edits_to_a_translation() {
    let (_tmp, root) = copy_fixture("languages");
    let server = common::client::serve(&root);
    let page = "/fr/basics/first.html";
    let first = common::client::get(server.addr, page);
    assert_eq!(first.status, 200);
    assert!(first.body.contains("passage de relais"), "{}", first.body);
    assert_eq!(
        common::client::get(server.addr, "/basics/first-fr.html").status,
        404
    );
    let lesson = root.join("content/01-basics/01-first.fr.md");
    let text = std::fs::read_to_string(&lesson).unwrap();
    std::fs::write(
        &lesson,
        text.replace("passage de relais", "passage du témoin"),
    )
    .unwrap();
    let start = std::time::Instant::now();
    while !common::client::get(server.addr, page)
        .body
        .contains("passage du témoin")
    {
        assert!(
            start.elapsed() < common::client::WAIT,
            "the edit was not served"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let en = common::client::get(server.addr, "/basics/first.html");
    assert!(en.body.contains("Handing work over"));
}

#[test]
fn each_language_has_a_sitemap_and_robots_txt_names_them_all() {
    let (_tmp, root) = copy_fixture("languages");
    let yaml = std::fs::read_to_string(root.join("course.yaml")).unwrap();
    let yaml = format!("{yaml}base_url: https://example.org/training/\n");
    std::fs::write(root.join("course.yaml"), yaml).unwrap();
    let built = common::build_course(&root, false);
    assert_eq!(
        built.site.text("robots.txt").unwrap(),
        "User-agent: *\nAllow: /\nSitemap: https://example.org/training/sitemap.xml\nSitemap: https://example.org/training/fr/sitemap.xml\n"
    );
    assert!(built.site.text("fr/robots.txt").is_none());
    let fr = built.site.text("fr/sitemap.xml").unwrap();
    assert!(
        fr.contains("<loc>https://example.org/training/fr/basics/first.html</loc>"),
        "{fr}"
    );
    let en = built.site.text("sitemap.xml").unwrap();
    assert!(
        en.contains("<loc>https://example.org/training/basics/first.html</loc>"),
        "{en}"
    );
    let lesson = page(&built, "fr/basics/first.html");
    assert_eq!(
        attrs(&lesson, "link[rel=canonical]", "href"),
        ["https://example.org/training/fr/basics/first.html"]
    );
}

#[test]
fn package_says_the_lms_tracks_the_default_language_only() {
    let (tmp, root) = copy_fixture("languages");
    let zip = tmp.path().join("course.zip");
    let root_arg = root.to_str().unwrap();
    let args = [
        "package",
        root_arg,
        "--format",
        "scorm12",
        "--out",
        zip.to_str().unwrap(),
    ];
    let output = common::run(&args);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("The LMS tracks the default language (en) only: the other languages (fr) are in the package under their folders, for reading, and their progress stays in the learner's browser.\n"),
        "{stdout}"
    );
}

const TWO_LANGUAGES: &str = "id: c\ntitle: T\nlanguages: [en, fr]\nstrings:\n  search_placeholder: Find a lesson\ntranslations:\n  fr:\n    title: Tf\n    strings:\n      search_placeholder: Chercher une leçon\n";

#[test]
fn each_language_takes_its_own_strings_and_a_module_page_may_exist_only_translated() {
    let (_tmp, root) = write_course(&[
        ("course.yaml", TWO_LANGUAGES),
        ("content/_index.md", "---\ntitle: Home\n---\n"),
        ("content/01-m/01-a.md", "---\ntitle: A\n---\n\nText.\n"),
        (
            "content/01-m/_index.fr.md",
            "---\ntitle: Le module\n---\n\nAperçu.\n",
        ),
    ]);
    let built = common::build_course(&root, false);
    let placeholder = |path| attrs(&page(&built, path), "#search-input", "placeholder");
    assert_eq!(placeholder("index.html"), ["Find a lesson"]);
    assert_eq!(placeholder("fr/index.html"), ["Chercher une leçon"]);
    assert_eq!(texts(&page(&built, "fr/m/index.html"), "h1"), ["Le module"]);
    let warnings: Vec<String> = built.warnings.iter().map(|w| w.message.clone()).collect();
    assert_eq!(
        warnings,
        ["2 pages are not translated into `fr`: content/01-m/01-a.md, content/_index.md"]
    );
}

#[test]
fn an_unknown_string_of_a_translation_is_an_error_with_a_did_you_mean() {
    let yaml = TWO_LANGUAGES.replace("      search_placeholder", "      search_placehlder");
    let (_tmp, root) = write_course(&[
        ("course.yaml", &yaml),
        ("content/_index.md", "---\ntitle: Home\n---\n"),
    ]);
    assert_eq!(
        build_error(&root),
        "error: unknown interface string `search_placehlder` in the `strings:` of `translations: fr`\n --> course.yaml:6:14\n  |\n6 | translations:\n  |              ^\n  |\n  = help: did you mean `search_placeholder`? The keys are those of the English catalog, listed in the README"
    );
}

#[test]
fn a_draft_stays_a_draft_in_its_translation() {
    let (_tmp, root) = write_course(&[
        ("course.yaml", "id: c\ntitle: T\nlanguages: [en, fr]\n"),
        ("content/_index.md", "---\ntitle: Home\n---\n"),
        ("content/_index.fr.md", "---\ntitle: Accueil\n---\n"),
        ("content/01-m/01-a.md", "---\ntitle: A\n---\n"),
        ("content/01-m/02-b.md", "---\ntitle: B\ndraft: true\n---\n"),
        ("content/01-m/02-b.fr.md", "---\ntitle: Bé\n---\n"),
    ]);
    let built = common::build_course(&root, false);
    assert!(built.site.text("m/a.html").is_some() && built.site.text("fr/m/a.html").is_some());
    assert!(built.site.text("m/b.html").is_none());
    assert!(built.site.text("fr/m/b.html").is_none());
}

#[test]
fn serve_shows_an_edit_of_an_untranslated_original_in_the_other_language_too() {
    let (_tmp, root) = copy_fixture("languages");
    let server = common::client::serve(&root);
    let page = "/fr/basics/second.html";
    assert!(common::client::get(server.addr, page)
        .body
        .contains("Sellers sell"));
    let lesson = root.join("content/01-basics/02-second.md");
    let text = std::fs::read_to_string(&lesson).unwrap();
    std::fs::write(&lesson, text.replace("Sellers sell", "Sellers close")).unwrap();
    let start = std::time::Instant::now();
    while !common::client::get(server.addr, page)
        .body
        .contains("Sellers close")
    {
        assert!(
            start.elapsed() < common::client::WAIT,
            "the edit was not served"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn a_right_to_left_translation_reads_right_to_left_and_keeps_anchors_by_id() {
    let (_tmp, root) = write_course(&[
        ("course.yaml", "id: c\ntitle: T\nlanguages: [en, ar]\n"),
        (
            "content/_index.md",
            "---\ntitle: Home\n---\n\n[Who](01-m/01-a.md#who)\n",
        ),
        (
            "content/_index.ar.md",
            "---\ntitle: الرئيسية\n---\n\n[من](01-m/01-a.md#who)\n",
        ),
        ("content/01-m/01-a.md", "---\ntitle: A\n---\n\n## Who\n"),
        (
            "content/01-m/01-a.ar.md",
            "---\ntitle: أ\n---\n\n## من {#who}\n",
        ),
    ]);
    let built = common::build_course(&root, false);
    let home = page(&built, "ar/index.html");
    assert_eq!(attrs(&home, "html", "dir"), ["rtl"]);
    assert_eq!(attrs(&home, "html", "lang"), ["ar"]);
    assert_eq!(attrs(&page(&built, "index.html"), "html", "dir"), ["ltr"]);
    assert_eq!(texts(&page(&built, "ar/m/a.html"), "h2#who"), ["من#"]);
}

#[test]
fn languages_and_translations_are_checked() {
    let error = |yaml: &str| {
        let home = ("content/_index.md", "---\ntitle: Home\n---\n");
        let (_tmp, root) = write_course(&[("course.yaml", yaml), home]);
        build_error(&root)
    };
    assert_eq!(
        error("id: c\ntitle: T\nlanguages: [en, fr, en]\n"),
        "error: `languages:` must list distinct language tags such as `en`, `fr`, `pt-BR`\n --> course.yaml:3:12\n  |\n3 | languages: [en, fr, en]\n  |            ^\n  |\n  = help: write each language once, the default first, e.g. `languages: [en, fr]`"
    );
    assert_eq!(
        error("id: c\ntitle: T\ntranslations:\n  fr: {title: Tf}\n"),
        "error: `translations:` has `fr` but there is no `languages:`\n --> course.yaml:3:14\n  |\n3 | translations:\n  |              ^\n  |\n  = help: list the course's languages, the default first, e.g. `languages: [en, fr]`"
    );
    assert_eq!(
        error("id: c\ntitle: T\nlanguages: [en, fr]\ntranslations:\n  de: {title: Td}\n"),
        "error: `translations:` has `de`, which is not one of the other languages of `languages:`\n --> course.yaml:4:14\n  |\n4 | translations:\n  |              ^\n  |\n  = help: add `de` to `languages:`, or remove its translation"
    );
}
