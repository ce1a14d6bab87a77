//! `lectern new lesson` and `lectern new module`: a new lesson file or module folder in an
//! existing course, named with the next numeric prefix and a slug of its title, so that it
//! sorts last and its address reads well.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{did_you_mean, Diagnostic};
use crate::model::order::{numeric_prefix, slug_of_name, slugify};

/// Creates `content/NN-slug/_index.md` for a module titled `title`; returns that file,
/// relative to the course.
pub fn module(root: &Path, title: &str) -> Result<PathBuf, Diagnostic> {
    let (title, slug) = title_and_slug(title, "module")?;
    let content = content_folder(root)?;
    let folders = entries(&content, |p| p.is_dir())?;
    refuse_taken(&folders, &slug, "module", "content")?;
    let name = format!("{}-{slug}", next_prefix(&folders));
    let folder = content.join(&name);
    make(
        &folder.join("_index.md"),
        &front(title, "What learners will get from this module."),
    )?;
    Ok(Path::new("content").join(name).join("_index.md"))
}

/// Creates `content/<module>/NN-slug.md` for a lesson titled `title`; `module` is the module's
/// folder name (`01-basics`) or its slug (`basics`). Returns the file, relative to the course.
pub fn lesson(root: &Path, module: &str, title: &str) -> Result<PathBuf, Diagnostic> {
    let (title, slug) = title_and_slug(title, "lesson")?;
    let content = content_folder(root)?;
    let folder = find_module(&content, module)?;
    let lessons = entries(&content.join(&folder), |p| {
        p.extension().is_some_and(|e| e == "md") && !p.ends_with("_index.md")
    })?;
    let within = format!("content/{folder}");
    refuse_taken(&lessons, &slug, "lesson", &within)?;
    let name = format!("{}-{slug}.md", next_prefix(&lessons));
    make(&content.join(&folder).join(&name), &front(title, ""))?;
    Ok(Path::new("content").join(folder).join(name))
}

/// The trimmed title and its slug; an error when either is empty.
fn title_and_slug<'t>(title: &'t str, what: &str) -> Result<(&'t str, String), Diagnostic> {
    let title = title.trim();
    let example = format!(
        "e.g. `lectern new {what} {}\"Handling objections\"`",
        if what == "lesson" { "01-basics " } else { "" }
    );
    if title.is_empty() {
        let d = Diagnostic::file("content", format!("the {what} title is empty"));
        return Err(d.help(format!("give the {what} a title in quotes, {example}")));
    }
    let slug = slugify(title);
    if slug.is_empty() {
        let message =
            format!("the title `{title}` has no letter or digit to name the {what}'s file after");
        return Err(
            Diagnostic::file("content", message).help(format!("use a title with words, {example}"))
        );
    }
    Ok((title, slug))
}

fn content_folder(root: &Path) -> Result<PathBuf, Diagnostic> {
    let content = root.join("content");
    if content.is_dir() {
        return Ok(content);
    }
    let d = Diagnostic::file(
        "content",
        format!("there is no content/ folder in {}", root.display()),
    );
    Err(d.help("run the command in the course folder, or pass it with `--dir my-course`; `lectern init my-course` starts a course"))
}

/// The names in `folder` whose path passes `keep`, sorted; hidden names are left out.
fn entries(folder: &Path, keep: impl Fn(&Path) -> bool) -> Result<Vec<String>, Diagnostic> {
    let read = fs::read_dir(folder)
        .map_err(|e| Diagnostic::file(folder, format!("cannot read this folder: {e}")))?;
    let mut names: Vec<String> = read
        .filter_map(Result::ok)
        .filter(|e| keep(&e.path()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !crate::load::is_ignored(std::ffi::OsStr::new(n)))
        .collect();
    names.sort();
    Ok(names)
}

/// The module folder `module` names, by folder name or slug; else an error with the closest.
fn find_module(content: &Path, module: &str) -> Result<String, Diagnostic> {
    let folders = entries(content, |p| p.is_dir())?;
    let wanted = module.trim_end_matches('/');
    if let Some(found) = folders
        .iter()
        .find(|f| *f == wanted || slug_of_name(f) == wanted)
    {
        return Ok(found.clone());
    }
    let names: Vec<&str> = folders.iter().map(String::as_str).collect();
    let slugs: Vec<String> = folders.iter().map(|f| slug_of_name(f)).collect();
    let slug_names: Vec<&str> = slugs.iter().map(String::as_str).collect();
    let d = Diagnostic::file(
        "content",
        format!("there is no module `{module}` in content/"),
    );
    let near = did_you_mean(wanted, &names).or_else(|| {
        let i = slug_names
            .iter()
            .position(|s| Some(*s) == did_you_mean(wanted, &slug_names))?;
        Some(names[i])
    });
    Err(match (near, names.is_empty()) {
        (Some(near), _) => d.help(format!("did you mean `{near}`?")),
        (None, true) => d.help("create one first: `lectern new module \"Getting started\"`"),
        (None, false) => d.help(format!("the modules are: {}", names.join(", "))),
    })
}

/// An error when a name in `names` already has `slug` (the new page would clash with it).
fn refuse_taken(names: &[String], slug: &str, what: &str, within: &str) -> Result<(), Diagnostic> {
    let Some(taken) = names.iter().find(|n| slug_of_name(n) == slug) else {
        return Ok(());
    };
    let d = Diagnostic::file(
        format!("{within}/{taken}"),
        format!("a {what} with the address `{slug}` already exists: {within}/{taken}"),
    );
    Err(d.help(format!(
        "give the new {what} another title, or edit the one there"
    )))
}

/// The prefix after the highest among `names`, as wide as theirs (at least two digits).
fn next_prefix(names: &[String]) -> String {
    let next = names
        .iter()
        .filter_map(|n| numeric_prefix(n))
        .max()
        .map_or(1, |n| n + 1);
    let width = names
        .iter()
        .filter(|n| numeric_prefix(n).is_some())
        .map(|n| n.bytes().take_while(u8::is_ascii_digit).count())
        .max()
        .unwrap_or(2)
        .max(2);
    format!("{next:0width$}")
}

/// Front matter with the title (quoted for YAML) and a line of body.
fn front(title: &str, body: &str) -> String {
    let quoted = serde_json::to_string(title).unwrap_or_default();
    let body = if body.is_empty() {
        "Write the lesson here."
    } else {
        body
    };
    format!("---\ntitle: {quoted}\n---\n\n{body}\n")
}

fn make(file: &Path, text: &str) -> Result<(), Diagnostic> {
    let fail = |e: std::io::Error| Diagnostic::file(file, format!("cannot write this: {e}"));
    if let Some(parent) = file.parent() {
        fs::create_dir_all(parent).map_err(fail)?;
    }
    fs::write(file, text).map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_prefix_keeps_the_width() {
        let names = |n: &[&str]| n.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(next_prefix(&[]), "01");
        assert_eq!(next_prefix(&names(&["01-a", "09-b", "notes"])), "10");
        assert_eq!(next_prefix(&names(&["001-a", "002-b"])), "003");
    }

    #[test]
    fn titles_are_quoted_for_yaml() {
        assert_eq!(
            front("Say: \"no\"", ""),
            "---\ntitle: \"Say: \\\"no\\\"\"\n---\n\nWrite the lesson here.\n"
        );
    }
}
