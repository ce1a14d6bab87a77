//! Interface text: one catalog per language, built in (`catalogs/<tag>.yaml`), chosen by
//! `course.yaml`'s `language:` and overridden string by string with its `strings:`. Templates
//! read the catalog as the global `t` and the function `tr` (see `render/strings.rs`);
//! the theme's scripts read it from `assets/strings.js` ([`script`]).
//!
//! A catalog is YAML (no second syntax for authors): `page:` holds what only templates show,
//! `script:` what the scripts show too. An entry is a text with `{name}` placeholders, or a
//! map of CLDR plural categories (`one`, `few`, `other`…) chosen by `{n}` ([`plural`]).

pub mod plural;
pub mod script;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, OnceLock};

use serde::{Deserialize, Serialize};

/// One catalog entry: a text, or its forms by CLDR plural category.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Entry {
    Text(String),
    Plural(BTreeMap<String, String>),
}

/// A catalog file as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogFile {
    page: BTreeMap<String, Entry>,
    script: BTreeMap<String, Entry>,
}

/// The built-in catalogs: language tag → YAML.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("en", include_str!("catalogs/en.yaml")),
    ("de", include_str!("catalogs/de.yaml")),
    ("fr", include_str!("catalogs/fr.yaml")),
    ("es", include_str!("catalogs/es.yaml")),
    ("pt", include_str!("catalogs/pt.yaml")),
    ("it", include_str!("catalogs/it.yaml")),
    ("nl", include_str!("catalogs/nl.yaml")),
    ("pl", include_str!("catalogs/pl.yaml")),
    ("sv", include_str!("catalogs/sv.yaml")),
    ("ja", include_str!("catalogs/ja.yaml")),
    ("zh-Hans", include_str!("catalogs/zh-Hans.yaml")),
    ("ko", include_str!("catalogs/ko.yaml")),
    ("ar", include_str!("catalogs/ar.yaml")),
    ("he", include_str!("catalogs/he.yaml")),
    ("hi", include_str!("catalogs/hi.yaml")),
];

/// Languages written right to left: their pages get `dir="rtl"`.
const RIGHT_TO_LEFT: &[&str] = &["ar", "he", "fa", "ur"];

/// The interface text of one course: a built-in catalog with the author's overrides.
#[derive(Debug, Clone)]
pub struct Strings {
    /// The catalog's language tag (`fr`, `zh-Hans`), for plural rules and `Intl`.
    pub language: String,
    /// Every entry, page and script ones together.
    pub entries: BTreeMap<String, Entry>,
    /// The keys the scripts read.
    pub script_keys: Vec<String>,
}

impl Strings {
    /// The strings for `language` (a BCP 47 tag) with `overrides` applied, and the built-in
    /// catalog's tag: `None` when no catalog fits and English is used.
    pub fn for_language(language: &str, overrides: &BTreeMap<String, Entry>) -> (Strings, bool) {
        let tag = catalog_tag(language);
        let mut strings = parse(tag.unwrap_or("en"));
        strings.entries.extend(overrides.clone());
        (strings, tag.is_some())
    }

    /// The text of entry `key` without placeholders filled (the key itself if unknown).
    pub fn text(&self, key: &str) -> String {
        self.format(key, &[]).unwrap_or_else(|| key.to_string())
    }

    /// A duration as pages show it: `10 min`, `2 h`, `1 h 35 min` in English.
    pub fn duration(&self, minutes: u32) -> String {
        let (h, m) = (minutes / 60, minutes % 60);
        let (key, args) = match (h, m) {
            (0, m) => ("duration_min", [("m", m.to_string()), ("n", m.to_string())]),
            (h, 0) => ("duration_h", [("h", h.to_string()), ("n", h.to_string())]),
            (h, m) => (
                "duration_h_min",
                [("h", h.to_string()), ("m", m.to_string())],
            ),
        };
        self.format(key, &args).unwrap_or_default()
    }

    /// `dir` for `<html>`: `rtl` for right-to-left languages, else `ltr`.
    pub fn direction(language: &str) -> &'static str {
        let primary = language.split(['-', '_']).next().unwrap_or("");
        if RIGHT_TO_LEFT.contains(&primary.to_ascii_lowercase().as_str()) {
            "rtl"
        } else {
            "ltr"
        }
    }

    /// The entry `key` with `{name}` placeholders filled from `args`; a plural entry takes its
    /// form from `n` (0 when not given). `None` for an unknown key.
    pub fn format(&self, key: &str, args: &[(&str, String)]) -> Option<String> {
        Some(format_entry(&self.language, self.entries.get(key)?, args))
    }
}

