//! The sample course teaches, not only tells: it holds the practice it promises (a scenario per
//! module, reflections, an ordering and a matching exercise, a final check, a glossary used
//! through `[[term]]` links, facilitator notes in every module), builds without a warning, and
//! is written in its own words: no run of ten words is shared with its source text.
//!
//! The source text is not kept in the repository. `tests/fixtures/sample-seed-runs.txt` holds a
//! fingerprint (64-bit FNV-1a, in hexadecimal) of each run of ten words in it, after lowercasing
//! and keeping only letters and digits. Set `LECTERN_SEEDS` to the folder of the source texts
//! (`.txt` files) to write the fingerprints afresh.

mod common;

use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use common::{repo_root, sel};
use scraper::Html;

const RUN: usize = 10;
const SEED_RUNS: &str = "tests/fixtures/sample-seed-runs.txt";

/// Lowercased words of letters and digits; apostrophes join a word (`don't` → `dont`).
fn words(text: &str) -> Vec<String> {
    let joined: String = text.chars().filter(|c| *c != '\'' && *c != '’').collect();
    joined
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Each run of [`RUN`] words of `text`, as its fingerprint and its words.
fn runs(text: &str) -> Vec<(u64, String)> {
    let words = words(text);
    words
        .windows(RUN)
        .map(|w| {
            let run = w.join(" ");
            (fnv1a(&run), run)
        })
        .collect()
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// Every text file of the sample course: course.yaml and content/.
fn course_files() -> Vec<PathBuf> {
    let root = repo_root();
    let mut files = vec![root.join("course.yaml")];
    files_under(&root.join("content"), &mut files);
    files.sort();
    files
}

/// The seed fingerprints, written afresh first when `LECTERN_SEEDS` names the source texts.
fn seed_runs() -> HashSet<u64> {
    let file = repo_root().join(SEED_RUNS);
    if let Some(dir) = std::env::var_os("LECTERN_SEEDS") {
        let mut seeds = Vec::new();
        files_under(Path::new(&dir), &mut seeds);
        let all: BTreeSet<u64> = seeds
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .flat_map(|p| runs(&fs::read_to_string(p).unwrap()))
            .map(|(hash, _)| hash)
            .collect();
        let lines: Vec<String> = all.iter().map(|h| format!("{h:016x}")).collect();
        fs::write(&file, lines.join("\n") + "\n").unwrap();
    }
    let text = fs::read_to_string(&file).unwrap();
    let seeds: HashSet<u64> = text
        .lines()
        .map(|l| u64::from_str_radix(l, 16).unwrap())
        .collect();
    assert!(seeds.len() > 1000, "{SEED_RUNS} holds too few runs");
    seeds
}

#[test]
fn no_run_of_ten_words_is_shared_with_the_source() {
    let seeds = seed_runs();
    let mut shared = Vec::new();
    for file in course_files() {
        let text = fs::read_to_string(&file).unwrap();
        for (hash, run) in runs(&text) {
            if seeds.contains(&hash) {
                shared.push(format!("{}: {run}", file.display()));
            }
        }
    }
    assert!(
        shared.is_empty(),
        "shared with the source:\n{}",
        shared.join("\n")
    );
}

#[test]
fn a_run_copied_from_the_source_is_caught() {
    let seeds = seed_runs();
    let copied = "Ask 10 new sales managers from 10 different companies what their job entails";
    assert!(runs(copied).iter().any(|(hash, _)| seeds.contains(hash)));
    let own = "Put ten new sales managers from ten different companies in a room";
    assert!(!runs(own).iter().any(|(hash, _)| seeds.contains(hash)));
}

/// The sample course built by the binary, into a temporary folder: the folder, the site and
/// what the build printed on stderr.
fn build_sample() -> (tempfile::TempDir, PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let output = common::lectern()
        .arg("build")
        .arg(repo_root())
        .arg("--out")
        .arg(&site)
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (dir, site, stderr)
}

fn html_pages(site: &Path) -> Vec<Html> {
    let mut files = Vec::new();
    files_under(site, &mut files);
    files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .filter(|p| !p.ends_with("handouts/course.html") && !p.ends_with("print.html"))
        .map(|p| Html::parse_document(&fs::read_to_string(p).unwrap()))
        .collect()
}

fn count(pages: &[Html], selector: &str, attr: &str) -> BTreeSet<String> {
    let selector = sel(selector);
    pages
        .iter()
        .flat_map(|page| page.select(&selector))
        .filter_map(|el| el.value().attr(attr).map(str::to_string))
        .collect()
}

#[test]
fn the_sample_course_practises_what_it_teaches() {
    let (_dir, site, stderr) = build_sample();
    assert!(!stderr.contains("warning"), "the build warned:\n{stderr}");
    let lessons: Vec<Html> = html_pages(&site);
    let scenarios = count(&lessons, "section.scenario", "data-scenario");
    assert!(scenarios.len() >= 6, "scenarios: {scenarios:?}");
    let reflections = count(&lessons, "section.reflection", "data-reflection");
    assert!(reflections.len() >= 3, "reflections: {reflections:?}");
    assert!(reflections.contains("delegation-brief"));
    let sorts = count(&lessons, "section.sort", "data-sort");
    assert!(sorts.contains("eight-steps-order"), "sorts: {sorts:?}");
    assert!(sorts.contains("five-skills-match"), "sorts: {sorts:?}");
    let labels = |id: &str| -> BTreeSet<String> {
        let selector = sel(&format!("section[data-sort=\"{id}\"] li.sort-item label"));
        let found = lessons.iter().flat_map(|page| page.select(&selector));
        found.map(|l| l.text().collect()).collect()
    };
    // the English pages ask in English, the French translation's in French
    assert_eq!(
        labels("eight-steps-order"),
        [
            "Which place in the order?",
            "Quelle place dans la séquence ?"
        ]
        .map(String::from)
        .into()
    );
    assert_eq!(
        labels("five-skills-match"),
        ["Which skill is this?", "De quelle compétence s'agit-il ?"]
            .map(String::from)
            .into()
    );
    let quizzes = count(&lessons, "form.quiz", "data-quiz");
    assert!(quizzes.contains("final-check"), "quizzes: {quizzes:?}");
    let final_check =
        "form.quiz[data-quiz=final-check][data-pool='8'][data-pass='80'][data-attempts='3']";
    let kinds = count(
        &lessons,
        &format!("{final_check} fieldset.quiz-arrange"),
        "data-kind",
    );
    assert_eq!(kinds, ["match".to_string(), "order".to_string()].into());
    let questions = count(
        &lessons,
        &format!("{final_check} fieldset"),
        "data-question",
    );
    assert!(questions.len() >= 12, "the pool draws 8 of: {questions:?}");
    let linked = count(&lessons, "a.term", "href");
    assert!(linked.len() >= 15, "glossary terms linked: {linked:?}");
    let glossary = Html::parse_document(&fs::read_to_string(site.join("glossary.html")).unwrap());
    assert!(glossary.select(&sel("dt")).count() >= 15);
}

#[test]
fn every_module_has_facilitator_notes() {
    let (_dir, site, _) = build_sample();
    let guide = fs::read_to_string(site.join("facilitator.html")).unwrap();
    let content = repo_root().join("content");
    let mut modules: Vec<PathBuf> = fs::read_dir(&content)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("_index.md").is_file())
        .collect();
    modules.sort();
    assert_eq!(modules.len(), 6);
    for module in modules {
        let index = fs::read_to_string(module.join("_index.md")).unwrap();
        let title = index
            .lines()
            .find_map(|l| l.strip_prefix("title: "))
            .unwrap();
        assert!(guide.contains(title), "no facilitator notes for {title}");
    }
}
