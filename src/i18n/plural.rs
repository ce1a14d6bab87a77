//! CLDR plural categories with `intl_pluralrules`: which form of a plural entry a count
//! takes in a language (English has `one` and `other`, Polish `one`, `few`, `many`, Arabic
//! all six, Japanese only `other`). The browser makes the same choice with
//! `Intl.PluralRules`.

use std::collections::BTreeMap;

use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use unic_langid::LanguageIdentifier;

/// The CLDR cardinal category of `n` in `language` (`one`, `few`…); `other` when the
/// language has no rules.
pub fn category(language: &str, n: f64) -> &'static str {
    let primary = language.split(['-', '_']).next().unwrap_or("en");
    let Ok(id) = primary.parse::<LanguageIdentifier>() else {
        return "other";
    };
    let Ok(rules) = PluralRules::create(id, PluralRuleType::CARDINAL) else {
        return "other";
    };
    match rules.select(n) {
        Ok(PluralCategory::ZERO) => "zero",
        Ok(PluralCategory::ONE) => "one",
        Ok(PluralCategory::TWO) => "two",
        Ok(PluralCategory::FEW) => "few",
        Ok(PluralCategory::MANY) => "many",
        _ => "other",
    }
}

/// The form of `forms` for `n` in `language`, falling back to `other`.
pub fn form<'a>(language: &str, forms: &'a BTreeMap<String, String>, n: f64) -> &'a str {
    let wanted = category(language, n);
    forms
        .get(wanted)
        .or_else(|| forms.get("other"))
        .map_or("", String::as_str)
}

#[cfg(test)]
mod tests {
    use super::category;

    fn categories(language: &str) -> Vec<&'static str> {
        [0.0, 1.0, 2.0, 5.0, 22.0]
            .iter()
            .map(|&n| category(language, n))
            .collect()
    }

    #[test]
    fn english_has_one_and_other() {
        assert_eq!(
            categories("en"),
            ["other", "one", "other", "other", "other"]
        );
    }

    #[test]
    fn french_counts_zero_as_one() {
        assert_eq!(categories("fr"), ["one", "one", "other", "other", "other"]);
    }

    #[test]
    fn polish_has_few_and_many() {
        assert_eq!(categories("pl"), ["many", "one", "few", "many", "few"]);
    }

    #[test]
    fn arabic_has_six_forms() {
        assert_eq!(categories("ar"), ["zero", "one", "two", "few", "many"]);
    }

    #[test]
    fn japanese_has_only_other() {
        assert_eq!(categories("ja"), ["other"; 5]);
    }
}
