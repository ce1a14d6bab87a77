//! The build recipe: the stages run in order, once ([`build_to`], [`build_site`]) or
//! incrementally for the dev server ([`Session`]), through one path ([`render_all`]).
//!
//! 1. [`crate::load`] reads the course folder and [`crate::model`] validates and links it; when
//!    some files could not be read or the model found problems, the rest is still rendered
//!    so one run reports everything;
//! 2. [`crate::render::templates`] (when the theme's do not compile, the rest is rendered with
//!    the built-in theme's for its problems), then every page's Markdown in parallel (or from
//!    the [`cache`] of the previous build), then the sources are freed;
//! 3. [`crate::render::prepare`]: links checked, navigation and sidebars (broken links do not
//!    stop step 4, whose templates may have problems of their own);
//! 4. three things at once, none waiting on a single core: the pages and copied files, the
//!    whole-course files (the learner record's data of [`crate::record`], the progress and
//!    404 pages, the handouts of [`crate::handouts`] and the sitemap), and the search index ([`crate::search`]); each file is handed to its sink as soon as it is made (a build to
//!    disk writes it straight into [`crate::write`]'s staging folder).
//!
//! 5. the lock file: [`crate::record::lock`] says which ids `lectern.lock` gives each page's
//!    items (a page whose items it gives other ids than the written or derived ones is
//!    rendered again with them, in step 2) and what the file becomes (known once the Markdown
//!    is, so its indexes go into the data scripts of step 4); [`build_to`] writes it
//!    into the course folder once the site is in place, [`build_site`] (`lectern check`) only
//!    reports it.
//!
//! Timings (`LECTERN_TIMINGS=1`) are marked here, not in the stages.

pub mod cache;
mod copied;
pub mod incremental;
mod live;
mod nearby;
mod patch;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::error::{Diagnostic, Diagnostics};
use crate::load::MarkdownFile;
use crate::model::assessment::{self, Assessment};
use crate::model::{self, Course};
use crate::record::lock::LockUpdate;
use crate::render::markdown::RenderedMarkdown;
use crate::render::templates::Templates;
use crate::render::{self, Prepared};
use crate::site::{Collect, Sink, Site};
use crate::{background, handouts, load, record, search, timing, write, BuildOptions};
pub use incremental::{Session, Update};
pub use live::Aggregates;

/// What a build made, for the summary line.
#[derive(Debug, Clone)]
pub struct Built {
    pub site: Site,
    pub lessons: usize,
    pub modules: usize,
    /// What the author should know but that did not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// What a build would leave in `lectern.lock` (this one writes nothing).
    pub lock: LockUpdate,
    /// The longest progress code of the course, in characters: without the learner's name
    /// (as an LMS would keep it, knowing the name) and with the longest name.
    pub longest_code: (usize, usize),
    /// The course's title.
    pub title: String,
    /// The course's id (`course.yaml`'s `id:`, or the one derived from the title).
    pub id: String,
    /// The assessment lessons and the pass mark (for LMS packages).
    pub assessment: Assessment,
    /// The course's languages (`languages:`), the default first; empty for one language.
    pub languages: Vec<String>,
    /// The course's (default) language, as a tag (`en`, `fr`).
    pub language: String,
}

/// What a build to disk made, for the summary line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub lessons: usize,
    pub modules: usize,
    /// HTML pages written.
    pub pages: usize,
    /// Temporary folders of earlier, interrupted builds of this output, now removed.
    pub removed_leftovers: Vec<PathBuf>,
    /// What the author should know but that did not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// What the build did to `lectern.lock`.
    pub lock: LockOutcome,
    /// One line per item of `lectern.lock` whose text changed but kept its id, with where.
    pub notes: Vec<String>,
}

/// What a build to disk did to `lectern.lock`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LockOutcome {
    /// It was up to date (or the course tracks nothing and has none).
    Unchanged,
    /// The course had none: this build wrote it, pinning this many items.
    Written(usize),
    /// It was brought up to date: so many new, reworded and retired items.
    Updated {
        new: usize,
        reworded: usize,
        retired: usize,
        /// Lessons whose file was renamed or moved (their items kept their ids).
        moved: usize,
    },
    /// It could not be written (a warning says why and what the ids are this time).
    NotWritten,
}

