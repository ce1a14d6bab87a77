//! A quiz's assessment settings: `pool:` (each attempt draws that many of its questions),
//! `pass:` (its own pass mark, a percent of the drawn questions) and `attempts:` (how many
//! checked attempts a learner gets before the quiz locks). Checked against the quiz, and
//! written on its form as `data-pool`, `data-pass` and `data-attempts` for the browser.

use serde_saphyr::Spanned;

use super::{error_at, Fragment};
use crate::error::{Diagnostic, Diagnostics};
use crate::model::assessment::percent;

/// The settings as written: each a YAML scalar, read as text so that `eight` is our error.
#[derive(Default)]
pub struct Given<'a> {
    pub pool: Option<&'a Spanned<String>>,
    pub pass: Option<&'a Spanned<String>>,
    pub attempts: Option<&'a Spanned<String>>,
}

/// The settings, checked.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Rules {
    pub pool: Option<usize>,
    pub pass: Option<u8>,
    pub attempts: Option<usize>,
}

/// `given` checked for a quiz of `questions` questions.
pub fn check(at: Fragment, given: &Given, questions: usize) -> Result<Rules, Diagnostics> {
    let mut problems = Diagnostics::default();
    let mut rules = Rules::default();
    if let Some(pool) = given.pool {
        match pool_size(at, pool, questions) {
            Ok(n) => rules.pool = Some(n),
            Err(d) => problems.push(d),
        }
    }
    if let Some(pass) = given.pass {
        match percent(&pass.value) {
            Some(p) => rules.pass = Some(p),
            None => problems.push(
                error_at(
                    at,
                    pass,
                    format!("`{}` is not a pass mark", pass.value.trim()),
                )
                .help("write a whole percent from 1 to 100, e.g. `pass: 80%`"),
            ),
        }
    }
    if let Some(attempts) = given.attempts {
        match whole(&attempts.value).filter(|&n| n > 0) {
            Some(n) => rules.attempts = Some(n),
            None => problems.push(
                error_at(
                    at,
                    attempts,
                    format!("`attempts: {}` is not a number of attempts", attempts.value.trim()),
                )
                .help("write a whole number from 1 up, e.g. `attempts: 3`, or leave `attempts:` out for no limit"),
            ),
        }
    }
    problems.into_result(rules)
}

/// `pool:` as a number from 1 to the number of questions.
fn pool_size(at: Fragment, pool: &Spanned<String>, questions: usize) -> Result<usize, Diagnostic> {
    let text = pool.value.trim();
    let Some(n) = whole(text) else {
        return Err(error_at(
            at,
            pool,
            format!("`pool: {text}` is not a number of questions"),
        )
        .help(format!(
            "write how many of the {questions} questions each attempt draws, e.g. `pool: {}`",
            questions.min(8)
        )));
    };
    if n == 0 {
        return Err(error_at(at, pool, "`pool: 0` draws no questions")
            .help(format!("write how many of the {questions} questions each attempt draws, from 1 to {questions}")));
    }
    if n > questions {
        return Err(error_at(
            at,
            pool,
            format!("`pool: {n}` draws more questions than the quiz has ({questions})"),
        )
        .help(format!(
            "draw at most {questions}, or add {} more questions",
            n - questions
        )));
    }
    Ok(n)
}

/// A whole number written in digits only.
fn whole(text: &str) -> Option<usize> {
    let text = text.trim();
    let digits = !text.is_empty() && text.len() <= 6 && text.bytes().all(|b| b.is_ascii_digit());
    digits.then(|| text.parse().ok()).flatten()
}

impl Rules {
    /// The form's data attributes for the settings given, each with its leading space.
    pub fn attributes(&self) -> String {
        let mut out = String::new();
        if let Some(n) = self.pool {
            out.push_str(&format!(" data-pool=\"{n}\""));
        }
        if let Some(p) = self.pass {
            out.push_str(&format!(" data-pass=\"{p}\""));
        }
        if let Some(n) = self.attempts {
            out.push_str(&format!(" data-attempts=\"{n}\""));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_are_digits_only() {
        assert_eq!(whole(" 8 "), Some(8));
        for bad in ["", "eight", "-1", "2.5", "1e3", "9999999"] {
            assert_eq!(whole(bad), None, "{bad}");
        }
    }

    #[test]
    fn attributes_only_for_settings_given() {
        assert_eq!(Rules::default().attributes(), "");
        let rules = Rules {
            pool: Some(8),
            pass: Some(80),
            attempts: Some(3),
        };
        assert_eq!(
            rules.attributes(),
            " data-pool=\"8\" data-pass=\"80\" data-attempts=\"3\""
        );
    }
}
