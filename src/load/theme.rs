//! The theme: the built-in default (embedded in the binary from `themes/default/`) and the
//! course's own `themes/<name>/`, whose files replace built-in ones of the same path, and
//! whose `strings.yaml` rewords interface strings (see [`super::strings`]).

use std::borrow::Cow;
use std::fs;
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};
use walkdir::WalkDir;

use crate::error::{relative, Diagnostic, Diagnostics};

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Where a template or asset comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Lectern's own default theme, compiled into the binary.
    Builtin,
    /// The course's `themes/<name>/` folder.
    Course,
}

/// A template, by the name templates use to reach it.
#[derive(Debug, Clone)]
pub struct TemplateFile {
    /// `builtin/base.html` for the default theme, `base.html` for an override.
    pub name: String,
    pub text: Cow<'static, str>,
    /// The file to name in errors.
    pub file: PathBuf,
    pub origin: Origin,
}

/// A static file of the theme, copied under `assets/`.
#[derive(Debug, Clone)]
pub struct ThemeAsset {
    /// Path below the theme's `static/`, with `/` separators.
    pub path: String,
    pub bytes: Cow<'static, [u8]>,
}

/// The templates and static files in force: built-in ones plus the course theme's overrides.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    pub templates: Vec<TemplateFile>,
    pub assets: Vec<ThemeAsset>,
    /// The course theme's `strings.yaml`, by language (empty without one).
    pub strings: super::strings::ThemeStrings,
}

/// Loads the built-in theme and, when `name` is given, the course's `themes/<name>/`.
pub fn load(root: &Path, name: Option<&str>) -> Result<Theme, Diagnostics> {
    let mut theme = builtin();
    let Some(name) = name else { return Ok(theme) };
    let dir = root.join("themes").join(name);
    if !dir.is_dir() {
        if name == "default" {
            return Ok(theme);
        }
        let d = Diagnostic::file("course.yaml", format!("the theme `{name}` was not found: there is no folder themes/{name}/"))
            .help("create that folder (with templates/ and static/) or remove the `theme:` line to use the default theme");
        return Err(d.into());
    }
    overlay(root, &dir, &mut theme)?;
    Ok(theme)
}

/// The built-in default theme alone.
pub fn builtin() -> Theme {
    let mut theme = Theme::default();
    for file in all_files(&DEFAULT_THEME) {
        let path = file.path().to_string_lossy().replace('\\', "/");
        if let Some(name) = path.strip_prefix("templates/") {
            let text = file.contents_utf8().unwrap_or_default();
            theme.templates.push(TemplateFile {
                name: format!("builtin/{name}"),
                text: Cow::Borrowed(text),
                file: PathBuf::from("(built-in theme)").join(&path),
                origin: Origin::Builtin,
            });
        } else if let Some(asset) = path.strip_prefix("static/") {
            theme.assets.push(ThemeAsset {
                path: asset.to_string(),
                bytes: Cow::Borrowed(file.contents()),
            });
        }
    }
    theme
}

fn all_files<'a>(dir: &'a Dir<'a>) -> Vec<&'a include_dir::File<'a>> {
    let mut files: Vec<_> = dir.files().collect();
    for sub in dir.dirs() {
        files.extend(all_files(sub));
    }
    files
}

fn overlay(root: &Path, dir: &Path, theme: &mut Theme) -> Result<(), Diagnostics> {
    let mut problems = Diagnostics::default();
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                problems.push(super::walk_error(root, dir, &e));
                continue;
            }
        };
        if super::is_ignored(entry.file_name()) {
            continue;
        }
        if super::walk::is_special(entry.file_type()) {
            let fix = "remove it from the theme, or replace it with an ordinary file";
            problems.push(super::kind::not_ordinary(root, entry.path(), fix));
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(dir)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        let file = relative(root, entry.path());
        if let Some(name) = rel.strip_prefix("templates/") {
            match super::read_text(root, entry.path()) {
                Ok(text) => replace_template(theme, name, text, file),
                Err(d) => problems.push(d),
            }
        } else if rel == "strings.yaml" {
            let text = super::read_text(root, entry.path()).map_err(Diagnostics::from);
            match text.and_then(|t| super::strings::parse_theme(&file, &t)) {
                Ok(strings) => theme.strings = strings,
                Err(e) => problems.extend(e),
            }
        } else if let Some(path) = rel.strip_prefix("static/") {
            match fs::read(entry.path()) {
                Ok(bytes) => replace_asset(theme, path, bytes),
                Err(e) => problems.push(super::unreadable(&file, &e)),
            }
        }
    }
    problems.into_result(())
}

fn replace_template(theme: &mut Theme, name: &str, text: String, file: PathBuf) {
    theme.templates.push(TemplateFile {
        name: name.to_string(),
        text: Cow::Owned(text),
        file,
        origin: Origin::Course,
    });
}

fn replace_asset(theme: &mut Theme, path: &str, bytes: Vec<u8>) {
    theme.assets.retain(|a| a.path != path);
    theme.assets.push(ThemeAsset {
        path: path.to_string(),
        bytes: Cow::Owned(bytes),
    });
}
