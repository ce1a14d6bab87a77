//! Module pages: a module folder's overview and lessons, ordered, named and checked.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::links::slashes;
use super::{order, Module, Page, PageKind};
use crate::error::{Diagnostic, Diagnostics};
use crate::load::MarkdownFile;

/// Output folder names that module slugs may not take: Lectern writes its own files there.
pub const RESERVED: [&str; 2] = ["assets", "handouts"];

fn reserved_module(slug: &str, folder: &Path) -> Diagnostic {
    Diagnostic::file(
        folder,
        format!("a module cannot be called `{slug}`: Lectern uses that folder name itself"),
    )
    .help("rename the module folder")
}

/// A module's pages, built apart from the others (see [`build_modules`]).
struct ModulePages {
    slug: String,
    overview: Page,
    lessons: Vec<Page>,
    problems: Diagnostics,
    /// Files left out for a problem (`/`-separated, relative to `content/`).
    left_out: Vec<String>,
}

/// Adds each module (folder name and files, in course order) to `pages` and `modules`.
/// Modules whose slug is taken are reported and left out; the others are built in parallel
/// (a module's pages depend only on its own files), then numbered in course order. The files
/// left out for a problem go to `left_out`.
pub(super) fn build_modules(
    ordered: Vec<(String, Vec<MarkdownFile>)>,
    pages: &mut Vec<Page>,
    modules: &mut Vec<Module>,
    problems: &mut Diagnostics,
    left_out: &mut Vec<String>,
) {
    let mut slugs: HashMap<String, PathBuf> = HashMap::new();
    let mut kept = Vec::with_capacity(ordered.len());
    for (folder, files) in ordered {
        let slug = order::slug_of_name(&folder);
        let folder_path = PathBuf::from("content").join(&folder);
        if let Some(first) = slugs.insert(slug.clone(), folder_path.clone()) {
            problems.push(duplicate_slug(&slug, &first, &folder_path));
            left_out.extend(files.iter().map(|f| slashes(&f.rel)));
            continue;
        }
        if RESERVED.contains(&slug.as_str()) {
            problems.push(reserved_module(&slug, &folder_path));
            left_out.extend(files.iter().map(|f| slashes(&f.rel)));
            continue;
        }
        kept.push((folder, slug, files));
    }
    let built: Vec<ModulePages> = kept
        .into_par_iter()
        .enumerate()
        .map(|(index, (folder, slug, files))| module_pages(&folder, slug, files, index))
        .collect();
    for module in built {
        problems.extend(module.problems);
        left_out.extend(module.left_out);
        let page = pages.len();
        pages.push(module.overview);
        let lessons = (page + 1..page + 1 + module.lessons.len()).collect();
        pages.extend(module.lessons);
        modules.push(Module {
            slug: module.slug,
            page,
            lessons,
        });
    }
}

fn module_pages(folder: &str, slug: String, files: Vec<MarkdownFile>, index: usize) -> ModulePages {
    let (overview, lessons) = split_overview(files);
    let mut problems = Diagnostics::default();
    let overview = module_page_of(folder, &slug, overview, index);
    let mut lesson_slugs = FxHashMap::<String, PathBuf>::default();
    let mut pages = Vec::with_capacity(lessons.len());
    let mut left_out = Vec::new();
    for (name, file) in lessons {
        let lesson_slug = order::slug_of_name(&name);
        let rel = || slashes(&file.rel);
        if let Some(first) = lesson_slugs.insert(lesson_slug.clone(), file.file.clone()) {
            problems.push(duplicate_slug(&lesson_slug, &first, &file.file));
            left_out.push(rel());
            continue;
        }
        if lesson_slug == "index" || lesson_slug == "print" {
            problems.push(Diagnostic::file(&file.file, format!("a lesson cannot be called `{lesson_slug}`: that name is taken by the module's own page"))
                .help("rename the file"));
            left_out.push(rel());
            continue;
        }
        match lesson_page(&slug, &lesson_slug, file, index) {
            Ok(page) => pages.push(page),
            Err((d, rel)) => {
                problems.push(d);
                left_out.push(rel);
            }
        }
    }
    ModulePages {
        slug,
        overview,
        lessons: pages,
        problems,
        left_out,
    }
}

