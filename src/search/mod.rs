//! The search stage: the rendered pages (each page's Markdown HTML, from
//! [`crate::render::prepare`], with its title and description) → the search index. It runs
//! beside render's second half, fed by the build recipe in `lib.rs`; render knows nothing of
//! it.
//!
//! The index is split into small script files so that search works from file:// (a
//! `<script>` may load a local file where `fetch` may not) and loads only what a query needs.
//!
//! Documents are sections of pages: a page's introduction (up to its first `h2`/`h3`) and each
//! `h2`/`h3` section. The files under `assets/search/`, each a call to `lecternSearch(kind, key,
//! data)` defined by `assets/search.js`:
//!
//! - `index.js`: the list of term shards, the document chunk size and the stop words;
//! - `shard-<prefix>.js`: terms starting with `<prefix>` (one letter, or up to six when a
//!   shard would be large), each with its postings: the sorted `doc * 4 + field` values (field
//!   0 body, 1 heading, 2 lesson title), delta-encoded so most are one or two digits; a word in
//!   more than [`terms::MAX_POSTINGS`] documents keeps that many, its best, and `more` says
//!   how many documents it is in;
//! - `docs-<n>.js`: documents `n * DOC_CHUNK ..`: page index, heading id, heading text and
//!   the first words of the section for the snippet, plus those pages' titles and URLs.
//!
//! Words are matched by prefix rather than stemmed: a stemmer would have to run identically in
//! the browser (a second Snowball implementation in JavaScript to keep in step), while prefix
//! matching finds "delegating" and "delegation" from "delegat", works as the learner types and
//! behaves the same in every language. Tokenizing is the same rule on both sides (in full in
//! [`scripts`], tested by running search.js's own code against it):
//!
//! - a word is a lowercase run of letters, marks and numbers (`\p{L}\p{M}\p{N}`: an Indic
//!   vowel sign or virama belongs to its word), apostrophes, soft hyphens and zero-width
//!   joiners inside it dropped, final sigma read as sigma, in NFC; one-letter words are dropped;
//! - in scripts written without spaces (Han, hiragana, katakana, Thai, Lao, Khmer, Myanmar, by
//!   block), a run is indexed as its overlapping pairs of characters and then its last
//!   character (`日本語` → `日本`, `本語`, `語`; a one-character run is that character). A query
//!   is cut the same way and all its words are required, so any part of such text, of any
//!   length, finds it: each of the query's pairs starts an indexed pair, its last character
//!   too. Terms in these scripts are therefore one or two characters long, and their shards
//!   go by their first character.

#[cfg(all(test, target_os = "linux", target_env = "gnu"))]
mod bench;
mod chunk;
mod docs;
mod intern;
mod scan;
mod scripts;
mod sections;
mod shards;
mod terms;
mod words;

use rayon::prelude::*;
use serde_json::json;

use crate::error::Diagnostic;
use crate::model::Course;
use crate::render::markdown::RenderedMarkdown;
use crate::site::{Output, Sink};
use chunk::{index_chunk, ChunkIndex, PageText};
use docs::{DocFiles, DOC_CHUNK};
pub use shards::file_key;
use shards::{shard_script, shards};
use terms::Terms;
pub use words::tokenize;

/// Words too common to be worth indexing, for English courses.
const STOP_EN: [&str; 24] = [
    "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "of", "on", "or",
    "that", "the", "this", "to", "was", "we", "with", "you", "your",
];

/// Pages indexed at once (in parallel) before their words are merged into the index: only
/// one batch of runs is in memory at a time.
const BATCH: usize = 1024;
/// Pages in a run, indexed by one thread (see [`chunk`]).
const RUN: usize = 64;

/// Makes the search files and hands each to `sink` as soon as it is made.
///
/// Every step runs in parallel: runs of pages are indexed on their own (each batch merged,
/// and its documents' files written, while the next is indexed), and the files made each on
/// its own.
pub fn index_files(
    course: &Course,
    rendered: &[std::sync::Arc<RenderedMarkdown>],
    sink: &dyn Sink,
) -> Result<(), Diagnostic> {
    let stop: &[&str] = if course.config.language.starts_with("en") {
        &STOP_EN
    } else {
        &[]
    };
    let mut docs = DocFiles::new(course, sink);
    let terms = index(course, rendered, stop, &mut docs)?;
    let doc_count = docs.finish()?;
    let terms = terms.into_sorted();
    let shards = shards(&terms);
    shards.par_iter().try_for_each(|(key, shard)| {
        let path = format!("assets/search/shard-{}.js", file_key(key));
        sink.put(path, Output::Text(shard_script(key, shard)))
    })?;
    let keys: Vec<&String> = shards.iter().map(|(key, _)| key).collect();
    let index =
        json!({ "v": 1, "chunk": DOC_CHUNK, "docs": doc_count, "shards": keys, "stop": stop });
    let script = format!("lecternSearch(\"index\",0,{index});\n");
    sink.put("assets/search/index.js".into(), Output::Text(script))
}

