//! `imsmanifest.xml` of a SCORM 1.2 or 2004 (4th edition) package: one organization with one
//! item, launching one SCO resource (`scorm.html`) that lists every file of the package.

use std::fmt::Write;

use super::format::Format;

/// SCORM 1.2's root element: its namespaces and where their schema files are.
const SCORM_12_ROOT: &str = concat!(
    r#"xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" "#,
    r#"xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd""#
);

/// SCORM 2004 4th edition's root element.
const SCORM_2004_ROOT: &str = concat!(
    r#"xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3" xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3" xmlns:imsss="http://www.imsglobal.org/xsd/imsss" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" "#,
    r#"xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd""#
);

/// What the manifest says about the course.
pub struct ManifestOptions<'a> {
    /// SCORM 1.2 or 2004.
    pub format: Format,
    /// The course id (`course.yaml`'s `id:`).
    pub id: &'a str,
    /// The course title, as written (escaped here).
    pub title: &'a str,
    /// The pass mark in percent, only for a course with scored assessments (SCORM 1.2 only:
    /// SCORM 2004's runtime reports passed or failed itself).
    pub mastery_score: Option<u8>,
    /// The launch page, root-relative.
    pub launch: &'a str,
}

/// The manifest of a package holding `files` (root-relative, `/`-separated paths; the
/// manifest itself is not one of them).
pub fn manifest<'f>(m: &ManifestOptions, files: impl Iterator<Item = &'f str>) -> String {
    let title = xml(m.title);
    // identifiers are xs:ID (an NCName): a course id may start with a digit, so a prefix
    let id = xml(m.id);
    let mut out = String::with_capacity(4096);
    out.push_str(concat!(r#"<?xml version="1.0" encoding="UTF-8"?>"#, "\n"));
    let (root, version, scorm_type) = match m.format {
        Format::Scorm12 => (SCORM_12_ROOT, "1.2", "scormtype"),
        // a cmi5 package has cmi5.xml instead: it never asks
        Format::Scorm2004 | Format::Cmi5 => (SCORM_2004_ROOT, "2004 4th Edition", "scormType"),
    };
    let _ = writeln!(
        out,
        r#"<manifest identifier="lectern-{id}" version="1" {root}>"#
    );
    let _ = writeln!(out, "  <metadata>\n    <schema>ADL SCORM</schema>\n    <schemaversion>{version}</schemaversion>\n  </metadata>");
    let _ = writeln!(out, r#"  <organizations default="lectern-{id}-org">"#);
    let _ = writeln!(out, r#"    <organization identifier="lectern-{id}-org">"#);
    let _ = writeln!(out, "      <title>{title}</title>");
    let _ = writeln!(
        out,
        r#"      <item identifier="lectern-{id}-item" identifierref="lectern-{id}-sco" isvisible="true">"#
    );
    let _ = writeln!(out, "        <title>{title}</title>");
    if let (Some(score), Format::Scorm12) = (m.mastery_score, m.format) {
        let _ = writeln!(
            out,
            "        <adlcp:masteryscore>{score}</adlcp:masteryscore>"
        );
    }
    out.push_str("      </item>\n    </organization>\n  </organizations>\n  <resources>\n");
    let _ = writeln!(
        out,
        r#"    <resource identifier="lectern-{id}-sco" type="webcontent" adlcp:{scorm_type}="sco" href="{}">"#,
        xml(&uri(m.launch))
    );
    for file in files {
        let _ = writeln!(out, r#"      <file href="{}"/>"#, xml(&uri(file)));
    }
    out.push_str("    </resource>\n  </resources>\n</manifest>\n");
    out
}

/// `s` escaped for XML text and attribute values.
pub(super) fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // characters XML 1.0 cannot hold at all
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A root-relative path as a relative URI reference: every byte but unreserved ones and `/`
/// percent-encoded (a file of the course may have a space or an accent in its name).
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_characters_are_escaped_and_paths_encoded() {
        assert_eq!(
            xml(r#"Q&A <"it's">"#),
            "Q&amp;A &lt;&quot;it&apos;s&quot;&gt;"
        );
        assert_eq!(
            uri("static/été plan.pdf"),
            "static/%C3%A9t%C3%A9%20plan.pdf"
        );
    }

    #[test]
    fn the_mastery_score_is_written_only_when_given() {
        let mut m = ManifestOptions {
            format: Format::Scorm12,
            id: "c",
            title: "T",
            mastery_score: None,
            launch: "scorm.html",
        };
        assert!(!manifest(&m, std::iter::empty()).contains("masteryscore"));
        m.mastery_score = Some(80);
        let doc = manifest(&m, std::iter::empty());
        let tree = roxmltree::Document::parse(&doc).unwrap();
        let score = tree
            .descendants()
            .find(|n| n.tag_name().name() == "masteryscore")
            .unwrap();
        assert_eq!(score.parent().unwrap().tag_name().name(), "item");
        assert_eq!(score.text(), Some("80"));
        m.format = Format::Scorm2004;
        assert!(!manifest(&m, std::iter::empty()).contains("masteryscore"));
    }
}