/// Loads, models and renders the course into memory, and says what a build would leave in
/// `lectern.lock` without writing it.
pub fn build_site(options: &BuildOptions) -> Result<Built, Diagnostics> {
    let mut courses = load_and_model_languages(options)?;
    let course = courses.remove(0);
    let (lessons, modules) = (course.lesson_count(), course.modules.len());
    let (title, id) = (course.config.title.clone(), course.id.clone());
    let languages = course.config.languages.clone();
    let language = course.config.language.clone();
    // a problem with the assessments does not hide the pages' own
    let assessment = assessment::of(&course);
    let rendered = render_with_lock(course, courses);
    let ((site, lock, warnings), assessment) = match (rendered, assessment) {
        (Ok(r), Ok(a)) => (r, a),
        (r, a) => {
            let mut all = r.err().unwrap_or_default();
            all.extend(a.err().map(Diagnostics::from).unwrap_or_default());
            return Err(all.sorted());
        }
    };
    let tracked = record::code::Tracked::of(&lock.after);
    let longest = |name| record::code::worst_case(&id, &tracked, name);
    Ok(Built {
        lessons,
        modules,
        site,
        warnings,
        lock,
        longest_code: (longest(false), longest(true)),
        title,
        id,
        assessment,
        languages,
        language,
    })
}

/// Renders a modelled course, its pages and search index, into memory.
pub fn render_site(course: Course) -> Result<Site, Diagnostics> {
    render_with_lock(course, Vec::new()).map(|(site, _, _)| site)
}

/// The site, what `lectern.lock` becomes, and every warning (the model's and the render's).
/// `translations` (the course's other languages) go under their folders.
fn render_with_lock(
    mut course: Course,
    translations: Vec<Course>,
) -> Result<(Site, LockUpdate, Vec<Diagnostic>), Diagnostics> {
    let sink = Collect::default();
    let templates = Arc::new(templates_or_every_problem(&course)?);
    let markdown = markdown_of_every_page;
    let done = render_all(
        &mut course,
        templates,
        markdown,
        (true, None),
        &sink,
        Some(&sink),
    )?;
    background::drop_in_background(done.prepared);
    let mut warnings = std::mem::take(&mut course.warnings);
    warnings.extend(render_translations(translations, &sink)?.1);
    Ok((sink.into_site(), done.lock, warnings))
}

/// Renders each of a course's other languages under its folder (`fr/`) into `sink`: the
/// number of pages, and the warnings of their own (a reading time's, say).
pub(crate) fn render_translations(
    translations: Vec<Course>,
    sink: &dyn Sink,
) -> Result<(usize, Vec<Diagnostic>), Diagnostics> {
    let (mut pages, mut warnings) = (0, Vec::new());
    for mut course in translations {
        let templates = Arc::new(templates_or_every_problem(&course)?);
        let prefix = format!("{}/", course.config.language);
        let prefixed = crate::languages::Prefixed {
            prefix,
            inner: sink,
        };
        let markdown = markdown_of_every_page;
        let done = render_all(
            &mut course,
            templates,
            markdown,
            (true, None),
            &prefixed,
            Some(&prefixed),
        )?;
        background::drop_in_background(done.prepared);
        pages += done.pages;
        for warning in course.warnings {
            if !warnings.contains(&warning) {
                warnings.push(warning);
            }
        }
    }
    Ok((pages, warnings))
}

/// Builds the course and writes it into `out` atomically. Pages are written into the staging
/// folder as they are rendered, so memory stays flat however big the course is.
pub fn build_to(options: &BuildOptions, out: &Path) -> Result<Summary, Diagnostics> {
    check_output_folder(&options.root, out)?;
    let removed_leftovers = write::remove_leftovers(out);
    let mut courses = load_and_model_languages(options)?;
    let mut course = courses.remove(0);
    timing::mark("loaded and modelled");
    let templates = Arc::new(templates_or_every_problem(&course)?);
    timing::mark("templates compiled");
    let mut lock = None;
    let pages = write::write_with(out, |sink| {
        let markdown = markdown_of_every_page;
        let done = render_all(
            &mut course,
            templates,
            markdown,
            (true, None),
            sink,
            Some(sink),
        )?;
        lock = Some(done.lock);
        // the navigation holds every lesson as template values: freeing it (and the
        // Markdown) here took the build's last ~30 ms on one core at 10,000 lessons
        background::drop_in_background(done.prepared);
        let (more, warnings) = render_translations(std::mem::take(&mut courses), sink)?;
        course.warnings.extend(warnings);
        Ok(done.pages + more)
    })?;
    timing::mark("written and swapped into place");
    // after the site: a failed build leaves the lock file as it was
    let lock = lock.expect("asked for by a build that succeeded");
    let (outcome, warning) = write_lock(&options.root, &lock);
    course.warnings.extend(warning);
    let summary = Summary {
        lessons: course.lesson_count(),
        modules: course.modules.len(),
        pages,
        removed_leftovers,
        warnings: std::mem::take(&mut course.warnings),
        lock: outcome,
        notes: reworded_notes(&lock),
    };
    background::drop_in_background(course);
    Ok(summary)
}

