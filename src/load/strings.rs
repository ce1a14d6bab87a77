//! Interface strings an author overrides: `course.yaml`'s `strings:` and a theme's
//! `strings.yaml`, one map per language (`fr: { search_placeholder: Chercher }`). Both are
//! checked against the English catalog's keys (an unknown key is an error with a "did you
//! mean"), and merged by precedence: `course.yaml` over the theme over the built-in catalog.

use std::collections::BTreeMap;
use std::path::Path;

use super::config::CourseConfig;
use super::nested_key_place;
use super::yaml;
use crate::error::{Diagnostic, Diagnostics};
use crate::i18n::Entry;

/// A theme's `strings.yaml`: language tag → key → text.
pub type ThemeStrings = BTreeMap<String, BTreeMap<String, Entry>>;

/// Where a key of an overrides map is written: its line and the column of its value.
pub type KeyPlace<'a> = &'a dyn Fn(&str) -> (usize, usize);

/// The theme's `strings.yaml` (`file`, relative to the course folder), parsed and checked.
pub fn parse_theme(file: &Path, text: &str) -> Result<ThemeStrings, Diagnostics> {
    if yaml::is_blank(text) {
        return Ok(ThemeStrings::new());
    }
    let parsed: ThemeStrings = yaml::parse(text, yaml::Fragment::whole(file, text))?;
    let mut problems = Diagnostics::default();
    for (language, entries) in &parsed {
        let place = |key: &str| nested_key_place(text, language, key);
        let what = format!("in `{language}:` of {}", file.display());
        problems.extend(unknown_keys(file, text, entries, (&what, &place)));
    }
    problems.into_result(parsed)
}

/// An error for each key of `entries` that no catalog has, with the nearest known key;
/// `place` gives a key's line and the column of its value.
pub fn unknown_keys(
    file: &Path,
    text: &str,
    entries: &BTreeMap<String, Entry>,
    (what, place): (&str, KeyPlace),
) -> Diagnostics {
    let known: Vec<&str> = crate::i18n::known_keys()
        .iter()
        .map(String::as_str)
        .collect();
    let mut problems = Diagnostics::default();
    for key in entries.keys().filter(|k| !known.contains(&k.as_str())) {
        let (line, col) = place(key);
        let col = col.saturating_sub(key.len() + 2).max(1);
        let message = format!("unknown interface string `{key}` {what}");
        let d = Diagnostic::at(file, text, line, col, message);
        problems.push(match crate::error::did_you_mean(key, &known) {
            Some(near) => d.help(format!("did you mean `{near}`? The keys are those of the English catalog, listed in the README")),
            None => d.help("remove it, or use a key of the English catalog (listed in the README)"),
        });
    }
    problems
}

/// `config.strings` with the theme's strings for the course's language under it: the course's
/// own wording wins. The theme's map for the exact `language:` is used, else the one for its
/// built-in catalog (`pt` for `pt-BR`).
pub fn apply_theme(config: &mut CourseConfig, theme: &ThemeStrings) {
    let language = config.language.to_ascii_lowercase();
    let tag = crate::i18n::catalog_tag(&language).map(str::to_ascii_lowercase);
    let find = |wanted: &str| {
        theme
            .iter()
            .find(|(l, _)| l.replace('_', "-").to_ascii_lowercase() == wanted)
    };
    let Some((_, entries)) = find(&language).or_else(|| tag.as_deref().and_then(find)) else {
        return;
    };
    let mut merged = entries.clone();
    merged.extend(std::mem::take(&mut config.strings));
    config.strings = merged;
}
