//! Where every content file ends up, and relative URLs between output files.
//!
//! Authors link to the `.md` files and images they see in `content/`; the site has other
//! names (prefixes dropped, `.html`). [`LinkMap`] answers "what does this relative link from
//! this page point at, and what is its URL from here?" in O(1) per link.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

// Keys are the course's own paths, not attacker-chosen: the faster hash is safe here.
use rustc_hash::FxHashMap;

use super::Page;

/// What a link in the content points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A page (index into `Course::pages`).
    Page(usize),
    /// A copied file, by output path.
    Asset(String),
    /// A Markdown file that failed to load: its own problem is reported, not links to it.
    Unreadable,
    /// A lesson marked `draft: true`, left out of a build without `--drafts`.
    Draft,
}

/// Content path (`/`-separated, relative to `content/`) → what it becomes.
#[derive(Debug, Clone, Default)]
pub struct LinkMap {
    targets: FxHashMap<String, Target>,
}

impl LinkMap {
    /// Indexes every page's source file, every copied asset and every draft left out.
    pub fn new(
        pages: &[Page],
        assets: &[(PathBuf, String)],
        unreadable: &std::collections::BTreeSet<String>,
        drafts: &[String],
    ) -> Self {
        let mut targets = FxHashMap::default();
        targets.reserve(pages.len() + assets.len());
        for (i, page) in pages.iter().enumerate() {
            if let Some(src) = &page.source {
                targets.insert(slashes(&src.rel), Target::Page(i));
            }
        }
        for (src, out) in assets {
            targets.insert(slashes(src), Target::Asset(out.clone()));
        }
        for src in drafts {
            targets.insert(src.clone(), Target::Draft);
        }
        for src in unreadable {
            targets.insert(src.clone(), Target::Unreadable);
        }
        LinkMap { targets }
    }

    /// Resolves `href` (already split from its `#fragment`) written in the file at `from`
    /// (relative to `content/`). `None` when the target does not exist.
    pub fn resolve(&self, from: &Path, href: &str) -> Option<&Target> {
        if let Some(key) = plain_key(from, href) {
            return self.targets.get(&key);
        }
        let joined = from
            .parent()
            .unwrap_or(Path::new(""))
            .join(percent_decode(href));
        let normal = normalize(&joined)?;
        self.targets.get(&normal)
    }
}

/// The key of a plain link (`name.md`, `../02-module/lesson.md` is not plain) from a file
/// in a plain folder: the folder and the link joined by `/`, what [`normalize`] makes of them,
/// without taking the path apart. Nearly every link is plain; `None` for any other.
fn plain_key(from: &Path, href: &str) -> Option<String> {
    let folder = from.parent()?.to_str()?;
    let plain = |s: &str| {
        s.split('/').all(|part| {
            let name = part.bytes();
            !matches!(part, "" | "." | "..")
                && name
                    .clone()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
        })
    };
    if !plain(href) || !(folder.is_empty() || plain(folder)) {
        return None;
    }
    Some(if folder.is_empty() {
        href.to_string()
    } else {
        format!("{folder}/{href}")
    })
}

/// `a/b/../c` → `a/c`; `None` when it climbs out of `content/`.
fn normalize(path: &Path) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for c in path.components() {
        match c {
            Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(parts.join("/"))
}

pub(crate) fn slashes(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// Decodes `%20` and friends so `my%20file.md` finds `my file.md`.
pub(crate) fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Output paths of content files that are neither pages nor tables: the module folder is
/// renamed to its slug, everything else keeps its path.
pub fn asset_outputs(
    assets: &[PathBuf],
    module_slugs: &HashMap<String, String>,
) -> Vec<(PathBuf, String)> {
    assets
        .iter()
        .map(|src| {
            let s = slashes(src);
            let out = match s.split_once('/') {
                Some((folder, rest)) => match module_slugs.get(folder) {
                    Some(slug) => format!("{slug}/{rest}"),
                    None => s.clone(),
                },
                None => s.clone(),
            };
            (src.clone(), out)
        })
        .collect()
}

/// The relative URL from the output file `from` to the output file `to` (both root-relative).
///
/// Always climbs to the root and back down (`../module/page.html`, never `page.html`), so a
/// page's HTML stays valid when copied into another page at the same depth (the handouts).
pub fn relative_url(from: &str, to: &str) -> String {
    let depth = from.matches('/').count();
    let mut url = String::with_capacity(depth * 3 + to.len());
    for _ in 0..depth {
        url.push_str("../");
    }
    url.push_str(to);
    url
}

/// `../` repeated for the depth of `out`: the way back to the site root.
pub fn root_of(out: &str) -> String {
    "../".repeat(out.matches('/').count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_urls() {
        assert_eq!(relative_url("a/b.html", "a/c.html"), "../a/c.html");
        assert_eq!(relative_url("a/b.html", "d/c.html"), "../d/c.html");
        assert_eq!(relative_url("index.html", "d/index.html"), "d/index.html");
        assert_eq!(relative_url("a/b.html", "index.html"), "../index.html");
        assert_eq!(root_of("a/b.html"), "../");
        assert_eq!(root_of("index.html"), "");
    }

    #[test]
    fn normalizes_and_refuses_escapes() {
        assert_eq!(
            normalize(Path::new("a/./b/../c.md")).as_deref(),
            Some("a/c.md")
        );
        assert_eq!(normalize(Path::new("../x.md")), None);
        assert_eq!(percent_decode("my%20file.md"), "my file.md");
    }

    #[test]
    fn plain_links_resolve_as_the_general_way_does() {
        let froms = [
            "a.md",
            "m/a.md",
            "m/n/a.md",
            "m%20x/a.md",
            "./m/a.md",
            "m//a.md",
        ];
        let hrefs = [
            "b.md", "x/b.md", "../b.md", "./b.md", "b%20c.md", "b c.md", "x//b.md", "x/", "/b.md",
            ".b", "..", "b.md#f", "é.md", "x\\b.md",
        ];
        for from in froms {
            for href in hrefs {
                let general =
                    normalize(&Path::new(from).parent().unwrap().join(percent_decode(href)));
                if let Some(key) = plain_key(Path::new(from), href) {
                    assert_eq!(Some(key), general, "{from} {href}");
                }
            }
        }
        assert_eq!(
            plain_key(Path::new("m/a.md"), "b.md").as_deref(),
            Some("m/b.md")
        );
        assert_eq!(
            plain_key(Path::new("a.md"), "m/b.md").as_deref(),
            Some("m/b.md")
        );
    }
}
