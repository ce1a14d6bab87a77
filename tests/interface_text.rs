//! Interface text from catalogs: `language:` picks the catalog, `strings:` overrides it (an
//! unknown key is an error with a "did you mean"), an unknown language falls back to English
//! with a warning, and no English interface text is left in a build in another language.

mod common;

use common::{attrs, build_course, build_error, copy_fixture, page, texts, write_course};

const HOME: (&str, &str) = ("content/_index.md", "---\ntitle: Home\n---\n\nWelcome.\n");
const LESSON: (&str, &str) = (
    "content/01-m/01-a.md",
    "---\ntitle: A\nobjectives: [Sell]\n---\n\n## Part\n\n- [ ] One\n",
);

fn course(yaml: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    write_course(&[("course.yaml", yaml), HOME, LESSON])
}

#[test]
fn an_english_course_reads_the_english_catalog() {
    let (_tmp, root) = course("id: c\ntitle: T\n");
    let built = build_course(&root, false);
    let home = page(&built, "index.html");
    assert_eq!(attrs(&home, "html", "dir"), ["ltr"]);
    assert_eq!(texts(&home, ".course-meta"), ["1 lesson in 1 module"]);
    assert_eq!(
        texts(&home, ".course-progress .progress-text"),
        ["0 of 1 lesson complete"]
    );
    let js = built
        .site
        .text("assets/strings.js")
        .expect("strings.js is written");
    assert!(js.contains("\"no_results\":\"No results\""), "{js}");
    let src = attrs(&home, "script[src^='assets/strings.js']", "src");
    assert!(src[0].starts_with("assets/strings.js?v="), "{src:?}");
}

#[test]
fn strings_override_the_catalog() {
    let yaml = "id: c\ntitle: T\nstrings:\n  search_placeholder: Find a lesson\n  lessons:\n    one: \"{n} session\"\n    other: \"{n} sessions\"\n";
    let (_tmp, root) = course(yaml);
    let home = page(&build_course(&root, false), "index.html");
    assert_eq!(
        attrs(&home, "#search-input", "placeholder"),
        ["Find a lesson"]
    );
    assert_eq!(texts(&home, ".course-meta"), ["1 session in 1 module"]);
}

#[test]
fn an_unknown_string_key_is_an_error_with_a_did_you_mean() {
    let (_tmp, root) = course("id: c\ntitle: T\nstrings:\n  search_placehlder: Find\n");
    assert_eq!(
        build_error(&root),
        "error: unknown interface string `search_placehlder` in `strings:`\n --> course.yaml:4:3\n  |\n4 |   search_placehlder: Find\n  |   ^\n  |\n  = help: did you mean `search_placeholder`? The keys are those of the English catalog, listed in the README"
    );
}

/// A theme's `strings.yaml` with per-language maps.
const THEME_STRINGS: &str = "en:\n  search_placeholder: Look up\nfr:\n  search_placeholder: Chercher un mot\n  previous: Avant\n";

#[test]
fn a_theme_rewords_strings_in_its_language_and_course_yaml_wins() {
    let yaml = "id: c\ntitle: T\nlanguage: fr-CA\ntheme: house\nstrings:\n  previous: Précédente\n";
    let theme = ("themes/house/strings.yaml", THEME_STRINGS);
    let (_tmp, root) = write_course(&[("course.yaml", yaml), HOME, LESSON, theme]);
    let built = build_course(&root, false);
    let home = page(&built, "index.html");
    assert_eq!(
        attrs(&home, "#search-input", "placeholder"),
        ["Chercher un mot"]
    );
    let lesson = page(&built, "m/a.html");
    assert_eq!(texts(&lesson, ".pager-prev span"), ["Précédente"]);
    let (_tmp, root) = write_course(&[
        ("course.yaml", "id: c\ntitle: T\ntheme: house\n"),
        HOME,
        LESSON,
        theme,
    ]);
    let home = page(&build_course(&root, false), "index.html");
    assert_eq!(attrs(&home, "#search-input", "placeholder"), ["Look up"]);
}

#[test]
fn an_unknown_string_key_in_a_theme_is_an_error_with_a_did_you_mean() {
    let theme = (
        "themes/house/strings.yaml",
        "fr:\n  search_placeholder: Chercher\n  scenario_restrat: Recommencer\n",
    );
    let (_tmp, root) = write_course(&[
        ("course.yaml", "id: c\ntitle: T\ntheme: house\n"),
        HOME,
        LESSON,
        theme,
    ]);
    assert_eq!(
        build_error(&root),
        "error: unknown interface string `scenario_restrat` in `fr:` of themes/house/strings.yaml\n --> themes/house/strings.yaml:3:3\n  |\n3 |   scenario_restrat: Recommencer\n  |   ^\n  |\n  = help: did you mean `scenario_restart`? The keys are those of the English catalog, listed in the README"
    );
}

