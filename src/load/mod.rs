//! Stage 1, load: read a course folder into memory.
//!
//! Reads `course.yaml`, walks `content/` (walkdir), splits and parses every Markdown file's
//! front matter, parses every YAML table, lists the other files to copy, and loads the theme.
//! All file-system reading of a build happens here (and in `write`), so later stages are pure.
//! Every problem is collected, so one run reports them all.

pub mod config;
mod fast_front;
pub mod frontmatter;
pub mod glossary;
mod kind;
pub mod languages;
pub mod lock;
pub mod strings;
pub mod table;
pub mod theme;
pub mod walk;
pub mod yaml;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;

use crate::error::{relative, Diagnostic, Diagnostics};
pub use config::CourseConfig;
pub use frontmatter::FrontMatter;
pub use table::Table;
pub use theme::Theme;
pub use walk::is_ignored;
pub(crate) use walk::walk_error;
use walk::{list_static, walk};

/// Everything a build needs, read from disk.
#[derive(Debug, Clone)]
pub struct Source {
    /// The course folder.
    pub root: PathBuf,
    pub config: CourseConfig,
    /// Every `.md` file under `content/`, in path order.
    pub pages: Vec<MarkdownFile>,
    /// Every `.yaml` table under `content/`, in path order.
    pub tables: Vec<Table>,
    /// Other files under `content/`, copied next to their pages.
    pub content_assets: Vec<PathBuf>,
    /// Files under the course's `static/`, copied to the output root (relative paths).
    pub static_files: Vec<PathBuf>,
    pub theme: Theme,
    /// Markdown and table files (relative to `content/`, `/`-separated) that could not be
    /// read or parsed: their problems are reported, and references to them are not.
    pub unreadable: BTreeSet<String>,
    /// `lectern.lock`, when the course has one.
    pub lock: Option<lock::Lock>,
    /// `content/glossary.yaml`, when the course has one (and it could be read).
    pub glossary: Option<glossary::Glossary>,
    /// `content/glossary.LANG.yaml` of each other language of `languages:` that has one.
    pub translated_glossaries: std::collections::BTreeMap<String, glossary::Glossary>,
}

/// A Markdown file with its front matter parsed.
#[derive(Debug, Clone)]
pub struct MarkdownFile {
    /// Path relative to `content/`.
    pub rel: PathBuf,
    /// Path relative to the course folder, for messages.
    pub file: PathBuf,
    /// The whole text of the file.
    pub text: String,
    pub front: FrontMatter,
    /// Byte offset where the Markdown body starts.
    pub body_start: usize,
}

impl MarkdownFile {
    /// Frees the file's text once its Markdown is rendered; the body then starts (and ends)
    /// at 0, so `text` and `body_start` always agree.
    pub fn free_text(&mut self) {
        self.text = String::new();
        self.body_start = 0;
    }
}

/// Reads the course at `root`, failing on the first stage that found problems.
pub fn load(root: &Path) -> Result<Source, Diagnostics> {
    match load_partial(root) {
        (Some(source), problems) if problems.is_empty() => Ok(source),
        (_, problems) => Err(problems.sorted()),
    }
}

/// Reads the course at `root`, keeping what could be read: the source (when there is a
/// `course.yaml` and a `content/` folder; a `course.yaml` that did not parse is replaced by
/// [`CourseConfig::placeholder`]) and every problem found. Files that failed are listed in `Source::unreadable`, so
/// later stages can still check the rest and one run reports every problem.
pub fn load_partial(root: &Path) -> (Option<Source>, Diagnostics) {
    if !kind::is_there(&root.join("course.yaml")) {
        return (None, missing_config(root).into());
    }
    let mut problems = Diagnostics::default();
    let config = load_config(root).map_err(|e| problems.extend(e)).ok();
    let theme_name = config.as_ref().and_then(|c| c.theme.as_deref());
    let theme = match theme::load(root, theme_name) {
        Ok(t) => t,
        Err(e) => {
            problems.extend(e);
            theme::builtin()
        }
    };
    let content = root.join("content");
    if !content.is_dir() {
        problems.push(
            Diagnostic::file("content", "there is no content/ folder")
                .help("create content/ with an _index.md for the course home, or run `lectern init` to start a course"),
        );
        return (None, problems);
    }
    let mut unreadable = BTreeSet::new();
    let (mut listing, pages, lock) =
        walk_and_read_pages(root, &content, &mut problems, &mut unreadable);
    let glossary =
        read_glossary(root, &content, &mut listing.yaml, &mut problems).unwrap_or_else(|()| {
            unreadable.insert(glossary::FILE.to_string());
            None
        });
    let languages = config.as_ref().map_or(&[][..], |c| &c.languages[..]);
    let translated_glossaries = (languages.iter().skip(1))
        .filter_map(|lang| {
            let name = languages::file_name(glossary::FILE, lang);
            read_glossary_named(root, &content, &name, &mut listing.yaml, &mut problems)
                .unwrap_or_else(|()| {
                    unreadable.insert(name.clone());
                    None
                })
                .map(|g| (lang.clone(), g))
        })
        .collect();
    let tables = read_tables(
        root,
        &content,
        &listing.yaml,
        &mut problems,
        &mut unreadable,
    );
    let static_files = list_static(root, &mut problems);
    if let Some(config) = &config {
        problems.extend(missing_static_files(root, config, &static_files));
    }
    let lock = lock.unwrap_or_else(|d| {
        problems.push(d);
        None
    });
    // a course.yaml that could not be read leaves the rest to check
    let mut config = config.unwrap_or_else(CourseConfig::placeholder);
    strings::apply_theme(&mut config, &theme.strings);
    let source = Some(Source {
        root: root.to_path_buf(),
        config,
        pages,
        tables,
        content_assets: listing.other,
        static_files,
        theme,
        unreadable,
        lock,
        glossary,
        translated_glossaries,
    });
    (source, problems)
}

