//! Content hashes of the theme's assets, for their URLs: `lectern.css?v=3f9a1c2e` changes
//! whenever the file does, so a browser never pairs a cached asset with newer pages. Templates
//! read them as the global `asset_v` (`{{ root }}assets/lectern.css?v={{ asset_v["lectern.css"] }}`).

use std::collections::BTreeMap;

use crate::load::theme::ThemeAsset;

/// Each asset's path below `assets/` → its hash as 8 hex digits; a course theme's file
/// replaces the built-in one of the same path, as when the files are written.
pub fn versions(assets: &[ThemeAsset]) -> BTreeMap<String, String> {
    assets
        .iter()
        .map(|a| (a.path.clone(), format!("{:08x}", hash(&a.bytes))))
        .collect()
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
    }
}
