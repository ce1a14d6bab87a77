//! The built-in catalogs: each parses, has exactly the English catalog's keys, and plural
//! entries where English has them, with every form its language needs.

use super::*;

#[test]
fn every_catalog_has_every_english_key_and_no_other() {
    let en = parse("en");
    for (tag, _) in BUILT_IN {
        let other = parse(tag);
        let missing: Vec<&String> = en
            .entries
            .keys()
            .filter(|k| !other.entries.contains_key(*k))
            .collect();
        let extra: Vec<&String> = other
            .entries
            .keys()
            .filter(|k| !en.entries.contains_key(*k))
            .collect();
        assert!(missing.is_empty(), "catalog {tag} lacks {missing:?}");
        assert!(extra.is_empty(), "catalog {tag} has unknown keys {extra:?}");
        assert_eq!(
            other.script_keys, en.script_keys,
            "catalog {tag}: script keys differ"
        );
    }
}

#[test]
fn plural_entries_have_each_form_their_language_uses() {
    let en = parse("en");
    for (tag, _) in BUILT_IN {
        let other = parse(tag);
        for (key, entry) in &en.entries {
            let is_plural = matches!(entry, Entry::Plural(_));
            let Some(Entry::Plural(forms)) = other.entries.get(key).filter(|_| is_plural) else {
                assert!(
                    !is_plural,
                    "catalog {tag}: `{key}` should have plural forms"
                );
                continue;
            };
            for n in [0.0, 1.0, 2.0, 3.0, 5.0, 11.0, 22.0, 100.0, 101.0] {
                let wanted = plural::category(tag, n);
                assert!(
                    forms.contains_key(wanted),
                    "catalog {tag}: `{key}` has no `{wanted}` form (for {n})"
                );
            }
        }
    }
}

#[test]
fn placeholders_match_english() {
    let en = parse("en");
    let names = |e: &Entry| -> Vec<String> {
        let texts: Vec<&String> = match e {
            Entry::Text(t) => vec![t],
            Entry::Plural(f) => f.values().collect(),
        };
        let mut v: Vec<String> = texts
            .iter()
            .flat_map(|t| {
                t.split('{')
                    .skip(1)
                    .filter_map(|s| s.split_once('}'))
                    .map(|(n, _)| n.to_string())
            })
            .filter(|n| n != "n")
            .collect();
        v.sort();
        v.dedup();
        v
    };
    for (tag, _) in BUILT_IN {
        let other = parse(tag);
        for (key, entry) in &en.entries {
            assert_eq!(
                names(&other.entries[key]),
                names(entry),
                "catalog {tag}: `{key}` placeholders"
            );
        }
    }
}

#[test]
fn languages_find_their_catalog() {
    assert_eq!(catalog_tag("en"), Some("en"));
    assert_eq!(catalog_tag("en_US"), Some("en"));
    assert_eq!(catalog_tag("pt-BR"), Some("pt"));
    assert_eq!(catalog_tag("zh"), Some("zh-Hans"));
    assert_eq!(catalog_tag("zh-Hans-CN"), Some("zh-Hans"));
    assert_eq!(catalog_tag("zh-TW"), None);
    assert_eq!(catalog_tag("de_AT"), Some("de"));
    assert_eq!(catalog_tag("tlh"), None);
}

#[test]
fn right_to_left_languages() {
    for tag in ["ar", "he", "fa", "ur-PK"] {
        assert_eq!(Strings::direction(tag), "rtl", "{tag}");
    }
    assert_eq!(Strings::direction("en"), "ltr");
}

#[test]
fn format_fills_placeholders_and_plurals() {
    let (en, found) = Strings::for_language("en-GB", &BTreeMap::new());
    assert!(found);
    let lessons = |n: &str| en.format("lessons", &[("n", n.to_string())]).unwrap();
    assert_eq!(lessons("1"), "1 lesson");
    assert_eq!(lessons("2"), "2 lessons");
    let (pl, _) = Strings::for_language("pl", &BTreeMap::new());
    let lekcje = |n: &str| pl.format("lessons", &[("n", n.to_string())]).unwrap();
    assert_eq!(
        [lekcje("1"), lekcje("2"), lekcje("5"), lekcje("22")],
        ["1 lekcja", "2 lekcje", "5 lekcji", "22 lekcje"]
    );
    let done = en.format("items_done", &[("done", "2".into()), ("n", "3".into())]);
    assert_eq!(done.as_deref(), Some("2 of 3 done"));
}

#[test]
fn overrides_replace_entries() {
    let mut overrides = BTreeMap::new();
    overrides.insert("search_placeholder".to_string(), Entry::Text("Find".into()));
    let (en, _) = Strings::for_language("en", &overrides);
    assert_eq!(
        en.format("search_placeholder", &[]).as_deref(),
        Some("Find")
    );
}

#[test]
fn counts_take_their_language_s_plural_form() {
    let forms = |tag: &str, key: &str| -> Vec<String> {
        let (strings, _) = Strings::for_language(tag, &BTreeMap::new());
        [0, 1, 2, 5, 22]
            .map(|n| strings.format(key, &[("n", n.to_string())]).unwrap())
            .to_vec()
    };
    assert_eq!(
        forms("en", "n_ticks"),
        ["0 ticks", "1 tick", "2 ticks", "5 ticks", "22 ticks"]
    );
    assert_eq!(
        forms("fr", "n_ticks"),
        [
            "0 case cochée",
            "1 case cochée",
            "2 cases cochées",
            "5 cases cochées",
            "22 cases cochées"
        ]
    );
    assert_eq!(
        forms("pl", "n_ticks"),
        [
            "0 zaznaczeń",
            "1 zaznaczenie",
            "2 zaznaczenia",
            "5 zaznaczeń",
            "22 zaznaczenia"
        ]
    );
    assert_eq!(
        forms("ar", "n_ticks"),
        ["لا علامات", "علامة واحدة", "علامتان", "5 علامات", "22 علامة"]
    );
    assert_eq!(
        forms("ja", "n_ticks"),
        [
            "0件のチェック",
            "1件のチェック",
            "2件のチェック",
            "5件のチェック",
            "22件のチェック"
        ]
    );
}

#[test]
fn durations_read_in_the_course_language() {
    let (en, _) = Strings::for_language("en", &BTreeMap::new());
    let (de, _) = Strings::for_language("de", &BTreeMap::new());
    let (ja, _) = Strings::for_language("ja", &BTreeMap::new());
    assert_eq!(
        [10, 60, 95].map(|m| en.duration(m)),
        ["10 min", "1 h", "1 h 35 min"]
    );
    assert_eq!(de.duration(95), "1 Std. 35 Min.");
    assert_eq!(ja.duration(95), "1時間35分");
}
