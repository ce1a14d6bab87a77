//! `cmi5.xml` of a cmi5 package: the course structure with one assignable unit (AU), the
//! launch page `cmi5.html`, moving on when completed (and passed, when the course has a pass
//! mark, which is then the AU's mastery score).

use std::fmt::Write;

use super::manifest::xml;

/// The course structure of a course `id` titled `title` in language `lang`, launching
/// `launch`.
pub fn course_structure(
    id: &str,
    title: &str,
    lang: &str,
    pass: Option<u8>,
    launch: &str,
) -> String {
    let (id, title, lang) = (xml(id), xml(title), xml(lang));
    let langstring = |name: &str, text: &str| langstring(name, &lang, text);
    let mut out = String::with_capacity(1024);
    out.push_str(concat!(
        r#"<?xml version="1.0" encoding="UTF-8"?>"#,
        "\n",
        r#"<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">"#,
        "\n"
    ));
    let _ = writeln!(out, r#"  <course id="urn:lectern:{id}">"#);
    let _ = writeln!(out, "    {}", langstring("title", &title));
    let _ = writeln!(out, "    {}", langstring("description", &title));
    out.push_str("  </course>\n");
    let (move_on, mastery) = match pass {
        Some(p) => (
            "CompletedAndPassed",
            format!(r#" masteryScore="{}""#, f64::from(p) / 100.0),
        ),
        None => ("Completed", String::new()),
    };
    let _ = writeln!(
        out,
        r#"  <au id="urn:lectern:{id}:au" moveOn="{move_on}"{mastery} launchMethod="AnyWindow">"#
    );
    let _ = writeln!(out, "    {}", langstring("title", &title));
    let _ = writeln!(out, "    {}", langstring("description", &title));
    let _ = writeln!(out, "    <url>{}</url>", xml(launch));
    out.push_str("  </au>\n</courseStructure>\n");
    out
}

/// `<name><langstring lang="en">text</langstring></name>`, `lang` and `text` already escaped.
fn langstring(name: &str, lang: &str, text: &str) -> String {
    format!(r#"<{name}><langstring lang="{lang}">{text}</langstring></{name}>"#)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_au_with_the_mastery_score_only_with_a_pass_mark() {
        let doc = course_structure("c", "Q&A", "fr", Some(80), "cmi5.html");
        let tree = roxmltree::Document::parse(&doc).unwrap();
        let au = tree.descendants().find(|n| n.has_tag_name("au")).unwrap();
        assert_eq!(au.attribute("masteryScore"), Some("0.8"));
        assert_eq!(au.attribute("moveOn"), Some("CompletedAndPassed"));
        let url = au.children().find(|n| n.has_tag_name("url")).unwrap();
        assert_eq!(url.text(), Some("cmi5.html"));
        let title = tree
            .descendants()
            .find(|n| n.has_tag_name("langstring"))
            .unwrap();
        assert_eq!(title.attribute("lang"), Some("fr"));
        let plain = course_structure("c", "T", "en", None, "cmi5.html");
        assert!(!plain.contains("masteryScore") && plain.contains(r#"moveOn="Completed""#));
    }
}
