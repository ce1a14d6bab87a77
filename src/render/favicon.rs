//! The browser tab's icon: the course's own (`favicon:` in course.yaml, a file in `static/`),
//! or one made here, the title's first letter on the accent colour, so that no page asks for a
//! `/favicon.ico` that is not there.

use crate::load::CourseConfig;

/// Where the made icon is written in the site.
pub const MADE: &str = "assets/favicon.svg";

/// The accent of the default theme, when the course sets none (as in lectern.css).
const DEFAULT_ACCENT: &str = "#1f5fbf";

/// The icon's address from the site root.
pub fn url(config: &CourseConfig) -> &str {
    config.favicon.as_deref().unwrap_or(MADE)
}

/// The made icon: a rounded square in the accent colour with the title's first letter or digit
/// in white (none when the title has neither).
pub fn svg(config: &CourseConfig) -> String {
    let accent = config.brand.accent.as_deref().unwrap_or(DEFAULT_ACCENT);
    let letter: String = (config.title.chars())
        .find(|c| c.is_alphanumeric())
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default();
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 64 64\"><rect width=\"64\" height=\"64\" rx=\"12\" fill=\"{accent}\"/><text x=\"32\" y=\"45\" font-family=\"system-ui, sans-serif\" font-size=\"38\" font-weight=\"700\" text-anchor=\"middle\" fill=\"#fff\">{}</text></svg>\n",
        escape(&letter)
    )
}

fn escape(text: &str) -> String {
    let mut out = String::new();
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_made_icon_uses_the_accent_and_the_first_letter() {
        let mut config = CourseConfig::placeholder();
        config.title = "  élan & co".into();
        config.brand.accent = Some("#aa0000".into());
        let svg = svg(&config);
        assert!(svg.contains("fill=\"#aa0000\""), "{svg}");
        assert!(svg.contains(">É</text>"), "{svg}");
        assert_eq!(url(&config), "assets/favicon.svg");
        config.favicon = Some("icon.png".into());
        assert_eq!(url(&config), "icon.png");
    }
}