/// The course theme's compiled templates. When they do not compile, the rest of the course is
/// rendered (into memory) with the built-in theme's instead, so that one run also reports the
/// content's problems.
pub(crate) fn templates_or_every_problem(course: &Course) -> Result<Templates, Diagnostics> {
    let mut problems = match render::templates(course) {
        Ok(templates) => return Ok(templates),
        Err(problems) => problems,
    };
    let mut rest = course.clone();
    rest.theme = load::theme::builtin();
    if let Err(more) = render_site(rest) {
        problems.extend(more);
    }
    Err(problems.sorted())
}

/// Every page's Markdown, rendered in parallel. Each file's text is taken out of the course
/// and freed as soon as its page is rendered: with every text and every page's HTML alive at
/// once, the end of this step was a build's peak of memory (some 40 MB of text at 10,000
/// lessons).
fn markdown_of_every_page(course: &mut Course) -> Vec<Arc<RenderedMarkdown>> {
    let texts = course.take_source_texts();
    let course = &*course;
    texts
        .into_par_iter()
        .enumerate()
        .map(|(i, text)| {
            let source = course.pages[i].source.as_ref().map(|s| (s, text.as_str()));
            Arc::new(page_markdown_of(course, i, source))
        })
        .collect()
}

/// Page `i`'s Markdown, from `source`, with the ids `lectern.lock` gives its items. When
/// they differ from the ids as written or derived (an item was reworded, or a new one's
/// id is taken) the page is rendered again with them, so the HTML is made in one pass and
/// never patched.
pub(crate) fn page_markdown(
    course: &Course,
    i: usize,
    source: Option<&MarkdownFile>,
) -> RenderedMarkdown {
    page_markdown_of(course, i, source.map(|s| (s, s.text.as_str())))
}

/// [`page_markdown`] with the file's text given apart from it.
fn page_markdown_of(
    course: &Course,
    i: usize,
    source: Option<(&MarkdownFile, &str)>,
) -> RenderedMarkdown {
    let md = render::page_markdown_of(course, i, source, None);
    let page = &course.pages[i].id;
    match record::lock::plan(course.lock.as_ref(), page, &md.claims) {
        Some(plan) => render::page_markdown_of(course, i, source, Some(plan)),
        None => md,
    }
}

/// Writes `lectern.lock` into the course folder when it changed; a warning when it cannot.
fn write_lock(root: &Path, lock: &LockUpdate) -> (LockOutcome, Option<Diagnostic>) {
    if !lock.changed() {
        return (LockOutcome::Unchanged, None);
    }
    let path = root.join(crate::load::lock::FILE);
    if let Err(e) = write::file_atomically(&path, lock.after.to_text().as_bytes()) {
        let reason = crate::load::io_reason(&e);
        let warning = Diagnostic::file(
            crate::load::lock::FILE,
            format!("could not write lectern.lock: {reason}"),
        );
        let help = match lock.had_lock {
            false => "so progress ids were derived from each item's text this time, and rewording an item will lose what learners did with it: make the course folder writable and build again".to_string(),
            true => format!("so its ids of {} new or reworded items are not pinned yet (they are derived from the text this time): make the course folder writable and build again", lock.changes.len()),
        };
        return (LockOutcome::NotWritten, Some(warning.help(help)));
    }
    let count = |f: fn(&record::lock::ChangeKind) -> bool| {
        lock.changes.iter().filter(|c| f(&c.what)).count()
    };
    use record::lock::ChangeKind as K;
    let outcome = match lock.had_lock {
        false => LockOutcome::Written(lock.pinned()),
        true => LockOutcome::Updated {
            new: count(|k| *k == K::New),
            reworded: count(|k| matches!(k, K::Reworded { .. })),
            retired: count(|k| *k == K::Retired),
            moved: lock.moves.len(),
        },
    };
    (outcome, None)
}

