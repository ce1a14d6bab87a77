//! Markdown rendering through the whole in-memory pipeline (model, Markdown passes, templates):
//! the fuzzed text is one lesson of a tiny course. Any input must build or give diagnostics.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use lectern::load::{self, yaml, CourseConfig, MarkdownFile, Source, Theme};
use libfuzzer_sys::fuzz_target;

fn base() -> &'static (CourseConfig, Theme) {
    static BASE: OnceLock<(CourseConfig, Theme)> = OnceLock::new();
    BASE.get_or_init(|| {
        let file = Path::new("course.yaml");
        let text = "title: Fuzz\n";
        let config = yaml::parse(text, yaml::Fragment::whole(file, text)).unwrap();
        let theme = load::theme::load(Path::new("/nonexistent"), None).unwrap();
        (config, theme)
    })
}

fn page(rel: &str, text: String) -> Option<MarkdownFile> {
    let file = PathBuf::from("content").join(rel);
    let split = load::frontmatter::split(&file, &text).ok()?;
    Some(MarkdownFile {
        rel: PathBuf::from(rel),
        file,
        text,
        front: split.front,
        body_start: split.body_start,
    })
}

fuzz_target!(|body: &str| {
    let (config, theme) = base();
    let home = page("_index.md", "---\ntitle: Home\n---\n# Home\n".into()).unwrap();
    let other = page("01-m/02-other.md", "---\ntitle: Other\n---\n## Part one\n".into()).unwrap();
    let Some(lesson) = page("01-m/01-l.md", format!("---\ntitle: Lesson\n---\n{body}")) else {
        return;
    };
    let source = Source {
        root: PathBuf::from("/nonexistent"),
        config: config.clone(),
        pages: vec![home, lesson, other],
        tables: Vec::new(),
        content_assets: Vec::new(),
        static_files: Vec::new(),
        theme: theme.clone(),
        unreadable: Default::default(),
        lock: None,
        glossary: None,
        translated_glossaries: Default::default(),
    };
    let options = lectern::model::ModelOptions { drafts: false };
    let result = lectern::model::build(source, options)
        .and_then(lectern::render_site);
    if let Err(problems) = result {
        drop(problems.to_string());
    }
});