/// The module's `_index.md` (if any) and its lessons in course order, each with its file name.
fn split_overview(
    mut files: Vec<MarkdownFile>,
) -> (Option<MarkdownFile>, Vec<(String, MarkdownFile)>) {
    let is_overview = |f: &MarkdownFile| f.rel.file_name().is_some_and(|n| n == "_index.md");
    // Lessons are sorted next by a total order, so their order here does not matter.
    let overview = files
        .iter()
        .position(is_overview)
        .map(|i| files.swap_remove(i));
    let mut lessons: Vec<(String, MarkdownFile)> =
        files.into_iter().map(|f| (name_of(&f), f)).collect();
    lessons.sort_by(|(a, fa), (b, fb)| order::compare((a, fa.front.weight), (b, fb.front.weight)));
    (overview, lessons)
}

fn name_of(file: &MarkdownFile) -> String {
    file.rel
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn duplicate_slug(slug: &str, first: &Path, second: &Path) -> Diagnostic {
    Diagnostic::file(second, format!("two pages would both be called `{slug}`: {} and {}", first.display(), second.display()))
        .help("rename one of them; numeric prefixes are dropped from page names, so `01-intro` and `02-intro` clash")
}

fn module_page_of(folder: &str, slug: &str, overview: Option<MarkdownFile>, index: usize) -> Page {
    let front = overview
        .as_ref()
        .map(|f| f.front.clone())
        .unwrap_or_default();
    let fallback = title_from_name(folder);
    Page {
        kind: PageKind::Module,
        id: slug.to_string(),
        out: format!("{slug}/index.html"),
        title: front.title.unwrap_or(fallback),
        description: front.description,
        objectives: front.objectives,
        duration: front.duration,
        minutes: 0,
        source: overview,
        module: Some(index),
    }
}

fn title_from_name(folder: &str) -> String {
    let slug = order::slug_of_name(folder).replace('-', " ");
    let mut chars = slug.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn lesson_page(
    module: &str,
    slug: &str,
    file: MarkdownFile,
    index: usize,
) -> Result<Page, (Diagnostic, String)> {
    let left_out = |d: Diagnostic| (d, slashes(&file.rel));
    let Some(title) = file.front.title.clone().filter(|t| !t.trim().is_empty()) else {
        let what = if file.text.trim_start_matches('\u{feff}').trim().is_empty() {
            "this lesson is empty: it has no title"
        } else {
            "this lesson has no title"
        };
        return Err(left_out(Diagnostic::file(&file.file, what).help(
            "add front matter at the top of the file:\n---\ntitle: Your lesson title\n---",
        )));
    };
    let minutes = match &file.front.duration {
        Some(d) => order::duration_minutes(d).ok_or_else(|| left_out(bad_duration(&file, d)))?,
        None => 0,
    };
    super::assessment::pass_mark(&file).map_err(left_out)?;
    Ok(Page {
        kind: PageKind::Lesson,
        id: format!("{module}/{slug}"),
        out: format!("{module}/{slug}.html"),
        title,
        description: file.front.description.clone(),
        objectives: file.front.objectives.clone(),
        duration: file.front.duration.clone(),
        minutes,
        source: Some(file),
        module: Some(index),
    })
}

fn bad_duration(file: &MarkdownFile, duration: &str) -> Diagnostic {
    let line = file
        .text
        .lines()
        .position(|l| l.trim_start().starts_with("duration:"))
        .map_or(1, |i| i + 1);
    let bare = duration.trim().parse::<f64>().is_ok();
    let message = if bare {
        format!("`{duration}` has no unit: minutes or hours?")
    } else {
        format!("`{duration}` is not a duration Lectern understands")
    };
    let help = if bare {
        format!(
            "write the unit, e.g. `duration: {} min` or `duration: 1 h 30 min`",
            duration.trim()
        )
    } else {
        "write minutes or hours, e.g. `duration: 15 min` or `duration: 1 h 30 min`".to_string()
    };
    Diagnostic::at(&file.file, &file.text, line, 11, message).help(help)
}