/// Every page with a source, indexed in runs: the words with their postings; the documents,
/// in order, go to `docs`.
fn index(
    course: &Course,
    rendered: &[std::sync::Arc<RenderedMarkdown>],
    stop: &[&str],
    docs: &mut DocFiles,
) -> Result<Terms, Diagnostic> {
    let sources: Vec<usize> = (0..course.pages.len())
        .filter(|&i| course.pages[i].source.is_some())
        .collect();
    let page_text = |i: usize| {
        let p = &course.pages[i];
        PageText {
            page: i,
            title: &p.title,
            description: p.description.as_deref(),
            html: &rendered[i].html,
        }
    };
    let mut terms = Terms::default();
    let mut indexed: Vec<ChunkIndex> = Vec::new();
    for batch in sources.chunks(BATCH) {
        let done = std::mem::take(&mut indexed);
        let merged;
        (merged, indexed) = rayon::join(
            || merge(&mut terms, docs, done),
            || {
                (batch.par_chunks(RUN))
                    .map(|run| index_chunk(run.iter().map(|&i| page_text(i)), stop))
                    .collect()
            },
        );
        merged?;
    }
    merge(&mut terms, docs, indexed)?;
    Ok(terms)
}

/// Adds indexed runs, the next ones in order, and writes the documents' files now full.
fn merge(terms: &mut Terms, docs: &mut DocFiles, runs: Vec<ChunkIndex>) -> Result<(), Diagnostic> {
    for run in runs {
        terms.add(&run, docs.len() as u32);
        docs.extend(run.docs);
    }
    docs.write_full()
}

