//! One [`Source`] per language of a course, from the files loaded beside each other.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::{Diagnostic, Diagnostics};
use crate::load::{MarkdownFile, Source, Table};

/// The course's languages, each as a source to model and render on its own.
pub struct Split {
    /// The default language's first, then the others' in `languages:` order.
    pub sources: Vec<Source>,
    /// For each source, the pages (paths relative to `content/`) that are its own
    /// translations; every page of the default language's.
    pub translated: Vec<BTreeSet<String>>,
    /// Translations without an original.
    pub problems: Diagnostics,
    /// One per language with pages left untranslated.
    pub warnings: Vec<Diagnostic>,
}

/// Splits `source` by language (a course without `languages:` is one language, unchanged).
pub fn split(mut source: Source) -> Split {
    let others: Vec<String> = source.config.languages.iter().skip(1).cloned().collect();
    let rel = |p: &MarkdownFile| p.rel.to_string_lossy().replace('\\', "/");
    let (mut pages, mut translated_pages) = (Vec::new(), BTreeMap::new());
    for page in std::mem::take(&mut source.pages) {
        match super::translation_of(&rel(&page), &others) {
            Some((lang, base)) => translated_pages.insert((lang.to_string(), base), page),
            None => {
                pages.push(page);
                None
            }
        };
    }
    let (mut tables, mut translated_tables) = (Vec::new(), BTreeMap::new());
    for table in std::mem::take(&mut source.tables) {
        match super::translation_of(&table.path, &others) {
            Some((lang, base)) => translated_tables.insert((lang.to_string(), base), table),
            None => {
                tables.push(table);
                None
            }
        };
    }
    source.pages = pages;
    source.tables = tables;
    let originals: BTreeSet<String> = source.pages.iter().map(rel).collect();
    let mut problems = Diagnostics::default();
    for ((lang, base), page) in &translated_pages {
        if !originals.contains(base) && !is_module_page_of(base, &originals) {
            problems.push(orphan(page, lang, base, &source.config.language));
        }
    }
    let everything = originals.clone();
    let mut split = Split {
        sources: Vec::new(),
        translated: vec![everything],
        problems,
        warnings: Vec::new(),
    };
    for lang in &others {
        let (translation, done) =
            translate(&source, lang, &mut translated_pages, &mut translated_tables);
        let missing: Vec<&String> = originals.difference(&done).collect();
        if !missing.is_empty() {
            split.warnings.push(untranslated(lang, &missing));
        }
        split.sources.push(translation);
        split.translated.push(done);
    }
    split.sources.insert(0, source);
    split
}

/// The source of language `lang`: the default's pages and tables, each replaced by its
/// translation (under the original's path); and which pages were.
fn translate(
    default: &Source,
    lang: &str,
    pages: &mut BTreeMap<(String, String), MarkdownFile>,
    tables: &mut BTreeMap<(String, String), Table>,
) -> (Source, BTreeSet<String>) {
    let mut source = default.clone();
    let mut done = BTreeSet::new();
    for page in &mut source.pages {
        let base = page.rel.to_string_lossy().replace('\\', "/");
        if let Some(mut translation) = pages.remove(&(lang.to_string(), base.clone())) {
            translation.rel = page.rel.clone();
            // a draft stays one in every language
            translation.front.draft |= page.front.draft;
            *page = translation;
            done.insert(base);
        }
    }
    // a module without `_index.md` may have a translated page all the same
    let modules: Vec<(String, String)> = (pages.keys())
        .filter(|(l, base)| l == lang && base.ends_with("_index.md"))
        .cloned()
        .collect();
    for key in modules {
        if let Some(mut page) = pages.remove(&key) {
            page.rel = key.1.clone().into();
            source.pages.push(page);
            done.insert(key.1);
        }
    }
    source.pages.sort_by(|a, b| a.rel.cmp(&b.rel));
    for table in &mut source.tables {
        if let Some(mut translation) = tables.remove(&(lang.to_string(), table.path.clone())) {
            translation.path = table.path.clone();
            *table = translation;
        }
    }
    let config = &mut source.config;
    config.language = lang.to_string();
    let translation = default.config.translations.get(lang).cloned();
    let translation = translation.unwrap_or_default();
    config.title = translation.title.unwrap_or_else(|| config.title.clone());
    config.description = translation.description.or(config.description.take());
    config.strings = translation.strings;
    config.base_url =
        (config.base_url.take()).map(|b| format!("{}/{lang}/", b.trim_end_matches('/')));
    if let Some(glossary) = default.translated_glossaries.get(lang) {
        source.glossary = Some(glossary.clone());
    }
    source.lock = None;
    (source, done)
}

/// Whether `base` is the `_index.md` of a folder that has pages in the default language.
fn is_module_page_of(base: &str, originals: &BTreeSet<String>) -> bool {
    let Some(folder) = base.strip_suffix("_index.md") else {
        return false;
    };
    !folder.is_empty() && originals.iter().any(|o| o.starts_with(folder))
}

fn orphan(page: &MarkdownFile, lang: &str, base: &str, default: &str) -> Diagnostic {
    let message = format!(
        "`{}` is a translation (`{lang}`) of `content/{base}`, which does not exist",
        page.file.display()
    );
    Diagnostic::at(&page.file, &page.text, 1, 1, message).help(format!(
        "every page is written in the default language (`{default}`) first: add `content/{base}`, or rename this file so that its name names the original it translates"
    ))
}

fn untranslated(lang: &str, missing: &[&String]) -> Diagnostic {
    let list: Vec<String> = missing.iter().map(|m| format!("content/{m}")).collect();
    let n = missing.len();
    let pages = if n == 1 { "page is" } else { "pages are" };
    let example = super::file_name(missing[0], lang);
    Diagnostic::file(
        "content",
        format!("{n} {pages} not translated into `{lang}`: {}", list.join(", ")),
    )
    .help(format!(
        "until they are, the `{lang}` site shows them in the default language and its language switcher sends their readers to the `{lang}` home page; translate each beside its original, e.g. content/{example}"
    ))
}
