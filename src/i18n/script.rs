//! `assets/strings.js`: the catalog's script entries for the theme's scripts, with the one
//! function they read them through, `LT(key, values)`: it fills `{name}` placeholders (numbers
//! formatted with `Intl.NumberFormat`) and picks a plural form by `values.n` with
//! `Intl.PluralRules`. `LT.date(date, options)` formats a date with `Intl.DateTimeFormat`; both
//! use the page's language (`<html lang>`, else the catalog's).

use std::collections::BTreeMap;

use super::{Entry, Strings};

/// The lookup function every script calls; a missing key shows the key itself.
const LOOKUP: &str = "self.LT = function (k, v) {\n  v = v || {};\n  let s = LT.s[k];\n  if (s === undefined) return k;\n  if (typeof s !== 'string') s = s[new Intl.PluralRules(LT.lang).select(v.n || 0)] || s.other;\n  return s.replace(/\\{(\\w+)\\}/g, (m, name) => name in v ? LT.num(v[name]) : m);\n};\nLT.loc = () => { try { return Intl.getCanonicalLocales(document.documentElement.lang)[0] || LT.lang; } catch (e) { return LT.lang; } };\nLT.num = x => typeof x === 'number' ? new Intl.NumberFormat(LT.loc()).format(x) : x;\nLT.date = (d, o) => new Intl.DateTimeFormat(LT.loc(), o).format(d);\n";

/// The text of `assets/strings.js` for `strings`.
pub fn strings_js(strings: &Strings) -> String {
    let entries: BTreeMap<&str, &Entry> = strings
        .script_keys
        .iter()
        .filter_map(|k| strings.entries.get(k).map(|e| (k.as_str(), e)))
        .collect();
    let json = serde_json::to_string(&entries).unwrap_or_else(|_| "{}".into());
    let lang = serde_json::to_string(&strings.language).unwrap_or_else(|_| "\"en\"".into());
    format!("// Lectern's interface text for the scripts ({}).\n'use strict';\n{LOOKUP}LT.lang = {lang};\nLT.s = {json};\n", strings.language)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_only_script_entries_and_the_language() {
        let (strings, _) = Strings::for_language("en-US", &BTreeMap::new());
        let js = strings_js(&strings);
        assert!(js.contains("LT.lang = \"en\";"), "{js}");
        assert!(js.contains("\"no_results\":"), "{js}");
        assert!(!js.contains("\"skip_to_content\""), "{js}");
    }
}
