//! Content hashes of the theme's assets, for their URLs: `lectern.css?v=3f9a1c2e` changes
//! whenever the file does, so a browser never pairs a cached asset with newer pages. Templates
//! read them as the global `asset_v` (`{{ root }}assets/lectern.css?v={{ asset_v["lectern.css"] }}`).
//! The course's data scripts (`course-data.js`, `progress-data.js`,
//! `progress-index.js`) are in it too, hashed
//! from the text the build writes, so a page never pairs with an older course's data.

use std::collections::BTreeMap;

use crate::load::theme::ThemeAsset;

/// Each asset's path below `assets/` → its hash as 8 hex digits; a course theme's file
/// replaces the built-in one of the same path, as when the files are written.
/// Until [`with_data`] gives the data scripts' hashes, theirs are the empty text's.
pub fn versions(assets: &[ThemeAsset]) -> BTreeMap<String, String> {
    let mut v: BTreeMap<String, String> = assets
        .iter()
        .map(|a| (a.path.clone(), version(&a.bytes)))
        .collect();
    with_data(&mut v, "", "", "");
    v
}

/// Sets the hashes of `course-data.js`, `progress-data.js` and `progress-index.js` to those
/// of these texts.
pub fn with_data(
    versions: &mut BTreeMap<String, String>,
    course_data: &str,
    labels: &str,
    index: &str,
) {
    // some 8 MB at 10,000 lessons, hashed a byte at a time: the three at once
    let ((data, labels), index) = rayon::join(
        || {
            rayon::join(
                || version(course_data.as_bytes()),
                || version(labels.as_bytes()),
            )
        },
        || version(index.as_bytes()),
    );
    versions.insert("course-data.js".into(), data);
    versions.insert("progress-data.js".into(), labels);
    versions.insert("progress-index.js".into(), index);
    // the whole course's pages, until the build gives its hash (modules' files likewise)
    let empty = version(b"");
    versions.entry("course-pages.js".into()).or_insert(empty);
}

/// Whether the version of `path` (below `assets/`) is made by the build from generated text
/// (the interface text and data scripts), whatever a theme file of that name holds.
pub fn made_by_build(path: &str) -> bool {
    let data = [
        "strings.js",
        "course-data.js",
        "progress-data.js",
        "progress-index.js",
    ];
    data.contains(&path) || path == "course-pages.js" || path.starts_with("modules/")
}

/// The hash of `bytes` as 8 hex digits.
pub fn version(bytes: &[u8]) -> String {
    format!("{:08x}", hash(bytes))
}

/// FNV-1a (32 bits) of `bytes`: fixed across Rust versions, unlike std's hasher.
fn hash(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5, |h: u32, &b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    fn asset(path: &str, text: &'static str) -> ThemeAsset {
        ThemeAsset {
            path: path.into(),
            bytes: Cow::Borrowed(text.as_bytes()),
        }
    }

    #[test]
    fn the_version_follows_the_content_and_the_last_file_wins() {
        let one = versions(&[asset("a.css", "x"), asset("b.js", "x")]);
        assert_eq!(one["a.css"], one["b.js"]);
        let two = versions(&[asset("a.css", "x"), asset("a.css", "y")]);
        assert_ne!(two["a.css"], one["a.css"]);
        assert_eq!(two["a.css"], versions(&[asset("a.css", "y")])["a.css"]);
        assert_eq!(versions(&[asset("a", "")])["a"], "811c9dc5");
        let mut v = versions(&[]);
        assert_eq!(v["course-data.js"], "811c9dc5");
        with_data(&mut v, "x", "y", "x");
        assert_eq!(v["course-data.js"], one["a.css"]);
        assert_eq!(v["progress-data.js"], two["a.css"]);
        assert_eq!(v["progress-index.js"], one["a.css"]);
    }
}
