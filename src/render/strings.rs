//! The catalog in templates: the global `t` (`{{ t.search_placeholder }}`), `dir` (`ltr` or
//! `rtl`) and the function `tr`, for entries with placeholders or plural forms:
//! `{{ tr(key="lessons", n=lesson_count) }}`, `{{ tr(key="not_found_text", link_html=a) }}`.
//! `tr` escapes the catalog's text and each value, except values whose name ends in `_html`
//! (markup the template made), and returns markup.

use std::sync::Arc;

use tera::{Error, Kwargs, State, TeraResult, Value};

use crate::i18n::{format_entry, Entry, Strings};

/// `tr`: an entry, formatted, as safe markup.
struct Translate(Arc<Strings>);

impl tera::Function<TeraResult<Value>> for Translate {
    fn call(&self, kwargs: Kwargs, _: &State) -> TeraResult<Value> {
        let key: &str = kwargs.must_get("key")?;
        let mut args = Vec::new();
        for (name, value) in kwargs.iter() {
            let Some(name) = name.as_str().filter(|n| *n != "key") else {
                continue;
            };
            let text = value.to_string();
            match name.strip_suffix("_html") {
                Some(name) => args.push((name, text)),
                None => args.push((name, escape(&text))),
            }
        }
        let escaped = escaped_entry(&self.0, key)
            .ok_or_else(|| Error::message(format!("there is no interface string `{key}`")))?;
        Ok(Value::safe_string(&format_entry(
            &self.0.language,
            &escaped,
            &args,
        )))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// The entry `key` with its text HTML-escaped.
fn escaped_entry(strings: &Strings, key: &str) -> Option<Entry> {
    Some(match strings.entries.get(key)? {
        Entry::Text(t) => Entry::Text(escape(t)),
        Entry::Plural(forms) => {
            Entry::Plural(forms.iter().map(|(k, v)| (k.clone(), escape(v))).collect())
        }
    })
}

fn escape(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    // writing to a Vec cannot fail
    let _ = tera::escape_html(text, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Gives `tera` the globals `t` and `dir` and the function `tr` for `strings`.
pub fn install(tera: &mut tera::Tera, strings: Strings) {
    let global = tera.global_context();
    global.insert("t", &strings.entries);
    global.insert("dir", Strings::direction(&strings.language));
    tera.register_function("tr", Translate(Arc::new(strings)));
}
