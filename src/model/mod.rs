//! Stage 2, model: validate, order and link the loaded files into a [`Course`].
//!
//! Top-level folders of `content/` holding Markdown are modules; their `.md` files are lessons.
//! Order is numeric prefix, then `weight`, then name; slugs drop the prefix. Every page gets
//! its output path here, and [`links`] maps content paths to those output paths.

pub mod assessment;
pub mod links;
mod modules;
pub mod order;

use std::collections::{BTreeMap, HashMap};
use std::path::{Component, PathBuf};

use serde::Serialize;

use crate::error::{Diagnostic, Diagnostics};
use crate::load::yaml::merged_list_items;
use crate::load::{MarkdownFile, Source, Table};
pub use links::LinkMap;

/// Options that change what the model keeps.
#[derive(Debug, Clone, Copy, Default)]
pub struct ModelOptions {
    /// Keep pages marked `draft: true`.
    pub drafts: bool,
}

/// What kind of page a [`Page`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    Home,
    Module,
    Lesson,
}

/// A page made from a Markdown file (or a module without `_index.md`).
#[derive(Debug, Clone)]
pub struct Page {
    pub kind: PageKind,
    /// Stable id used by progress storage: `module/lesson`, `module` or `index`.
    pub id: String,
    /// Output path relative to the site root, `/`-separated.
    pub out: String,
    pub title: String,
    pub description: Option<String>,
    pub objectives: Vec<String>,
    pub duration: Option<String>,
    pub minutes: u32,
    /// The Markdown file, when there is one.
    pub source: Option<MarkdownFile>,
    /// Index of the page's module in [`Course::modules`].
    pub module: Option<usize>,
}

impl Page {
    /// True for a page marked `draft: true` (only in a build with `--drafts`).
    pub fn is_draft(&self) -> bool {
        self.source.as_ref().is_some_and(|s| s.front.draft)
    }
}

/// A module: an overview page and its lessons, in order.
#[derive(Debug, Clone)]
pub struct Module {
    pub slug: String,
    /// Index of the module's overview page in [`Course::pages`].
    pub page: usize,
    /// Indexes of the lessons in [`Course::pages`], in order.
    pub lessons: Vec<usize>,
}

/// The whole course, ordered and linked.
#[derive(Debug, Clone)]
pub struct Course {
    pub source_root: PathBuf,
    pub config: crate::load::CourseConfig,
    /// The key learners' progress is stored under: `id:` from course.yaml, or else a slug of
    /// the title (with a warning: a new title would then lose every learner's progress).
    pub id: String,
    /// Home first, then each module's page followed by its lessons: reading order.
    pub pages: Vec<Page>,
    pub modules: Vec<Module>,
    /// Tables by path relative to `content/`.
    pub tables: BTreeMap<String, Table>,
    pub links: LinkMap,
    /// Content files to copy: (source path relative to `content/`, output path).
    pub assets: Vec<(PathBuf, String)>,
    pub static_files: Vec<PathBuf>,
    pub theme: crate::load::Theme,
    /// Content files that failed to load (see `load::Source::unreadable`).
    pub unreadable: std::collections::BTreeSet<String>,
    /// What the author should know but that does not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// `lectern.lock` as read (`None`: the course has none yet): the ids of tracked items.
    pub lock: Option<crate::load::lock::Lock>,
    /// The page ids of drafts left out of this build: their lessons are not gone.
    pub draft_ids: Vec<String>,
    /// Lessons whose file was renamed or moved, found in `lectern.lock` (see
    /// `record::moves`): their entries now are under their new page id.
    pub moves: crate::load::lock::Moves,
    /// `content/glossary.yaml`, when the course has one.
    pub glossary: Option<crate::load::glossary::Glossary>,
    /// The course's languages, for the language switcher (`None`: one language).
    pub alternates: Option<std::sync::Arc<crate::languages::Alternates>>,
}

impl Course {
    /// The interface text: the catalog of the course's language with its `strings:`.
    pub fn strings(&self) -> crate::i18n::Strings {
        crate::i18n::Strings::for_language(&self.config.language, &self.config.strings).0
    }

    /// `minutes` as pages show them, in the course's language; `None` for 0 (no duration).
    pub fn duration_text(&self, minutes: u32) -> Option<String> {
        let strings = || crate::i18n::cached(&self.config.language, &self.config.strings);
        (minutes > 0).then(|| strings().duration(minutes))
    }

