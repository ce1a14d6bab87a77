//! JSON written straight into script text, without building `serde_json::Value` trees: the
//! search index and the progress scripts hold hundreds of thousands of strings and numbers.
//! Strings are escaped exactly as serde_json escapes them, so the files stay the same
//! whichever way they are written.

/// Appends `text` as a JSON string: `"` and `\` escaped, control characters as `\n`-style
/// escapes or `\u00XX` (lowercase hex), everything else as it is.
pub fn push_str(out: &mut String, text: &str) {
    out.push('"');
    // most text needs no escape: one pass over all its bytes (no early exit, so the compiler
    // can check many at once) tells, and the text is then copied whole
    if text.bytes().fold(false, |any, b| any | needs_escape(b)) {
        push_escaped(out, text);
    } else {
        out.push_str(text);
    }
    out.push('"');
}

fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

fn push_escaped(out: &mut String, text: &str) {
    let mut plain = 0;
    for (i, b) in text.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&text[plain..i]);
        plain = i + 1;
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        } else {
            out.push_str(escape);
        }
    }
    out.push_str(&text[plain..]);
}

/// Appends `n` in decimal.
pub fn push_num(out: &mut String, n: u64) {
    // most numbers written are postings' deltas, of one digit
    if n < 10 {
        out.push(char::from(b'0' + n as u8));
        return;
    }
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[at..] {
        out.push(char::from(d));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_strings_as_serde_json_does() {
        let all: String = (0u8..0x80).map(char::from).collect();
        for text in ["", "plain", "a \"q\" \\ b", "zü — ’ \u{2028} €", &all] {
            let mut out = String::new();
            push_str(&mut out, text);
            assert_eq!(out, serde_json::to_string(text).unwrap());
        }
    }

    #[test]
    fn writes_numbers_in_decimal() {
        for n in [0, 7, 10, 99, 4_294_967_295, u64::MAX] {
            let mut out = String::new();
            push_num(&mut out, n);
            assert_eq!(out, n.to_string());
        }
    }
}
