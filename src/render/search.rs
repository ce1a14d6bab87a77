//! The search index, split into small script files so that search works from file:// (a
//! `<script>` may load a local file where `fetch` may not) and loads only what a query needs.
//!
//! Documents are sections of pages: a page's introduction (up to its first `h2`/`h3`) and each
//! `h2`/`h3` section. The files under `assets/search/`, each a call to `lecternSearch(kind, key,
//! data)` defined by `assets/search.js`:
//!
//! - `index.js`: the list of term shards, the document chunk size and the stop words;
//! - `shard-<prefix>.js`: terms starting with `<prefix>` (one letter, or up to six when a
//!   shard would be large), each with its postings: the sorted `doc * 4 + field` values (field
//!   0 body, 1 heading, 2 lesson title), delta-encoded so most are one or two digits;
//! - `docs-<n>.js`: documents `n * DOC_CHUNK ..`: page index, heading id, heading text and
//!   the first words of the section for the snippet, plus those pages' titles and URLs.
//!
//! Words are matched by prefix rather than stemmed: a stemmer would have to run identically in
//! the browser (a second Snowball implementation in JavaScript to keep in step), while prefix
//! matching finds "delegating" and "delegation" from "delegat", works as the learner types and
//! behaves the same in every language. Tokenizing is the same simple rule on both sides:
//! lowercase runs of letters and digits, apostrophes joined, one-letter words dropped.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde_json::{json, Value};

use super::markdown::RenderedMarkdown;
use crate::model::Course;

/// Documents per `docs-<n>.js` file.
pub const DOC_CHUNK: usize = 100;
/// A shard larger than this (bytes of JSON) is split by one more letter.
const SHARD_LIMIT: usize = 24 * 1024;
/// Longest shard prefix.
const MAX_PREFIX: usize = 6;
/// Characters of section text kept for the snippet.
const EXCERPT: usize = 120;
/// Words too common to be worth indexing, for English courses.
const STOP_EN: [&str; 24] = [
    "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "of", "on", "or",
    "that", "the", "this", "to", "was", "we", "with", "you", "your",
];

const BODY: u32 = 0;
const HEADING: u32 = 1;
const TITLE: u32 = 2;

/// One searchable section of a page.
struct Doc {
    page: usize,
    anchor: String,
    heading: String,
    excerpt: String,
    /// (token, field), before merging.
    tokens: Vec<(String, u32)>,
}

/// The search files: output path → script text.
pub fn index_files(
    course: &Course,
    rendered: &[std::sync::Arc<RenderedMarkdown>],
) -> Vec<(String, String)> {
    let stop: &[&str] = if course.config.language.starts_with("en") {
        &STOP_EN
    } else {
        &[]
    };
    let docs: Vec<Doc> = course
        .pages
        .par_iter()
        .enumerate()
        .filter(|(_, p)| p.source.is_some())
        .flat_map_iter(|(i, p)| {
            page_docs(
                i,
                &p.title,
                p.description.as_deref(),
                &rendered[i].html,
                stop,
            )
        })
        .collect();
    let terms = postings(&docs);
    let mut files = Vec::new();
    let mut keys = Vec::new();
    for (key, shard) in shards(terms) {
        let body = json!({ "terms": shard });
        files.push((
            format!("assets/search/shard-{}.js", file_key(&key)),
            call("shard", &json!(key), &body),
        ));
        keys.push(key);
    }
    for (n, chunk) in docs.chunks(DOC_CHUNK).enumerate() {
        files.push((
            format!("assets/search/docs-{n}.js"),
            call("docs", &json!(n), &docs_chunk(course, chunk)),
        ));
    }
    let index =
        json!({ "v": 1, "chunk": DOC_CHUNK, "docs": docs.len(), "shards": keys, "stop": stop });
    files.push((
        "assets/search/index.js".into(),
        call("index", &json!(0), &index),
    ));
    files
}

fn call(kind: &str, key: &Value, data: &Value) -> String {
    format!("lecternSearch(\"{kind}\",{key},{data});\n")
}

/// A page's sections as documents; the title counts toward its first section.
fn page_docs(
    page: usize,
    title: &str,
    description: Option<&str>,
    html: &str,
    stop: &[&str],
) -> Vec<Doc> {
    let mut docs: Vec<Doc> = sections(html)
        .into_iter()
        .map(|s| {
            let mut tokens: Vec<(String, u32)> = Vec::new();
            tokens.extend(tokenize(&s.heading).into_iter().map(|t| (t, HEADING)));
            tokens.extend(tokenize(&s.text).into_iter().map(|t| (t, BODY)));
            Doc {
                page,
                anchor: s.anchor,
                heading: s.heading,
                excerpt: excerpt(&s.text),
                tokens,
            }
        })
        .collect();
    // the title (and description) belong to the top of the page, even when it opens with a heading
    if docs.first().is_none_or(|d| !d.anchor.is_empty()) {
        docs.insert(0, empty_doc(page));
    }
    let intro = &mut docs[0];
    intro
        .tokens
        .extend(tokenize(title).into_iter().map(|t| (t, TITLE)));
    if let Some(description) = description {
        intro
            .tokens
            .extend(tokenize(description).into_iter().map(|t| (t, BODY)));
        if intro.excerpt.is_empty() {
            intro.excerpt = excerpt(description);
        }
    }
    for doc in &mut docs {
        doc.tokens.retain(|(t, _)| !stop.contains(&t.as_str()));
    }
    docs
}