/// One line per lesson whose file was renamed or moved (and per `moved` line dropped), then
/// per reworded item that kept its id.
fn reworded_notes(lock: &LockUpdate) -> Vec<String> {
    let forgotten = lock.forgotten.iter();
    let moved = (lock.moves.iter().map(record::moves::Move::describe))
        .chain(forgotten.map(|old| record::moves::describe_forgotten(old)));
    let reworded = lock.changes.iter();
    let reworded = reworded.filter(|c| matches!(c.what, record::lock::ChangeKind::Reworded { .. }));
    moved
        .chain(reworded.map(record::lock::Change::describe))
        .collect()
}

/// What [`render_all`] made.
pub(crate) struct Rendered {
    /// What the pages were made from.
    pub prepared: Prepared,
    /// The number of HTML pages.
    pub pages: usize,
    /// What `lectern.lock` becomes.
    pub lock: LockUpdate,
}

/// The one render path: every page's Markdown (from `markdown`), then the pages and copied
/// files into `pages`, and the whole-course files and search index into `whole`, at once
/// (without `whole`, only the data scripts, which the pages name, go into `pages`: the dev
/// server makes the rest later, see [`live::Aggregates`]).
/// It takes `course.lock` to say what `lectern.lock` becomes (the data scripts carry its
/// indexes, the course data also renamed lessons' moves). A build (`once`) then drops the
/// pages' claims the lock was matched against (at 10,000 lessons some 10 MB) before the
/// pages are made; the dev server keeps them, and may ask for some pages `only` (the others
/// it makes later from what this returns).
pub(crate) fn render_all(
    course: &mut Course,
    templates: Arc<Templates>,
    markdown: impl FnOnce(&mut Course) -> Vec<Arc<RenderedMarkdown>>,
    (once, only): (bool, Option<&[bool]>),
    pages: &dyn Sink,
    whole: Option<&dyn Sink>,
) -> Result<Rendered, Diagnostics> {
    let mut markdown = markdown(course);
    timing::mark("markdown rendered");
    let durations = render::reading::warnings(course, &markdown);
    course.warnings.extend(durations);
    let lock = record::lock::update(course.lock.take(), course, &markdown);
    timing::mark("reading times and lectern.lock matched");
    if once {
        drop_claims(&mut markdown);
    }
    // the pages, navigation and search index made next reuse this memory (some 50 MB at
    // 10,000 lessons) rather than the process growing by as much again
    course.free_source_texts();
    let course = &*course;
    // the data scripts (whose hashes the pages carry) are made while links are checked
    let (prepared, data) = rayon::join(
        || render::prepare(course, templates, markdown.clone()),
        || DataScripts::new(course, &markdown, &lock),
    );
    // the pages are made even when links are broken: a template's problems show only then
    let (mut prepared, mut problems) = prepared?;
    drop(markdown);
    timing::mark("links checked, navigation, sidebars and data scripts");
    let templates = prepared.templates_mut();
    templates.set_data_versions(&data.course, &data.labels, &data.index);
    let (made, files) = rayon::join(
        || render::render_pages_of(course, &prepared, only, pages),
        || match whole {
            Some(whole) => whole_course(course, &prepared, data, whole),
            // the pages name the data scripts' versions: those go with them
            None => record::files(data.course, data.labels, data.index, pages)
                .map(|()| 0)
                .map_err(Diagnostics::from),
        },
    );
    timing::mark("pages, whole-course files and search index");
    problems.extend(made.err().unwrap_or_default());
    let files = files.unwrap_or_else(|e| {
        problems.extend(e);
        0
    });
    problems.into_result(())?;
    let pages = course.pages.len() + files;
    Ok(Rendered {
        prepared,
        pages,
        lock,
    })
}

