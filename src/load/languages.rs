//! `languages:` and `translations:` in `course.yaml`, checked (the languages module splits
//! the course by them), and how a translation's file is named.

use std::collections::BTreeSet;
use std::path::Path;

use super::CourseConfig;
use crate::error::{Diagnostic, Diagnostics};

/// `name` with `lang` before its extension: `glossary.yaml` → `glossary.fr.yaml`.
pub fn file_name(name: &str, lang: &str) -> String {
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{lang}.{ext}"),
        None => format!("{name}.{lang}"),
    }
}

/// Checks `languages:` and `translations:` and makes `language` the default language.
pub fn settle(file: &Path, text: &str, config: &mut CourseConfig) -> Result<(), Diagnostics> {
    let Some(first) = config.languages.first().cloned() else {
        if let Some(lang) = config.translations.keys().next() {
            let message = format!("`translations:` has `{lang}` but there is no `languages:`");
            return Err(at_key(file, text, "translations", message)
                .help(format!("list the course's languages, the default first, e.g. `languages: [{}, {lang}]`", config.language))
                .into());
        }
        return Ok(());
    };
    let language_given = text.lines().any(|l| l.starts_with("language:"));
    if language_given && config.language != first {
        let message = format!(
            "`language: {}` disagrees with `languages:`, whose first entry (`{first}`) is the default language",
            config.language
        );
        return Err(at_key(file, text, "language", message)
            .help(format!("remove `language:` (the first of `languages:` is the default), or make it `language: {first}`"))
            .into());
    }
    let seen: BTreeSet<&String> = config.languages.iter().collect();
    if seen.len() != config.languages.len() || config.languages.iter().any(|l| !is_tag(l)) {
        let message = "`languages:` must list distinct language tags such as `en`, `fr`, `pt-BR`";
        return Err(at_key(file, text, "languages", message)
            .help("write each language once, the default first, e.g. `languages: [en, fr]`")
            .into());
    }
    if let Some(lang) = (config.translations.keys()).find(|l| !config.languages[1..].contains(l)) {
        let message = format!(
            "`translations:` has `{lang}`, which is not one of the other languages of `languages:`"
        );
        return Err(at_key(file, text, "translations", message)
            .help(format!(
                "add `{lang}` to `languages:`, or remove its translation"
            ))
            .into());
    }
    config.language = first;
    unknown_translated_strings(file, text, config)
}

/// An error for the first key of a translation's `strings:` that no catalog has.
fn unknown_translated_strings(
    file: &Path,
    text: &str,
    config: &CourseConfig,
) -> Result<(), Diagnostics> {
    let known: Vec<&str> = crate::i18n::known_keys()
        .iter()
        .map(String::as_str)
        .collect();
    let strings = config
        .translations
        .iter()
        .flat_map(|(lang, t)| t.strings.keys().map(move |k| (lang, k)));
    let Some((lang, key)) = strings
        .into_iter()
        .find(|(_, k)| !known.contains(&k.as_str()))
    else {
        return Ok(());
    };
    let message =
        format!("unknown interface string `{key}` in the `strings:` of `translations: {lang}`");
    let d = at_key(file, text, "translations", message);
    Err(match crate::error::did_you_mean(key, &known) {
        Some(near) => d.help(format!("did you mean `{near}`? The keys are those of the English catalog, listed in the README")),
        None => d.help("remove it, or use a key of the English catalog (listed in the README)"),
    }
    .into())
}

fn is_tag(s: &str) -> bool {
    !s.is_empty() && s.len() <= 16 && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

fn at_key(file: &Path, text: &str, key: &str, message: impl Into<String>) -> Diagnostic {
    let (line, col) = super::key_place(text, key);
    Diagnostic::at(file, text, line, col, message)
}