/// One of `parts`, picked by a linear congruential generator: the same sequence every run,
/// for tests that compare a fast path with a reference on generated text.
#[cfg(test)]
fn pick<'p>(seed: &mut usize, parts: &[&'p str]) -> &'p str {
    *seed = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    parts[(*seed >> 33) % parts.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::html_text::html_text;
    use chunk::{BODY, HEADING, TITLE};
    use shards::SHARD_LIMIT;
    use terms::{Postings, Term};

    /// The index of one page.
    fn page_index(page: usize, title: &str, description: Option<&str>, html: &str) -> ChunkIndex {
        let text = PageText {
            page,
            title,
            description,
            html,
        };
        index_chunk([text].into_iter(), &STOP_EN)
    }

    /// A run's words with their postings, sorted by word.
    fn words(run: &ChunkIndex) -> Vec<(String, Vec<u32>)> {
        let mut terms = Terms::default();
        terms.add(run, 0);
        let terms = terms.into_sorted();
        terms.into_iter().map(|(w, p)| (w, p.values())).collect()
    }

    #[test]
    fn encodes_postings_as_deltas_with_the_best_field() {
        let html =
            "<p>Coach and delegate</p><h2 id=\"a\">Delegate</h2><p>x</p><h2 id=\"b\">Coach</h2>";
        let runs = [
            page_index(0, "Coach", None, html),
            page_index(1, "Other", None, "<p>coach</p>"),
        ];
        let mut terms = Terms::default();
        terms.add(&runs[0], 0);
        terms.add(&runs[1], 3);
        let terms = terms.into_sorted();
        // doc 0 title (0*4+2), doc 2 heading (2*4+1 = 9, delta 7), doc 3 body (12, delta 3)
        assert_eq!(terms[0].0, "coach");
        assert_eq!(terms[0].1.values(), [2, 9, 12]);
        assert_eq!(terms[1].0, "delegate");
        assert_eq!(terms[1].1.values(), [0, 5]);
        assert_eq!(
            shard_script("c", &terms[..1]),
            "lecternSearch(\"shard\",\"c\",{\"terms\":{\"coach\":[2,7,3]}});\n"
        );
    }

    #[test]
    fn numbers_the_documents_of_a_run_one_after_another() {
        let pages = [(0, "<h2 id=\"a\">A</h2><p>one</p>"), (4, "<p>two one</p>")];
        let texts = pages.iter().map(|&(page, html)| PageText {
            page,
            title: "T",
            description: None,
            html,
        });
        let run = index_chunk(texts, &STOP_EN);
        let pages: Vec<usize> = run.docs.iter().map(|d| d.page).collect();
        assert_eq!(pages, [0, 0, 4]);
        let at = |doc: u32, field: u8| doc * 4 + u32::from(field);
        assert_eq!(
            words(&run),
            [
                ("one".into(), vec![at(1, BODY), at(2, BODY)]),
                ("two".into(), vec![at(2, BODY)])
            ]
        );
    }

    #[test]
    fn keeps_the_best_field_of_each_word_per_section() {
        let html = "<p>Coach the coach</p><h2 id=\"coach\">Coach</h2><p>coach</p>";
        let page = page_index(3, "Coaching", Some("About coaching"), html);
        let at = |doc: u32, field: u8| doc * 4 + u32::from(field);
        assert_eq!(
            words(&page),
            [
                ("about".into(), vec![at(0, BODY)]),
                ("coach".into(), vec![at(0, BODY), at(1, HEADING)]),
                ("coaching".into(), vec![at(0, TITLE)]),
            ]
        );
        assert_eq!(page.docs[1].anchor, "coach");
        assert_eq!(page.docs[0].excerpt, "Coach the coach");
    }

    #[test]
    fn gives_a_page_opening_with_a_heading_a_top_document() {
        let html = "<h2 id=\"start\">Start</h2><p>Go</p>";
        let page = page_index(0, "Title", Some("What it is"), html);
        assert_eq!(page.docs.len(), 2);
        assert_eq!(page.docs[0].anchor, "");
        assert_eq!(page.docs[0].excerpt, "What it is");
        let title = words(&page).into_iter().find(|(w, _)| *w == "title");
        assert_eq!(title, Some(("title".into(), vec![TITLE.into()])));
    }

    /// The words of `html` as the index finds them, and as `tokenize` finds them in its text.
    fn both_ways(html: &str) -> (Vec<String>, Vec<String>) {
        let mut expected = tokenize(&html_text(html));
        expected.retain(|w| !STOP_EN.contains(&w.as_str()));
        expected.sort();
        expected.dedup();
        let found = words(&page_index(0, "", None, html));
        (found.into_iter().map(|(w, _)| w).collect(), expected)
    }

    #[test]
    fn finds_the_words_tokenize_finds_in_the_text() {
        // entities, inline tags inside words, skipped elements, apostrophes, other scripts
        let html = "<p>Don&#39;t co<em>ach</em> the&nbsp;team&amp;co. Zürich’s İSTANBUL</p>\
            <script>hidden()</script><p>a<br>b cd<a class=\"anchor\" href=\"#x\">gone</a>\
            x&unknown; &#x41;BC</p><h2 id=\"h\">Head <code>line</code></h2><ul><li>one</li><li>two</li></ul>";
        let (found, expected) = both_ways(html);
        assert_eq!(found, expected);
        assert!(
            found.contains(&"dont".into()) && found.contains(&"coach".into()),
            "{found:?}"
        );
        assert!(
            !found.contains(&"hidden".into()) && !found.contains(&"gone".into()),
            "{found:?}"
        );
    }

    #[test]
    fn reads_every_mix_of_tags_and_entities_as_html_text_does() {
        let parts = [
            "ab",
            "Cd",
            " ",
            "<em>",
            "</em>",
            "<p>",
            "<br>",
            "&amp;",
            "&#65;",
            "&#x62;",
            "&lt;",
            "&#39;",
            "&nbsp;",
            "&bogus;",
            "&",
            ";",
            "&amp",
            "<script>x y</script>",
            "é",
            "’",
            "<a class=\"anchor\">zz</a>",
            "<span",
            ">",
            "&#1234567;",
            "&#x1F600;",
            "İ",
            "हि",
            "\u{94d}",
            "&#x902;",
            "日本",
            "&#x8A9E;",
            "ภา",
            "ς",
            "\u{301}",
            "&shy;",
        ];
        let mut seed = 11usize;
        for _ in 0..3000 {
            let html: String = (0..10).map(|_| pick(&mut seed, &parts)).collect();
            let (found, expected) = both_ways(&html);
            assert_eq!(found, expected, "{html:?}");
        }
    }

    #[test]
    fn splits_large_shards_by_another_letter() {
        let postings = |values: &[u32]| Postings::from(values);
        let mut terms: Vec<Term> =
            vec![("de".into(), postings(&[1])), ("dx".into(), postings(&[1]))];
        terms.extend((0..SHARD_LIMIT / 8).map(|i| (format!("del{i}"), postings(&[1, 2, 3]))));
        terms.sort_by(|a, b| a.0.cmp(&b.0));
        let keys: Vec<String> = shards(&terms).into_iter().map(|(k, _)| k).collect();
        // "d" is too big: "de" (itself too big) keeps only the word "de", "del…" goes deeper
        assert!(keys.contains(&"de".to_string()), "{keys:?}");
        assert!(keys.iter().any(|k| k.starts_with("del")), "{keys:?}");
        assert!(keys.contains(&"dx".to_string()), "{keys:?}");
        assert!(!keys.contains(&"d".to_string()), "{keys:?}");
        assert_eq!(file_key("zü"), "z_fc");
        // pairs of characters of a script without spaces stay with their first character
        let mut han: Vec<Term> = (0..SHARD_LIMIT / 8)
            .map(|i| {
                (
                    format!("日{}", char::from_u32(0x4E00 + i as u32).unwrap()),
                    postings(&[1, 2, 3]),
                )
            })
            .collect();
        han.sort_by(|a, b| a.0.cmp(&b.0));
        let keys: Vec<String> = shards(&han).into_iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["日"]);
    }
}