    /// Total minutes of all lessons.
    pub fn total_minutes(&self) -> u32 {
        self.pages
            .iter()
            .filter(|p| p.kind == PageKind::Lesson)
            .map(|p| p.minutes)
            .sum()
    }

    /// Number of lessons.
    pub fn lesson_count(&self) -> usize {
        self.modules.iter().map(|m| m.lessons.len()).sum()
    }

    /// Takes every page's file text out (an empty text for a page without a file, its body
    /// start kept), by page index: what [`Course::free_source_texts`] then frees.
    pub fn take_source_texts(&mut self) -> Vec<String> {
        let text = |p: &mut Page| p.source.as_mut().map(|s| std::mem::take(&mut s.text));
        self.pages
            .iter_mut()
            .map(|p| text(p).unwrap_or_default())
            .collect()
    }

    /// Frees the text of every Markdown file (paths and front matter stay). For a build that
    /// has rendered the Markdown and needs the memory more than the text.
    pub fn free_source_texts(&mut self) {
        for source in self.pages.iter_mut().filter_map(|p| p.source.as_mut()) {
            source.free_text();
        }
    }
}

/// Builds the course model from loaded files.
pub fn build(source: Source, options: ModelOptions) -> Result<Course, Diagnostics> {
    let (course, problems) = build_partial(source, options);
    problems.into_result(course)
}

/// Builds the course model from loaded files, with every problem found. Files left out for a
/// problem (a second page of the same name, a lesson outside a module) are counted as
/// unreadable, so links to them are not reported again: the rest of the course can still be
/// checked, and one run reports everything.
pub fn build_partial(mut source: Source, options: ModelOptions) -> (Course, Diagnostics) {
    let mut problems = Diagnostics::default();
    let mut warnings: Vec<Diagnostic> = (source.pages.iter())
        .flat_map(|p| merged_list_items(&p.file, &p.text[..p.body_start]))
        .collect();
    let page_count = source.pages.len();
    let mut drafts = Vec::new();
    let mut left_out = Vec::new();
    let (home, groups) = group(
        source.pages,
        options,
        &mut drafts,
        &mut problems,
        &mut left_out,
    );
    let mut pages = Vec::with_capacity(page_count + groups.len() + 1);
    pages.push(home_page(&source.config, home));
    let mut modules = Vec::new();
    let ordered = in_module_order(groups);
    modules::build_modules(
        ordered,
        &mut pages,
        &mut modules,
        &mut problems,
        &mut left_out,
    );
    source.unreadable.extend(left_out);
    let module_slugs: HashMap<String, String> = module_folders(&pages, &modules);
    let assets = links::asset_outputs(&source.content_assets, &module_slugs);
    let draft_files: Vec<String> = drafts.iter().map(|rel| links::slashes(rel)).collect();
    let links = LinkMap::new(&pages, &assets, &source.unreadable, &draft_files);
    let draft_ids = drafts.iter().map(|rel| draft_id(rel)).collect();
    let tables = source
        .tables
        .into_iter()
        .map(|t| (t.path.clone(), t))
        .collect();
    let course = Course {
        source_root: source.root,
        id: course_id(&source.config, &mut warnings),
        // the warning for a language without a catalog, found once here
        config: with_language_warning(source.config, &mut warnings),
        pages,
        modules,
        tables,
        links,
        assets,
        static_files: source.static_files,
        theme: source.theme,
        unreadable: source.unreadable,
        warnings,
        lock: source.lock,
        draft_ids,
        moves: Default::default(),
        glossary: source.glossary,
        alternates: None,
    };
    (course, problems)
}

/// The course's `id:`, or a slug of its title, with a warning saying why to set one.
fn course_id(config: &crate::load::CourseConfig, warnings: &mut Vec<Diagnostic>) -> String {
    if let Some(id) = &config.id {
        return id.clone();
    }
    let derived = order::slugify(&config.title);
    warnings.push(
        Diagnostic::file(
            "course.yaml",
            format!("course.yaml has no `id:`, so learners' progress is kept under `{derived}`, made from the title: a new title would lose it"),
        )
        .help(format!("add `id: {derived}` to course.yaml and never change it")),
    );
    derived
}

/// `config`, with a warning when no built-in catalog fits its `language:` (English is used).
fn with_language_warning(
    config: crate::load::CourseConfig,
    warnings: &mut Vec<Diagnostic>,
) -> crate::load::CourseConfig {
    if crate::i18n::catalog_tag(&config.language).is_none() {
        let tags = crate::i18n::built_in_tags().join(", ");
        warnings.push(
            Diagnostic::file(
                "course.yaml",
                format!("there is no built-in interface text for `language: {}`, so the interface is in English", config.language),
            )
            .help(format!("use one of {tags}, or translate every string under `strings:` (see the README)")),
        );
    }
    config
}

