//! Files for publishing on a web host, made only when `course.yaml` sets `base_url`:
//! `sitemap.xml` (every page, absolute URLs, the same ones as the pages' canonical links) and
//! `robots.txt` pointing at it. Also where the 404 page's links lead: hosts serve `404.html`
//! for a missing path at any depth, so its links can only be relative when there is no
//! `base_url` (then it works at the site root and from disk); with one they are absolute.

use super::inline::escape;
use super::pages::canonical;
use crate::model::Course;

/// `sitemap.xml` and `robots.txt`, when the course has a `base_url`.
pub fn files(course: &Course, extra_pages: &[String]) -> Vec<(String, String)> {
    let Some(base) = course.config.base_url.as_deref() else {
        return Vec::new();
    };
    let base = base.trim_end_matches('/');
    let urls = course
        .pages
        .iter()
        .map(|p| p.out.as_str())
        .chain(extra_pages.iter().map(String::as_str))
        .filter_map(|out| canonical(course, out));
    let mut sitemap = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for url in urls {
        sitemap.push_str(&format!("<url><loc>{}</loc></url>\n", escape(&url)));
    }
    sitemap.push_str("</urlset>\n");
    let Some(alternates) = &course.alternates else {
        let robots = format!("User-agent: *\nAllow: /\nSitemap: {base}/sitemap.xml\n");
        return vec![
            ("sitemap.xml".into(), sitemap),
            ("robots.txt".into(), robots),
        ];
    };
    // a course in several languages: each language's folder has its sitemap, and the
    // robots.txt at the output root (the only one read) names them all
    if !alternates.up.is_empty() {
        return vec![("sitemap.xml".into(), sitemap)];
    }
    let mut robots = format!("User-agent: *\nAllow: /\nSitemap: {base}/sitemap.xml\n");
    for language in alternates.languages.iter().filter(|l| !l.prefix.is_empty()) {
        robots.push_str(&format!("Sitemap: {base}/{}sitemap.xml\n", language.prefix));
    }
    vec![
        ("sitemap.xml".into(), sitemap),
        ("robots.txt".into(), robots),
    ]
}

/// The 404 page's way to the site root: the absolute `base_url/`, or relative `""`.
pub fn not_found_root(course: &Course) -> String {
    match course.config.base_url.as_deref() {
        Some(base) => format!("{}/", base.trim_end_matches('/')),
        None => String::new(),
    }
}
