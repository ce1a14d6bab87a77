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

mod shards;
mod text;

use rustc_hash::FxHashMap as HashMap;

use rayon::prelude::*;
use serde_json::{json, Value};

use super::markdown::RenderedMarkdown;
use crate::model::Course;
pub use shards::file_key;
use shards::{shard_script, shards};
use text::{each_token, excerpt, sections};
pub use text::{html_text, tokenize};

/// Documents per `docs-<n>.js` file.
pub const DOC_CHUNK: usize = 100;
/// A shard larger than this (bytes of JSON) is split by one more letter.
const SHARD_LIMIT: usize = 24 * 1024;
/// Longest shard prefix.
const MAX_PREFIX: usize = 6;
/// Words too common to be worth indexing, for English courses.
const STOP_EN: [&str; 24] = [
    "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "of", "on", "or",
    "that", "the", "this", "to", "was", "we", "with", "you", "your",
];

const BODY: u8 = 0;
const HEADING: u8 = 1;
const TITLE: u8 = 2;
/// Pages tokenized at once (in parallel) before they are merged into the index in order.
const BATCH: usize = 512;

/// One searchable section of a page.
struct Doc {
    page: usize,
    anchor: String,
    heading: String,
    excerpt: String,
}

/// A page's documents and their words: each distinct word of the page once, and per document
/// its distinct words (indexes into `words`) with the best field each appears in.
#[derive(Default)]
struct PageDocs {
    docs: Vec<Doc>,
    words: Vec<String>,
    terms: Vec<Vec<(u32, u8)>>,
}

/// A word and its postings (`doc * 4 + field`, ascending).
type Term = (String, Vec<u32>);

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
    let sources: Vec<usize> = (0..course.pages.len())
        .filter(|&i| course.pages[i].source.is_some())
        .collect();
    let mut index = Index::default();
    for batch in sources.chunks(BATCH) {
        let parts: Vec<PageDocs> = batch
            .par_iter()
            .map(|&i| {
                let p = &course.pages[i];
                let html = &rendered[i].html;
                page_docs(i, &p.title, p.description.as_deref(), html, stop)
            })
            .collect();
        parts.into_iter().for_each(|part| index.add(part));
    }
    let terms = index.terms();
    let mut files = Vec::new();
    let mut keys = Vec::new();
    for (key, shard) in shards(&terms) {
        let path = format!("assets/search/shard-{}.js", file_key(&key));
        files.push((path, shard_script(&key, shard)));
        keys.push(key);
    }
    for (n, chunk) in index.docs.chunks(DOC_CHUNK).enumerate() {
        files.push((
            format!("assets/search/docs-{n}.js"),
            call("docs", &json!(n), &docs_chunk(course, chunk)),
        ));
    }
    let index = json!({ "v": 1, "chunk": DOC_CHUNK, "docs": index.docs.len(), "shards": keys, "stop": stop });
    files.push((
        "assets/search/index.js".into(),
        call("index", &json!(0), &index),
    ));
    files
}

fn call(kind: &str, key: &Value, data: &Value) -> String {
    format!("lecternSearch(\"{kind}\",{key},{data});\n")
}

/// Every document in order, and each word's postings.
#[derive(Default)]
struct Index {
    docs: Vec<Doc>,
    ids: HashMap<String, u32>,
    postings: Vec<Vec<u32>>,
}

impl Index {
    /// Appends a page's documents (pages are added in order, so postings stay sorted).
    fn add(&mut self, part: PageDocs) {
        let ids: Vec<u32> = part
            .words
            .into_iter()
            .map(|word| {
                *self.ids.entry(word).or_insert_with(|| {
                    self.postings.push(Vec::new());
                    self.postings.len() as u32 - 1
                })
            })
            .collect();
        for (doc, terms) in part.docs.into_iter().zip(part.terms) {
            let d = self.docs.len() as u32;
            for (word, field) in terms {
                self.postings[ids[word as usize] as usize].push(d * 4 + u32::from(field));
            }
            self.docs.push(doc);
        }
    }

    /// Every word with its postings, sorted by word.
    fn terms(&mut self) -> Vec<Term> {
        let mut terms: Vec<Term> = self
            .ids
            .drain()
            .map(|(word, id)| (word, std::mem::take(&mut self.postings[id as usize])))
            .collect();
        terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        terms
    }
}

/// A page's sections as documents; the title counts toward its first section.
fn page_docs(
    page: usize,
    title: &str,
    description: Option<&str>,
    html: &str,
    stop: &[&str],
) -> PageDocs {
    let mut out = PageDocs::default();
    let mut words = Words::new(stop);
    for s in sections(html) {
        words.add(&s.heading, HEADING);
        words.add(&s.text, BODY);
        out.terms.push(words.finish());
        out.docs.push(Doc {
            page,
            excerpt: excerpt(&s.text),
            anchor: s.anchor,
            heading: s.heading,
        });
    }
    // the title (and description) belong to the top of the page, even when it opens with a heading
    if out.docs.first().is_none_or(|d| !d.anchor.is_empty()) {
        out.docs.insert(0, empty_doc(page));
        out.terms.insert(0, Vec::new());
    }
    words.resume(&out.terms[0]);
    words.add(title, TITLE);
    if let Some(description) = description {
        words.add(description, BODY);
        if out.docs[0].excerpt.is_empty() {
            out.docs[0].excerpt = excerpt(description);
        }
    }
    out.terms[0] = words.finish();
    out.words = words.into_words();
    out
}

