//! `course.yaml`: the course's title, language, interface strings, author, address and look.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::i18n::Entry;

/// The settings in `course.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CourseConfig {
    /// The course's lasting name: the key learners' progress is stored under. Changing it
    /// loses every learner's progress, so it is set once (`lectern init` writes one).
    #[serde(default)]
    pub id: Option<String>,
    /// Shown in the header, the home page and every page title.
    pub title: String,
    /// One or two sentences for the home page and `<meta name=description>`.
    #[serde(default)]
    pub description: Option<String>,
    /// BCP 47 language tag for `<html lang>`.
    #[serde(default = "default_language")]
    pub language: String,
    /// Shown in the footer.
    #[serde(default)]
    pub author: Option<String>,
    /// Where the site will be published (`https://example.org/training/`); enables sitemap.
    #[serde(default)]
    pub base_url: Option<String>,
    /// Name of a folder under `themes/` that overrides the default theme.
    #[serde(default)]
    pub theme: Option<String>,
    /// Logo and accent colour for the default theme.
    #[serde(default)]
    pub brand: Brand,
    /// Path of the browser tab's icon, relative to the course folder's `static/`; without
    /// one, an icon in the accent colour is made (`assets/favicon.svg`).
    #[serde(default)]
    pub favicon: Option<String>,
    /// The author's wording of interface strings, by catalog key (`search_placeholder: Find`),
    /// over the built-in catalog of `language`.
    #[serde(default)]
    pub strings: BTreeMap<String, Entry>,
    /// The course's languages, the default first (`languages: [en, fr]`): each other one is
    /// built under its own folder from the `NAME.LANG.md`/`.yaml` files beside the originals.
    #[serde(default)]
    pub languages: Vec<String>,
    /// The title and description in each other language.
    #[serde(default)]
    pub translations: BTreeMap<String, Translation>,
}

/// The course's title and description in another language (`translations: {fr: {title: …}}`).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Translation {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// The author's wording of interface strings in this language (the course's `strings:`
    /// are the default language's).
    #[serde(default)]
    pub strings: BTreeMap<String, Entry>,
}

/// Restyling the default theme without touching templates.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Brand {
    /// Path of a logo image, relative to the course folder's `static/`.
    #[serde(default)]
    pub logo: Option<String>,
    /// A CSS colour such as `#1f6feb`.
    #[serde(default)]
    pub accent: Option<String>,
}

impl CourseConfig {
    /// Settings to check the rest of a course with when its `course.yaml` could not be read
    /// (the build fails on that problem anyway).
    pub fn placeholder() -> CourseConfig {
        CourseConfig {
            id: Some("course".to_string()),
            title: "Course".to_string(),
            description: None,
            language: default_language(),
            author: None,
            base_url: None,
            theme: None,
            brand: Brand::default(),
            favicon: None,
            strings: BTreeMap::new(),
            languages: Vec::new(),
            translations: BTreeMap::new(),
        }
    }
}

fn default_language() -> String {
    "en".to_string()
}

/// The longest course id: it names storage keys and, later, package files.
pub const MAX_ID: usize = 64;

/// True for ids Lectern accepts: 1–64 ASCII letters, digits, `-`, `_` or `.`, starting with a
/// letter or digit.
pub fn is_course_id(s: &str) -> bool {
    let starts_well = s.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
    starts_well
        && s.len() <= MAX_ID
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// True for `#rgb`, `#rrggbb` and `#rrggbbaa` colours: the only accent form we put in CSS.
pub fn is_hex_colour(s: &str) -> bool {
    let Some(hex) = s.strip_prefix('#') else {
        return false;
    };
    matches!(hex.len(), 3 | 4 | 6 | 8) && hex.chars().all(|c| c.is_ascii_hexdigit())
}
