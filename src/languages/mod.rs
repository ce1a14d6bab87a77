//! Courses in several languages: `languages: [en, fr]` in `course.yaml`.
//!
//! Translations sit beside the originals with the language before the extension, as in Hugo
//! and Zola (`01-promoted.fr.md`, `_index.fr.md`, `tables/delegation.fr.yaml`,
//! `glossary.fr.yaml`). [`split`] makes one [`Source`] per language from the loaded course:
//! the default language's files as they are, and for each other language the same pages under
//! the same paths, each replaced by its translation when there is one (so links, `src:` and
//! directive ids stay those of the original). Each language is then modelled and rendered on
//! its own, the default at the output root and the others under `LANG/`, and its learners'
//! progress is kept under its own course id (`ID.LANG`): a translation's items get their ids
//! from their own text and `{#id}`s, and `lectern.lock` pins only the default language's.
//! [`Alternates`] is what the theme's language switcher reads.

mod link;
mod split;

use serde::Serialize;

pub use crate::load::languages::file_name;
pub use link::{link, Prefixed};
pub use split::{split, Split};

/// The language and original's path of a translation's path (`a/01-x.fr.md` →
/// `(fr, a/01-x.md)`), when its language is one of `others`.
pub fn translation_of<'a>(rel: &str, others: &'a [String]) -> Option<(&'a str, String)> {
    let (stem, ext) = rel.rsplit_once('.')?;
    let (base, lang) = stem.rsplit_once('.')?;
    let lang = others.iter().find(|l| *l == lang)?;
    (!base.ends_with('/') && !base.is_empty()).then(|| (lang.as_str(), format!("{base}.{ext}")))
}

/// What a language switcher shows: every language of the course, and where each page is.
#[derive(Debug, Clone, Serialize)]
pub struct Alternates {
    /// From the page's language's root to the output root: `""` or `"../"`.
    pub up: String,
    pub languages: Vec<Alternate>,
}

/// One language of a course.
#[derive(Debug, Clone, Serialize)]
pub struct Alternate {
    pub code: String,
    /// Its own name for itself (`Français`).
    pub name: String,
    /// Its folder from the output root: `""` for the default language, `"fr/"`.
    pub prefix: String,
    /// The output paths of its translated pages (every page, for the default language), as
    /// keys (the switcher asks `page.url in pages`).
    pub pages: std::collections::BTreeMap<String, bool>,
}

/// A language's own name (its tag when Lectern does not know it).
pub fn native_name(code: &str) -> String {
    const NAMES: &[(&str, &str)] = &[
        ("en", "English"),
        ("de", "Deutsch"),
        ("fr", "Français"),
        ("es", "Español"),
        ("pt", "Português"),
        ("it", "Italiano"),
        ("nl", "Nederlands"),
        ("pl", "Polski"),
        ("sv", "Svenska"),
        ("ja", "日本語"),
        ("zh-Hans", "简体中文"),
        ("ko", "한국어"),
        ("ar", "العربية"),
        ("he", "עברית"),
        ("hi", "हिन्दी"),
        ("fa", "فارسی"),
        ("ru", "Русский"),
    ];
    NAMES
        .iter()
        .find(|(c, _)| *c == code)
        .map_or_else(|| code.to_string(), |(_, n)| n.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_translation_names_its_language_before_the_extension() {
        let others = ["fr".to_string(), "pt-BR".to_string()];
        let of = |rel| translation_of(rel, &others);
        assert_eq!(of("01-m/01-a.fr.md"), Some(("fr", "01-m/01-a.md".into())));
        assert_eq!(
            of("01-m/_index.fr.md"),
            Some(("fr", "01-m/_index.md".into()))
        );
        assert_eq!(
            of("tables/roles.pt-BR.yaml"),
            Some(("pt-BR", "tables/roles.yaml".into()))
        );
        assert_eq!(of("v1.2.fr.md"), Some(("fr", "v1.2.md".into())));
        // not a language of the course, no name before it, or no extension
        assert_eq!(of("01-m/01-a.de.md"), None);
        assert_eq!(of("01-m/01-a.md"), None);
        assert_eq!(of("fr.md"), None);
        assert_eq!(of("01-m/.fr.md"), None);
        assert_eq!(of("notes.fr"), None);
    }

    #[test]
    fn a_translation_file_name_puts_the_language_before_the_extension() {
        assert_eq!(file_name("glossary.yaml", "fr"), "glossary.fr.yaml");
        assert_eq!(file_name("README", "fr"), "README.fr");
    }
}