/// `content/glossary.yaml`, taken out of the table files, read and validated (`Ok(None)`:
/// the course has none; `Err`: its problems are in `problems`).
fn read_glossary(
    root: &Path,
    content: &Path,
    yaml: &mut Vec<PathBuf>,
    problems: &mut Diagnostics,
) -> Result<Option<glossary::Glossary>, ()> {
    read_glossary_named(root, content, glossary::FILE, yaml, problems)
}

/// [`read_glossary`] of the glossary file `name` (`glossary.fr.yaml` for a translation).
fn read_glossary_named(
    root: &Path,
    content: &Path,
    name: &str,
    yaml: &mut Vec<PathBuf>,
    problems: &mut Diagnostics,
) -> Result<Option<glossary::Glossary>, ()> {
    let Some(at) = yaml.iter().position(|p| p == Path::new(name)) else {
        return Ok(None);
    };
    let path = content.join(yaml.remove(at));
    let read = read_text(root, &path).map_err(Diagnostics::from);
    match read.and_then(|text| glossary::parse(&relative(root, &path), &text)) {
        Ok(g) => Ok(Some(g)),
        Err(e) => {
            problems.extend(e);
            Err(())
        }
    }
}

/// `lectern.lock`, parsed; `None` when the course has none.
fn read_lock(root: &Path) -> LockRead {
    let path = root.join(lock::FILE);
    if !kind::is_there(&path) {
        return Ok(None);
    }
    let text = read_text(root, &path)?;
    lock::Lock::parse(&text).map(Some)
}

fn load_config(root: &Path) -> Result<CourseConfig, Diagnostics> {
    let path = root.join("course.yaml");
    kind::check_readable(root, &path)?;
    let text = read_text(root, &path)?;
    let file = PathBuf::from("course.yaml");
    if yaml::is_blank(&text) {
        let d = Diagnostic::file(&file, "course.yaml is empty")
            .help("write at least the course title in it, e.g. `title: My course`");
        return Err(d.into());
    }
    let config: CourseConfig = yaml::parse(&text, yaml::Fragment::whole(&file, &text))?;
    if let Some(accent) = &config.brand.accent {
        if !config::is_hex_colour(accent) {
            return Err(bad_accent(&file, &text, accent).into());
        }
    }
    if let Some(id) = config.id.as_deref().filter(|id| !config::is_course_id(id)) {
        return Err(bad_id(&file, &text, id).into());
    }
    let mut config = config;
    languages::settle(&file, &text, &mut config)?;
    let unknown = unknown_strings(&file, &text, &config);
    if !unknown.is_empty() {
        return Err(unknown);
    }
    Ok(config)
}

/// `course.yaml` read again for `source`, when it names the same theme and languages and every
/// file it names in `static/` is there (else `None`: the course is to be loaded again, which
/// reports its problems).
pub fn reread_config(source: &Source) -> Option<CourseConfig> {
    let mut config = load_config(&source.root).ok()?;
    let old = &source.config;
    if config.theme != old.theme || config.languages != old.languages {
        return None;
    }
    if !missing_static_files(&source.root, &config, &source.static_files).is_empty() {
        return None;
    }
    strings::apply_theme(&mut config, &source.theme.strings);
    Some(config)
}