fn empty_doc(page: usize) -> Doc {
    Doc {
        page,
        anchor: String::new(),
        heading: String::new(),
        excerpt: String::new(),
    }
}

/// A page's words: each distinct word gets a number once, and the document being tokenized
/// keeps the best field of each word it holds.
struct Words<'s> {
    stop: &'s [&'s str],
    /// word → its number, or `STOP` for a stop word
    ids: HashMap<String, u32>,
    /// per word number: 1 + the best field in the current document, 0 when absent
    best: Vec<u8>,
    touched: Vec<u32>,
    buf: String,
}

const STOP: u32 = u32::MAX;

impl<'s> Words<'s> {
    fn new(stop: &'s [&'s str]) -> Self {
        Words {
            stop,
            ids: HashMap::default(),
            best: Vec::new(),
            touched: Vec::new(),
            buf: String::new(),
        }
    }

    fn add(&mut self, text: &str, field: u8) {
        let Words {
            stop,
            ids,
            best,
            touched,
            buf,
        } = self;
        each_token(text, buf, |word| {
            let id = match ids.get(word) {
                Some(&id) => id,
                None => {
                    let id = if stop.contains(&word) {
                        STOP
                    } else {
                        best.push(0);
                        best.len() as u32 - 1
                    };
                    ids.insert(word.to_string(), id);
                    id
                }
            };
            if id == STOP {
                return;
            }
            let b = &mut best[id as usize];
            if *b == 0 {
                touched.push(id);
            }
            *b = (*b).max(field + 1);
        });
    }

    /// The current document's words and best fields; starts the next document.
    fn finish(&mut self) -> Vec<(u32, u8)> {
        let best = &mut self.best;
        self.touched
            .drain(..)
            .map(|id| {
                let field = best[id as usize] - 1;
                best[id as usize] = 0;
                (id, field)
            })
            .collect()
    }

    /// Makes `terms` the current document again, to add more to it.
    fn resume(&mut self, terms: &[(u32, u8)]) {
        for &(id, field) in terms {
            self.best[id as usize] = field + 1;
            self.touched.push(id);
        }
    }

    /// The words by number.
    fn into_words(self) -> Vec<String> {
        let mut words = vec![String::new(); self.best.len()];
        for (word, id) in self.ids {
            if id != STOP {
                words[id as usize] = word;
            }
        }
        words
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn doc_terms(terms: &[(u32, u8)]) -> (Doc, Vec<(u32, u8)>) {
        (empty_doc(0), terms.to_vec())
    }

    #[test]
    fn encodes_postings_as_deltas_with_the_best_field() {
        let mut index = Index::default();
        let mut part = PageDocs {
            words: vec!["coach".into(), "delegate".into()],
            ..PageDocs::default()
        };
        for (doc, terms) in [
            doc_terms(&[(0, TITLE), (1, BODY)]),
            doc_terms(&[(1, HEADING)]),
            doc_terms(&[(0, HEADING)]),
        ] {
            part.docs.push(doc);
            part.terms.push(terms);
        }
        index.add(part);
        let terms = index.terms();
        // doc 0 title (0*4+2), doc 2 heading (2*4+1 = 9, delta 7)
        assert_eq!(terms[0], ("coach".to_string(), vec![2, 9]));
        assert_eq!(
            shard_script("c", &terms[..1]),
            "lecternSearch(\"shard\",\"c\",{\"terms\":{\"coach\":[2,7]}});\n"
        );
    }

    #[test]
    fn keeps_the_best_field_of_each_word_per_section() {
        let html = "<p>Coach the coach</p><h2 id=\"coach\">Coach</h2><p>coach</p>";
        let page = page_docs(3, "Coaching", Some("About coaching"), html, &STOP_EN);
        let word = |w: &str| page.words.iter().position(|x| x == w).unwrap() as u32;
        let mut intro = page.terms[0].clone();
        intro.sort();
        let mut expected = vec![
            (word("coach"), BODY),
            (word("coaching"), TITLE),
            (word("about"), BODY),
        ];
        expected.sort();
        assert_eq!(intro, expected);
        assert_eq!(page.terms[1], [(word("coach"), HEADING)]);
        assert!(!page.words.iter().any(|w| w == "the"), "{:?}", page.words);
        assert_eq!(page.docs[1].anchor, "coach");
    }

    #[test]
    fn splits_large_shards_by_another_letter() {
        let mut terms: Vec<Term> = vec![("de".to_string(), vec![1])];
        for i in 0..SHARD_LIMIT / 8 {
            terms.push((format!("del{i}"), vec![1, 2, 3]));
        }
        terms.push(("dx".to_string(), vec![1]));
        terms.sort();
        let keys: Vec<String> = shards(&terms).into_iter().map(|(k, _)| k).collect();
        // "d" is too big: "de" (itself too big) keeps only the word "de", "del…" goes deeper
        assert!(keys.contains(&"de".to_string()), "{keys:?}");
        assert!(keys.iter().any(|k| k.starts_with("del")), "{keys:?}");
        assert!(keys.contains(&"dx".to_string()), "{keys:?}");
        assert!(!keys.contains(&"d".to_string()), "{keys:?}");
        assert_eq!(file_key("zü"), "z_fc");
    }
}