#[test]
fn an_unknown_language_falls_back_to_english_with_a_warning() {
    let (_tmp, root) = course("id: c\ntitle: T\nlanguage: tlh\n");
    let built = build_course(&root, false);
    let warning = built
        .warnings
        .iter()
        .map(|w| w.as_warning())
        .collect::<String>();
    assert!(warning.contains("there is no built-in interface text for `language: tlh`, so the interface is in English"), "{warning}");
    assert!(warning.contains("use one of en, "), "{warning}");
    let home = page(&built, "index.html");
    assert_eq!(attrs(&home, "html", "lang"), ["tlh"]);
    assert_eq!(texts(&home, "#progress-title"), ["Your progress"]);
}

/// The English catalog's texts of three words or more, placeholders cut out.
fn english_phrases() -> Vec<String> {
    let en = lectern::i18n::parse("en");
    let mut phrases = Vec::new();
    for entry in en.entries.values() {
        let texts: Vec<&String> = match entry {
            lectern::i18n::Entry::Text(t) => vec![t],
            lectern::i18n::Entry::Plural(f) => f.values().collect(),
        };
        for text in texts {
            for piece in text.split(['{', '}']) {
                if piece.split_whitespace().count() >= 3 {
                    phrases.push(piece.trim().to_string());
                }
            }
        }
    }
    phrases
}

/// Every page and script of `built` that contains one of `phrases`, with the phrase.
fn english_left(built: &lectern::Built, phrases: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    for (path, _) in built.site.files.iter() {
        let Some(text) = built.site.text(path) else {
            continue;
        };
        if !(path.ends_with(".html") || path.ends_with(".js")) {
            continue;
        }
        let text = text.replace("&#39;", "'");
        for phrase in phrases.iter().filter(|p| text.contains(p.as_str())) {
            found.push(format!("{path}: {phrase}"));
        }
    }
    found
}

/// The `interface-text` fixture (every feature: scenario, reflections with a template,
/// repeating checklists, commitments, glossary, quiz, sorts, table, facilitator notes,
/// durations) copied with `language: tag`.
fn every_feature(tag: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, root) = copy_fixture("interface-text");
    let yaml = std::fs::read_to_string(root.join("course.yaml")).unwrap();
    let yaml = yaml.replace("language: fr", &format!("language: {tag}"));
    std::fs::write(root.join("course.yaml"), yaml).unwrap();
    (tmp, root)
}

/// The fixture really holds every feature, and the build every page and script the check reads.
#[test]
fn the_every_feature_fixture_uses_every_feature() {
    let (_tmp, root) = every_feature("fr");
    let built = build_course(&root, false);
    let paths: Vec<&str> = built.site.files.keys().map(|p| p.as_str()).collect();
    for page in [
        "facilitator.html",
        "glossary.html",
        "progress.html",
        "certificate.html",
        "my-handout.html",
        "handouts/course.html",
        "404.html",
    ] {
        assert!(paths.contains(&page), "{page} in {paths:?}");
    }
    let theme = std::fs::read_dir(common::repo_root().join("themes/default/static")).unwrap();
    for script in theme.filter_map(|e| e.ok()).map(|e| e.file_name()) {
        let script = script.to_string_lossy().into_owned();
        if script.ends_with(".js") {
            let out = format!("assets/{script}");
            assert!(paths.contains(&out.as_str()), "{out} in {paths:?}");
        }
    }
    let all: String = paths
        .iter()
        .filter(|p| p.ends_with(".html"))
        .filter_map(|p| built.site.text(p))
        .collect();
    for feature in [
        "data-scenario=",
        "data-reflection=",
        "data-field=",
        "data-repeat=\"daily\"",
        "data-repeat=\"weekly\"",
        "data-repeat=\"monthly\"",
        "data-optional",
        "class=\"quiz",
        "data-sort=",
        "class=\"duration\"",
        "<table",
    ] {
        assert!(all.contains(feature), "no page has {feature}");
    }
    let lesson = page(&built, "practice/scenario.html");
    assert_eq!(texts(&lesson, ".lesson-meta .duration"), ["10 min"]);
}

#[test]
fn a_build_in_each_other_language_has_no_english_interface_text() {
    let phrases = english_phrases();
    assert!(phrases.len() > 90, "{phrases:?}");
    for tag in lectern::i18n::built_in_tags()
        .into_iter()
        .filter(|t| *t != "en")
    {
        let (_tmp, root) = every_feature(tag);
        let built = build_course(&root, false);
        let left = english_left(&built, &phrases);
        assert!(left.is_empty(), "{tag}: English left in {left:#?}");
    }
}