/// The errors for a `brand.logo` or a `favicon` that names no file in `static/`.
fn missing_static_files(root: &Path, config: &CourseConfig, files: &[PathBuf]) -> Diagnostics {
    let named = [
        ("logo", config.brand.logo.as_deref(), Some("brand")),
        ("favicon", config.favicon.as_deref(), None),
    ];
    let mut problems = Diagnostics::default();
    let mut text = None;
    for (key, value, parent) in named {
        let Some(value) = value.filter(|v| !files.iter().any(|f| f == Path::new(v))) else {
            continue;
        };
        let text: &String = text.get_or_insert_with(|| {
            fs::read_to_string(root.join("course.yaml")).unwrap_or_default()
        });
        let (line, col) = match parent {
            Some(parent) => nested_key_place(text, parent, key),
            None => key_place(text, key),
        };
        let message = format!("the {key} `{value}` is not in static/");
        let d = Diagnostic::at("course.yaml", text, line, col, message);
        let names: Vec<&str> = files.iter().filter_map(|f| f.to_str()).collect();
        problems.push(match crate::error::did_you_mean(value, &names) {
            Some(near) => d.help(format!("did you mean `{near}`? The {key}'s path is relative to static/")),
            None => d.help(format!("put the image at static/{value}, or give the path of a file in static/ (relative to it)")),
        });
    }
    problems
}

/// Line and column (1-based) of the value of `parent:` → `key:` in a YAML file's text, or of
/// `parent:` when it has no such key (1:1 when there is neither).
fn nested_key_place(text: &str, parent: &str, key: &str) -> (usize, usize) {
    let (parent_line, parent_col) = key_place(text, parent);
    let prefix = format!("{key}:");
    let below = text.lines().enumerate().skip(parent_line);
    let nested = below
        .take_while(|(_, l)| l.is_empty() || l.starts_with([' ', '#']))
        .find(|(_, l)| l.trim_start().starts_with(&prefix));
    nested.map_or((parent_line, parent_col), |(i, l)| {
        let after = &l[l.find(&prefix).unwrap_or(0) + prefix.len()..];
        (i + 1, l.len() - after.trim_start().len() + 1)
    })
}

/// An error for each key of `strings:` that no catalog has, with the nearest known key.
fn unknown_strings(file: &Path, text: &str, config: &CourseConfig) -> Diagnostics {
    let place = |key: &str| nested_key_place(text, "strings", key);
    strings::unknown_keys(file, text, &config.strings, ("in `strings:`", &place))
}

fn bad_id(file: &Path, text: &str, id: &str) -> Diagnostic {
    let (line, col) = key_place(text, "id");
    Diagnostic::at(file, text, line, col, format!("`{id}` is not a course id Lectern accepts"))
        .help(format!("use 1 to {} letters, digits, `-`, `_` or `.`, starting with a letter or digit, e.g. `id: sales-leadership-2026`", config::MAX_ID))
}

/// Line and column (1-based) of the value of the top-level `key:` in a YAML file's text (1:1
/// if there is none).
fn key_place(text: &str, key: &str) -> (usize, usize) {
    let prefix = format!("{key}:");
    let value_column = |line: &str| line.len() - line[prefix.len()..].trim_start().len() + 1;
    text.lines()
        .enumerate()
        .find(|(_, l)| l.starts_with(&prefix))
        .map_or((1, 1), |(i, l)| (i + 1, value_column(l)))
}

fn missing_config(root: &Path) -> Diagnostic {
    let folder = if root == Path::new(".") {
        "the current folder".to_string()
    } else {
        root.display().to_string()
    };
    Diagnostic::file("course.yaml", format!("there is no course.yaml in {folder}"))
        .help("run lectern in the course folder (or pass it: `lectern build my-course`), or create course.yaml with at least `title: …`")
}

fn bad_accent(file: &Path, text: &str, accent: &str) -> Diagnostic {
    let line = text
        .lines()
        .position(|l| l.contains("accent"))
        .map_or(1, |i| i + 1);
    let col = text
        .lines()
        .nth(line - 1)
        .and_then(|l| l.find("accent"))
        .map_or(1, |c| c + 1);
    Diagnostic::at(
        file,
        text,
        line,
        col,
        format!("`{accent}` is not a colour Lectern understands"),
    )
    .help("write the accent as a hex colour in quotes, e.g. `accent: \"#1f6feb\"`")
}