fn empty_doc(page: usize) -> Doc {
    Doc {
        page,
        anchor: String::new(),
        heading: String::new(),
        excerpt: String::new(),
        tokens: Vec::new(),
    }
}

/// Term → delta-encoded `doc * 4 + best field` values, in doc order.
fn postings(docs: &[Doc]) -> BTreeMap<String, Vec<u32>> {
    let mut best: BTreeMap<&str, BTreeMap<u32, u32>> = BTreeMap::new();
    for (d, doc) in docs.iter().enumerate() {
        for (token, field) in &doc.tokens {
            let f = best.entry(token).or_default().entry(d as u32).or_insert(0);
            *f = (*f).max(*field);
        }
    }
    best.into_iter()
        .map(|(term, docs)| {
            let mut last = 0;
            let deltas = docs
                .into_iter()
                .map(|(d, f)| {
                    let v = d * 4 + f;
                    let delta = v - last;
                    last = v;
                    delta
                })
                .collect();
            (term.to_string(), deltas)
        })
        .collect()
}

type Shard = BTreeMap<String, Vec<u32>>;

/// Groups terms by their first letter, splitting large groups by one more letter.
fn shards(terms: BTreeMap<String, Vec<u32>>) -> Vec<(String, Shard)> {
    let mut out = Vec::new();
    split(terms, 1, &mut out);
    out
}

fn split(terms: Shard, depth: usize, out: &mut Vec<(String, Shard)>) {
    let mut groups: BTreeMap<String, Shard> = BTreeMap::new();
    for (term, postings) in terms {
        let key: String = term.chars().take(depth).collect();
        groups.entry(key).or_default().insert(term, postings);
    }
    for (key, group) in groups {
        let size: usize = group.iter().map(|(t, p)| t.len() + 4 * p.len() + 4).sum();
        if size <= SHARD_LIMIT || depth >= MAX_PREFIX {
            out.push((key, group));
            continue;
        }
        let (here, longer): (Shard, Shard) = group
            .into_iter()
            .partition(|(t, _)| t.chars().count() <= depth);
        if !here.is_empty() {
            out.push((key, here));
        }
        split(longer, depth + 1, out);
    }
}

/// A shard key as a file name: `a`–`z` and `0`–`9` as they are, anything else `_<hex>`.
/// search.js builds the same names.
pub fn file_key(key: &str) -> String {
    key.chars()
        .map(|c| match c {
            'a'..='z' | '0'..='9' => c.to_string(),
            _ => format!("_{:x}", c as u32),
        })
        .collect()
}

fn docs_chunk(course: &Course, chunk: &[Doc]) -> Value {
    let mut pages = serde_json::Map::new();
    let docs: Vec<Value> = chunk
        .iter()
        .map(|d| {
            let page = &course.pages[d.page];
            pages
                .entry(d.page.to_string())
                .or_insert_with(|| json!([page.title, page.out]));
            json!([d.page, d.anchor, d.heading, d.excerpt])
        })
        .collect();
    json!({ "p": pages, "d": docs })
}