/// Drops the claims each page's items made (what `lectern.lock` is matched against), once
/// the lock is updated.
fn drop_claims(markdown: &mut [Arc<RenderedMarkdown>]) {
    let claims: Vec<_> = (markdown.iter_mut().filter_map(Arc::get_mut))
        .map(|md| std::mem::take(&mut md.claims))
        .collect();
    // some 50,000 small strings at 10,000 lessons: freed off the critical path
    background::drop_in_background(claims);
}

/// The texts of `assets/course-data.js`, `assets/progress-data.js` and
/// `assets/progress-index.js`, made once: the pages carry their hashes in their URLs, and the
/// same texts are written.
pub(crate) struct DataScripts {
    course: record::CourseData,
    labels: String,
    index: String,
}

impl DataScripts {
    pub(crate) fn new(
        course: &Course,
        rendered: &[Arc<RenderedMarkdown>],
        lock: &LockUpdate,
    ) -> DataScripts {
        let ((data, labels), index) = rayon::join(
            || {
                rayon::join(
                    || record::course_data(course, rendered, lock),
                    || record::labels_script(course, rendered),
                )
            },
            || record::code::index_script(course, rendered, lock),
        );
        DataScripts {
            course: data,
            labels,
            index,
        }
    }
}

/// What reads every page, made at once: the course data (`data`), progress and 404 pages,
/// then the handouts and publishing files, beside the search index. Returns the number of
/// HTML pages.
pub(crate) fn whole_course(
    course: &Course,
    prepared: &Prepared,
    data: DataScripts,
    sink: &dyn Sink,
) -> Result<usize, Diagnostics> {
    let (files, index) = rayon::join(
        || -> Result<usize, Diagnostic> {
            record::files(data.course, data.labels, data.index, sink)?;
            let pages = render::course_files(course, prepared, sink)?;
            let limit = handouts::WHOLE_COURSE_LIMIT;
            let (nav, templates) = (prepared.nav(), prepared.templates());
            let handouts =
                handouts::render(course, nav, templates, &prepared.markdown, sink, limit)?;
            render::publish_files(course, &handouts, sink)?;
            Ok(pages + handouts.len())
        },
        || search::index_files(course, &prepared.markdown, sink),
    );
    index?;
    Ok(files?)
}

/// Loads and models the course. When some files could not be read or parsed, or the model
/// found problems, the rest of the course is still modelled and rendered (into memory, then
/// dropped), so that one run reports every problem: broken front matter in one lesson, two
/// lessons of the same name and a broken link in another.
/// The dev server's course: the default language's (see [`load_and_model_languages`]).
pub(crate) fn load_and_model(options: &BuildOptions) -> Result<Course, Diagnostics> {
    load_and_model_languages(options).map(|mut courses| courses.swap_remove(0))
}

/// [`load_and_model`] of every language of the course (see [`crate::languages`]), the
/// default language's first.
pub(crate) fn load_and_model_languages(options: &BuildOptions) -> Result<Vec<Course>, Diagnostics> {
    let (source, mut problems) = load::load_partial(&options.root);
    let Some(source) = source else {
        return Err(problems.sorted());
    };
    timing::mark("loaded");
    let model_options = model::ModelOptions {
        drafts: options.drafts,
    };
    let split = crate::languages::split(source);
    problems.extend(split.problems);
    let mut courses = Vec::with_capacity(split.sources.len());
    for source in split.sources {
        let (mut course, more) = model::build_partial(source, model_options);
        problems.extend(more);
        record::moves::relocate(&mut course);
        courses.push(course);
    }
    if problems.is_empty() {
        crate::languages::link(&mut courses, &split.translated, split.warnings);
        return Ok(courses);
    }
    for course in courses {
        if let Err(more) = render_site(course) {
            problems.extend(more);
        }
    }
    Err(problems.sorted())
}

/// The output folder may not be inside `content/` (it would be read back as content) nor be
/// the course folder itself.
fn check_output_folder(root: &Path, out: &Path) -> Result<(), Diagnostic> {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (root, out_abs) = (abs(root), abs(out));
    let content = root.join("content");
    let inside_content = out_abs.starts_with(&content);
    if inside_content || root.starts_with(&out_abs) {
        let what = if inside_content {
            "is inside content/"
        } else {
            "contains the course folder"
        };
        return Err(
            Diagnostic::file(out, format!("the output folder {} {what}", out.display()))
                .help("build somewhere else, e.g. the default public/ folder beside content/"),
        );
    }
    Ok(())
}