/// Reads a file as UTF-8 text, naming the first bad byte's place when it is not.
pub fn read_text(root: &Path, path: &Path) -> Result<String, Diagnostic> {
    // Reading first and asking "is it a folder?" only when that fails saves a `stat` per file.
    let bytes = fs::read(path).map_err(|e| {
        let file = relative(root, path);
        if path.is_dir() {
            Diagnostic::file(&file, "this is a folder, but a file is expected here")
                .help("replace the folder with a file of this name, or rename the folder")
        } else {
            unreadable(&file, &e)
        }
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let file = relative(root, path);
        let good = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..good]).into_owned();
        let (line, column) = crate::error::line_col(&prefix, good);
        Diagnostic::at(&file, &text, line, column, "this file is not valid UTF-8 text")
            .help("save the file as UTF-8 in your editor (the byte marked here is in another encoding, often Latin-1 or Windows-1252)")
    })
}

pub(crate) fn unreadable(file: &Path, e: &std::io::Error) -> Diagnostic {
    let help = match e.kind() {
        std::io::ErrorKind::PermissionDenied => format!(
            "give yourself permission to read it (e.g. `chmod a+r '{}'`), or move it out of the course",
            file.display()
        ),
        _ => "check that the file exists and that you may read it".to_string(),
    };
    Diagnostic::file(file, format!("cannot read this file: {}", io_reason(e))).help(help)
}

pub(crate) fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::NotFound => "it does not exist".into(),
        _ => e.to_string(),
    }
}

/// Walks `content/` and reads its Markdown files: each batch the walk finds is read by the
/// thread pool while the walk goes on. (Why: the walk is serial; reading only after it ended
/// left the other core idle meanwhile.)
/// Walks `content/` and reads its Markdown files, and `lectern.lock` beside them: the lock
/// (some 5 MB at 10,000 lessons) is parsed on another thread while this one walks.
fn walk_and_read_pages(
    root: &Path,
    content: &Path,
    problems: &mut Diagnostics,
    unreadable: &mut BTreeSet<String>,
) -> (walk::Listing, Vec<MarkdownFile>, LockRead) {
    type Batch = (usize, Vec<Result<MarkdownFile, Diagnostics>>);
    let read: Mutex<Vec<Batch>> = Mutex::new(Vec::new());
    let mut lock = Ok(None);
    let listing = rayon::scope(|scope| {
        let lock = &mut lock;
        scope.spawn(move |_| *lock = read_lock(root));
        walk(root, content, problems, |number, paths| {
            let read = &read;
            scope.spawn(move |_| {
                let files = paths.iter().map(|rel| read_page(root, content, rel));
                let batch = (number, files.collect());
                read.lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(batch);
            });
        })
    });
    let mut batches = read.into_inner().unwrap_or_else(PoisonError::into_inner);
    batches.sort_unstable_by_key(|(number, _)| *number);
    let results = batches.into_iter().flat_map(|(_, files)| files);
    let pages = keep_loaded(&listing.markdown, results, problems, unreadable);
    (listing, pages, lock)
}

/// `lectern.lock` as [`read_lock`] reads it.
type LockRead = Result<Option<lock::Lock>, Diagnostic>;

fn read_page(root: &Path, content: &Path, rel: &Path) -> Result<MarkdownFile, Diagnostics> {
    let path = content.join(rel);
    let file = relative(root, &path);
    let text = read_text(root, &path)?;
    let split = frontmatter::split(&file, &text)?;
    Ok(MarkdownFile {
        rel: rel.to_path_buf(),
        file,
        text,
        front: split.front,
        body_start: split.body_start,
    })
}

fn read_tables(
    root: &Path,
    content: &Path,
    paths: &[PathBuf],
    problems: &mut Diagnostics,
    unreadable: &mut BTreeSet<String>,
) -> Vec<Table> {
    let results: Vec<Result<Table, Diagnostics>> = paths
        .par_iter()
        .map(|rel| {
            let path = content.join(rel);
            let file = relative(root, &path);
            let text = read_text(root, &path)?;
            table::parse(&file, slashes(rel), &text)
        })
        .collect();
    keep_loaded(paths, results, problems, unreadable)
}

/// What loaded, in path order; each failure's problems are kept and its path is marked
/// unreadable, so later stages neither use it nor report references to it.
fn keep_loaded<T>(
    paths: &[PathBuf],
    results: impl IntoIterator<Item = Result<T, Diagnostics>>,
    problems: &mut Diagnostics,
    unreadable: &mut BTreeSet<String>,
) -> Vec<T> {
    let mut ok = Vec::with_capacity(paths.len());
    for (rel, r) in paths.iter().zip(results) {
        match r {
            Ok(v) => ok.push(v),
            Err(e) => {
                problems.extend(e);
                unreadable.insert(slashes(rel));
            }
        }
    }
    ok
}

/// A path relative to `content/` as lessons and the link map write it.
fn slashes(rel: &Path) -> String {
    rel.to_string_lossy().replace('\\', "/")
}