/// `entry` in `language` with `args` filled in: a plural entry's form is chosen by `n`.
pub fn format_entry(language: &str, entry: &Entry, args: &[(&str, String)]) -> String {
    let text = match entry {
        Entry::Text(t) => t.as_str(),
        Entry::Plural(forms) => {
            let n = args.iter().find(|(k, _)| *k == "n");
            let n = n.and_then(|(_, v)| v.parse::<f64>().ok()).unwrap_or(0.0);
            plural::form(language, forms, n)
        }
    };
    fill(text, args)
}

/// [`Strings::for_language`], kept for the last language and overrides asked for: the
/// Markdown of every page asks (its directives' buttons), in parallel.
pub fn cached(language: &str, overrides: &BTreeMap<String, Entry>) -> Arc<Strings> {
    type Last = Option<(String, BTreeMap<String, Entry>, Arc<Strings>)>;
    static LAST: Mutex<Last> = Mutex::new(None);
    let mut last = LAST.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((l, o, strings)) = last.as_ref() {
        if l == language && o == overrides {
            return strings.clone();
        }
    }
    let strings = Arc::new(Strings::for_language(language, overrides).0);
    *last = Some((language.to_string(), overrides.clone(), strings.clone()));
    strings
}

/// `text` with each `{name}` replaced by its value in `args`.
pub fn fill(text: &str, args: &[(&str, String)]) -> String {
    args.iter().fold(text.to_string(), |t, (k, v)| {
        t.replace(&format!("{{{k}}}"), v)
    })
}

/// The built-in catalog for `language`: the exact tag, else its language and script
/// (`zh-Hans-CN`), else its language (`pt-BR` → `pt`; `zh`, `zh-CN`, `zh-SG` → `zh-Hans`).
pub fn catalog_tag(language: &str) -> Option<&'static str> {
    let lower = language.replace('_', "-").to_ascii_lowercase();
    let find = |t: &str| {
        BUILT_IN
            .iter()
            .map(|(tag, _)| *tag)
            .find(|tag| tag.to_ascii_lowercase() == t)
    };
    let parts: Vec<&str> = lower.split('-').collect();
    let with_script = parts.get(..2).map(|p| p.join("-"));
    if let Some(tag) = find(&lower).or_else(|| with_script.as_deref().and_then(find)) {
        return Some(tag);
    }
    match parts[0] {
        "zh" if !lower.contains("hant") && !matches!(parts.get(1), Some(&"tw" | &"hk" | &"mo")) => {
            Some("zh-Hans")
        }
        primary => find(primary),
    }
}

/// The tags of the built-in catalogs, for messages.
pub fn built_in_tags() -> Vec<&'static str> {
    BUILT_IN.iter().map(|(tag, _)| *tag).collect()
}

/// Every key of the English catalog, the reference: what `strings:` may override.
pub fn known_keys() -> &'static [String] {
    static KEYS: OnceLock<Vec<String>> = OnceLock::new();
    KEYS.get_or_init(|| parse("en").entries.into_keys().collect())
}

/// The built-in catalog `tag`, parsed (they are tested to parse and to be complete); each
/// catalog is parsed once per process.
pub fn parse(tag: &str) -> Strings {
    static PARSED: Mutex<BTreeMap<String, Arc<Strings>>> = Mutex::new(BTreeMap::new());
    let mut parsed = PARSED.lock().unwrap_or_else(|e| e.into_inner());
    let strings = parsed
        .entry(tag.to_string())
        .or_insert_with(|| Arc::new(parse_catalog(tag)));
    Strings::clone(strings)
}

fn parse_catalog(tag: &str) -> Strings {
    let yaml = BUILT_IN
        .iter()
        .find(|(t, _)| *t == tag)
        .map_or(BUILT_IN[0].1, |(_, y)| y);
    let file: CatalogFile = serde_saphyr::from_str(yaml)
        .unwrap_or_else(|e| panic!("built-in catalog {tag} does not parse: {e}"));
    let script_keys = file.script.keys().cloned().collect();
    let mut entries = file.page;
    entries.extend(file.script);
    Strings {
        language: tag.to_string(),
        entries,
        script_keys,
    }
}

#[cfg(test)]
mod tests;