/// Lowercase words of letters and digits; apostrophes inside words are dropped ("don't" →
/// "dont"); one-letter words are left out. search.js tokenizes queries the same way.
pub fn tokenize(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut flush = |word: &mut String| {
        if word.chars().count() > 1 {
            out.push(std::mem::take(word));
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if matches!(c, '\'' | '’') && !word.is_empty() {
            // inside a word: "don't" is one word
        } else {
            flush(&mut word);
        }
    }
    flush(&mut word);
    out
}

fn excerpt(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= EXCERPT {
        return text;
    }
    let cut: String = text.chars().take(EXCERPT).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{cut}…")
}

/// A section of a page's HTML: the part before the first heading has no anchor.
struct Section {
    anchor: String,
    heading: String,
    text: String,
}

/// Splits rendered HTML at its `h2` and `h3` headings.
fn sections(html: &str) -> Vec<Section> {
    let mut out = Vec::new();
    let mut rest = html;
    let mut current = Section {
        anchor: String::new(),
        heading: String::new(),
        text: String::new(),
    };
    while let Some((start, level)) = next_heading(rest) {
        current.text = html_text(&rest[..start]);
        let after = &rest[start + 8..];
        let id_end = after.find('"').unwrap_or(0);
        let close = format!("</h{level}>");
        let end = after.find(&close).unwrap_or(after.len());
        let inner = &after[(id_end + 1).min(end)..end];
        let inner = inner.split("<a class=\"anchor\"").next().unwrap_or("");
        let heading = html_text(inner.trim_start_matches('>'));
        let done = std::mem::replace(
            &mut current,
            Section {
                anchor: decode(&after[..id_end]),
                heading,
                text: String::new(),
            },
        );
        if !done.anchor.is_empty() || !done.text.trim().is_empty() {
            out.push(done);
        }
        rest = &after[(end + close.len()).min(after.len())..];
    }
    current.text = html_text(rest);
    if !current.anchor.is_empty() || !current.text.trim().is_empty() {
        out.push(current);
    }
    out
}

/// Byte offset and level of the next `<h2 id="` or `<h3 id="`.
fn next_heading(html: &str) -> Option<(usize, char)> {
    let mut from = 0;
    while let Some(i) = html[from..].find("<h") {
        let at = from + i;
        let tail = &html[at..];
        for level in ['2', '3'] {
            if tail[2..].starts_with(level) && tail[3..].starts_with(" id=\"") {
                return Some((at, level));
            }
        }
        from = at + 2;
    }
    None
}

/// The text of an HTML fragment: tags dropped (with the contents of `script`, `style` and
/// anchor links), entities decoded, every tag a word break.
pub fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&decode(&rest[..lt]));
        let tag = &rest[lt..];
        let skip_to = [
            ("<script", "</script>"),
            ("<style", "</style>"),
            ("<a class=\"anchor\"", "</a>"),
        ]
        .iter()
        .find(|(open, _)| tag.starts_with(open))
        .map(|(_, close)| *close);
        let end = match skip_to {
            Some(close) => tag.find(close).map(|i| i + close.len()),
            None => tag.find('>').map(|i| i + 1),
        };
        let end = end.unwrap_or(tag.len());
        if !is_inline_tag(&tag[..end]) {
            out.push(' ');
        }
        rest = &tag[end..];
    }
    out.push_str(&decode(rest));
    out
}

fn is_inline_tag(tag: &str) -> bool {
    let name: String = tag
        .trim_start_matches('<')
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    matches!(
        name.as_str(),
        "a" | "em" | "strong" | "code" | "del" | "span" | "mark" | "sup" | "sub" | "b" | "i"
    )
}

/// Decodes the entities pulldown-cmark and our escaping produce, and numeric ones.
fn decode(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        let semi = tail.find(';').filter(|&i| i <= 10);
        let decoded = semi.and_then(|i| entity(&tail[1..i]));
        match (semi, decoded) {
            (Some(i), Some(c)) => {
                out.push(c);
                rest = &tail[i + 1..];
            }
            _ => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizes_like_the_script() {
        assert_eq!(
            tokenize("Don't delegate—coach! A 1:1 in Zürich, 2024."),
            ["dont", "delegate", "coach", "in", "zürich", "2024"]
        );
    }

    #[test]
    fn splits_sections_and_strips_tags() {
        let html = "<p>Intro &amp; more</p>\n<h2 id=\"why-it-matters\">Why <em>it</em> matters<a class=\"anchor\" href=\"#why-it-matters\">#</a></h2>\n<p>Because.</p><h4 id=\"x\">Small</h4><p>Still here</p>";
        let s = sections(html);
        assert_eq!(s.len(), 2);
        assert_eq!(
            (s[0].anchor.as_str(), s[0].text.trim()),
            ("", "Intro & more")
        );
        assert_eq!(s[1].anchor, "why-it-matters");
        assert_eq!(s[1].heading.trim(), "Why it matters");
        assert_eq!(tokenize(&s[1].text), ["because", "small", "still", "here"]);
    }

    #[test]
    fn encodes_postings_as_deltas_with_the_best_field() {
        let doc = |tokens: &[(&str, u32)]| Doc {
            tokens: tokens.iter().map(|(t, f)| (t.to_string(), *f)).collect(),
            ..empty_doc(0)
        };
        let docs = [
            doc(&[("coach", BODY), ("coach", TITLE)]),
            doc(&[]),
            doc(&[("coach", HEADING)]),
        ];
        let p = postings(&docs);
        assert_eq!(p["coach"], [2, 7]); // doc 0 title (0*4+2), doc 2 heading (2*4+1 = 9, delta 7)
    }

    #[test]
    fn splits_large_shards_by_another_letter() {
        let mut terms = BTreeMap::new();
        terms.insert("de".to_string(), vec![1]);
        for i in 0..SHARD_LIMIT / 8 {
            terms.insert(format!("del{i}"), vec![1, 2, 3]);
        }
        terms.insert("dx".to_string(), vec![1]);
        let keys: Vec<String> = shards(terms).into_iter().map(|(k, _)| k).collect();
        // "d" is too big: "de" (itself too big) keeps only the word "de", "del…" goes deeper
        assert!(keys.contains(&"de".to_string()), "{keys:?}");
        assert!(keys.iter().any(|k| k.starts_with("del")), "{keys:?}");
        assert!(keys.contains(&"dx".to_string()), "{keys:?}");
        assert!(!keys.contains(&"d".to_string()), "{keys:?}");
        assert_eq!(file_key("zü"), "z_fc");
    }
}