type Groups = BTreeMap<String, Vec<MarkdownFile>>;

/// Module folders in course order: numeric prefix, then the overview's `weight`, then name.
fn in_module_order(groups: Groups) -> Vec<(String, Vec<MarkdownFile>)> {
    let weight = |files: &[MarkdownFile]| {
        files
            .iter()
            .find(|f| f.rel.file_name().is_some_and(|n| n == "_index.md"))
            .and_then(|f| f.front.weight)
    };
    // Each module's weight is looked up once, not at every comparison.
    let mut modules: Vec<_> = groups
        .into_iter()
        .map(|(folder, files)| (weight(&files), folder, files))
        .collect();
    modules.sort_by(|(wa, a, _), (wb, b, _)| order::compare((a, *wa), (b, *wb)));
    modules
        .into_iter()
        .map(|(_, folder, files)| (folder, files))
        .collect()
}

/// Splits files into the home page and per-module-folder lists, dropping drafts (their paths
/// go to `drafts`) and files out of place (reported, into `left_out`).
fn group(
    files: Vec<MarkdownFile>,
    options: ModelOptions,
    drafts: &mut Vec<PathBuf>,
    problems: &mut Diagnostics,
    left_out: &mut Vec<String>,
) -> (Option<MarkdownFile>, Groups) {
    let mut home = None;
    let mut groups: Groups = BTreeMap::new();
    for file in files {
        if file.front.draft && !options.drafts {
            drafts.push(file.rel);
            continue;
        }
        let mut parts = file.rel.components().filter_map(|c| match c {
            Component::Normal(s) => Some(s),
            _ => None,
        });
        match (parts.next(), parts.next(), parts.next()) {
            (Some(name), None, _) if name == "_index.md" => home = Some(file),
            (Some(_), None, _) => {
                problems.push(Diagnostic::file(&file.file, "this lesson is not inside a module folder")
                    .help("move it into a module folder such as content/01-getting-started/ (only _index.md sits directly in content/)"));
                left_out.push(links::slashes(&file.rel));
            }
            (Some(folder), Some(_), None) => {
                // Looked up by `&str` first: the folder name is allocated once per module.
                let folder = folder.to_string_lossy();
                match groups.get_mut(folder.as_ref()) {
                    Some(files) => files.push(file),
                    None => {
                        groups.insert(folder.into_owned(), vec![file]);
                    }
                }
            }
            _ => {
                problems.push(Diagnostic::file(&file.file, "this lesson is nested too deep: lessons sit directly inside a module folder")
                    .help("move it up into its module folder (content/<module>/<lesson>.md)"));
                left_out.push(links::slashes(&file.rel));
            }
        }
    }
    (home, groups)
}

/// The page id a draft at `rel` (below `content/`) would have: `module/lesson`.
fn draft_id(rel: &std::path::Path) -> String {
    let names: Vec<String> = rel
        .iter()
        .map(|part| order::slug_of_name(&part.to_string_lossy()))
        .collect();
    names.join("/")
}

fn home_page(config: &crate::load::CourseConfig, file: Option<MarkdownFile>) -> Page {
    let front = file.as_ref().map(|f| f.front.clone()).unwrap_or_default();
    Page {
        kind: PageKind::Home,
        id: "index".into(),
        out: "index.html".into(),
        title: front.title.unwrap_or_else(|| config.title.clone()),
        description: front.description.or_else(|| config.description.clone()),
        objectives: front.objectives,
        duration: None,
        minutes: 0,
        source: file,
        module: None,
    }
}

/// Module folder name (as in `content/`) → module slug.
fn module_folders(pages: &[Page], modules: &[Module]) -> HashMap<String, String> {
    modules
        .iter()
        .filter_map(|m| {
            let page = &pages[m.page];
            let folder = page
                .source
                .as_ref()
                .and_then(|f| f.rel.parent())
                .map(|p| p.to_string_lossy().into_owned());
            let folder = folder.or_else(|| {
                m.lessons.first().and_then(|&i| {
                    pages[i]
                        .source
                        .as_ref()?
                        .rel
                        .parent()
                        .map(|p| p.to_string_lossy().into_owned())
                })
            })?;
            Some((folder, m.slug.clone()))
        })
        .collect()
}
