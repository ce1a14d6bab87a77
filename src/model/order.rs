//! Names into order and slugs: `01-letting-go` sorts by 1 and becomes `letting-go`.

use std::cmp::Ordering;

/// The numeric prefix of a file or folder name (`01-intro` → 1), if any.
pub fn numeric_prefix(name: &str) -> Option<u64> {
    let (digits, rest) = name.split_at(name.bytes().take_while(u8::is_ascii_digit).count());
    let separated = rest.is_empty() || rest.starts_with(['-', '_', '.', ' ']);
    if digits.is_empty() || !separated {
        return None;
    }
    digits.parse().ok()
}

/// The name without its numeric prefix and extension, as a URL slug.
pub fn slug_of_name(name: &str) -> String {
    let stem = name.strip_suffix(".md").unwrap_or(name);
    let without = match numeric_prefix(stem) {
        Some(_) => stem
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .trim_start_matches(['-', '_', '.', ' ']),
        None => stem,
    };
    let slug = slugify(without);
    if slug.is_empty() {
        slugify(stem)
    } else {
        slug
    }
}

/// Lowercase, letters and digits kept, everything else folded into single hyphens.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            // ASCII (nearly every character) lowercases without the Unicode tables.
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
        } else {
            pending_dash = true;
        }
    }
    out
}

/// The sort key for pages and modules: numeric prefix, then weight, then name.
pub fn compare(a: (&str, Option<i64>), b: (&str, Option<i64>)) -> Ordering {
    let prefix = |n: &str| numeric_prefix(n).unwrap_or(u64::MAX);
    prefix(a.0)
        .cmp(&prefix(b.0))
        .then(a.1.unwrap_or(0).cmp(&b.1.unwrap_or(0)))
        .then(a.0.cmp(b.0))
}

/// Minutes in a duration such as `10 min`, `1 h 30 min`, `1.5 hours` (a number without its
/// unit, as in `45` or `1 h 30`, is none: minutes or hours?).
pub fn duration_minutes(text: &str) -> Option<u32> {
    if let Some(minutes) = plain_minutes(text) {
        return (minutes > 0).then_some(minutes);
    }
    let mut total = 0.0;
    let mut number: Option<f64> = None;
    let lower = text.to_lowercase().replace(',', ".");
    for token in split_tokens(&lower) {
        if let Ok(n) = token.parse::<f64>() {
            if let Some(prev) = number.replace(n) {
                total += prev;
            }
            continue;
        }
        let factor = match token.as_str() {
            "h" | "hr" | "hrs" | "hour" | "hours" => 60.0,
            "m" | "min" | "mins" | "minute" | "minutes" => 1.0,
            _ => return None,
        };
        total += number.take()? * factor;
    }
    if number.is_some() {
        return None;
    }
    (total > 0.0).then(|| total.round() as u32)
}

/// The minutes of the common `N min` form, read without the general tokenizer's allocations.
fn plain_minutes(text: &str) -> Option<u32> {
    let digits = text.strip_suffix(" min")?;
    let short = !digits.is_empty() && digits.len() <= 6;
    (short && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

fn split_tokens(s: &str) -> Vec<String> {
    let mut tokens: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut numeric = false;
    for c in s.chars() {
        let is_num = c.is_ascii_digit() || c == '.';
        let boundary = c.is_whitespace() || is_num != numeric;
        if boundary && !current.is_empty() {
            tokens.push(std::mem::take(&mut current));
        }
        if !c.is_whitespace() {
            numeric = is_num;
            current.push(c);
        }
    }
    if !current.is_empty() {
        tokens.push(current);
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_drop_prefix_and_extension() {
        assert_eq!(slug_of_name("01-letting-go"), "letting-go");
        assert_eq!(slug_of_name("02_Who Does What.md"), "who-does-what");
        assert_eq!(slug_of_name("Café au lait.md"), "café-au-lait");
        assert_eq!(slug_of_name("2024.md"), "2024");
    }

    #[test]
    fn orders_by_prefix_then_weight_then_name() {
        let mut names = vec![
            ("b", Some(1)),
            ("10-x", None),
            ("2-y", None),
            ("a", Some(1)),
            ("c", Some(-1)),
        ];
        names.sort_by(|a, b| compare(*a, *b));
        assert_eq!(
            names,
            vec![
                ("2-y", None),
                ("10-x", None),
                ("c", Some(-1)),
                ("a", Some(1)),
                ("b", Some(1))
            ]
        );
    }

    #[test]
    fn slugify_lowercases_ascii_and_unicode_alike() {
        assert_eq!(slugify("Ünïcode & ASCII: ÀB 12"), "ünïcode-ascii-àb-12");
        assert_eq!(slugify("  --Hello,  World!-- "), "hello-world");
        assert_eq!(slugify("İstanbul ΣΑΣ"), "i\u{307}stanbul-σασ");
    }

    #[test]
    fn numeric_prefixes() {
        assert_eq!(numeric_prefix("01-intro"), Some(1));
        assert_eq!(numeric_prefix("12"), Some(12));
        assert_eq!(numeric_prefix("3x"), None);
        assert_eq!(numeric_prefix("x3"), None);
        assert_eq!(numeric_prefix("٣-arabic"), None);
        assert_eq!(numeric_prefix("99999999999999999999999-big"), None);
    }

    #[test]
    fn durations_parse() {
        assert_eq!(duration_minutes("10 min"), Some(10));
        assert_eq!(duration_minutes("1h 30min"), Some(90));
        assert_eq!(duration_minutes("1.5 hours"), Some(90));
        assert_eq!(duration_minutes("45"), None);
        assert_eq!(duration_minutes("1 h 30"), None);
        assert_eq!(duration_minutes("a while"), None);
        assert_eq!(duration_minutes("013 min"), Some(13));
        assert_eq!(duration_minutes("0 min"), None);
        assert_eq!(duration_minutes(" min"), None);
        assert_eq!(duration_minutes("1234567 min"), Some(1_234_567));
    }
}
