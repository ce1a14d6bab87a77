//! `lectern init`: a small working course to start from.

use std::fs;
use std::path::Path;

use crate::error::Diagnostic;

const FILES: [(&str, &str); 7] = [
    ("course.yaml", "title: My first course\ndescription: What learners will get from this course.\nlanguage: en\nauthor: Your name\n# base_url: https://example.org/my-course/\n# brand:\n#   accent: \"#1f6feb\"\n"),
    ("content/_index.md", "---\ntitle: My first course\ndescription: What learners will get from this course.\n---\n\nWelcome! This is the course home. Start with the first module.\n"),
    ("content/01-getting-started/_index.md", "---\ntitle: Getting started\ndescription: The first module.\n---\n\nA module groups lessons. Its folder's number sets its place.\n"),
    ("content/01-getting-started/01-welcome.md", "---\ntitle: Welcome\nduration: 2 min\nobjectives:\n  - Find your way around a lesson\n---\n\n## What a lesson holds\n\nText, [links to other lessons](02-next-steps.md), tables and checklists. This table comes\nfrom `content/tables/roles.yaml`:\n\n```table\nsrc: tables/roles.yaml\n```\n\n> [!TIP]\n> Your ticks are saved in your browser.\n\n## Check yourself\n\n- [ ] I read this lesson\n- [ ] I know where the next lesson is {#found-next}\n"),
    ("content/01-getting-started/02-next-steps.md", "---\ntitle: Next steps\nduration: 4 min\n---\n\n## Practice\n\nA quiz gives feedback on each answer:\n\n```quiz\nquestions:\n  - question: Where do the learner's ticks go?\n    options:\n      - text: Into the learner's own browser\n        correct: true\n        feedback: Yes. Nothing is sent anywhere.\n      - text: To the author's server\n        feedback: No. A Lectern site has no server of its own.\n```\n\nA sort asks who does what, from a table:\n\n```sort\ntitle: Who does this?\nsrc: tables/roles.yaml\ncolumns: [author, learner]\n```\n\nA reflection keeps the learner's own words in their browser:\n\n```reflection\ntitle: My first lesson\nprompt: What will your first lesson teach, and to whom?\nwords: 10-60\n```\n\n## Write your own\n\nAdd Markdown files to a module folder. Run `lectern serve` to see changes as you save.\n\n- [ ] I added a lesson\n"),
    ("content/tables/roles.yaml", "title: Who does what\nkey: part\ncolumns:\n  - { id: part, label: Part of the course }\n  - { id: author, label: The author }\n  - { id: learner, label: The learner }\nrows:\n  - part: Lessons\n    author: Writes them in Markdown\n    learner: Reads them at their own pace\n  - part: Checklists\n    author: Lists what to check\n    learner: Ticks each item once it is true\n"),
    ("static/README.txt", "Files in this folder are copied as they are to the top of the built site, next to\nindex.html: static/logo.svg becomes logo.svg. Put the files the whole course shares here,\nsuch as the logo named by `brand: logo:` in course.yaml. A lesson links to one as\n/static/<name>, e.g. ![Logo](/static/logo.svg), from any page. Images for one lesson go\nnext to that lesson in content/ instead.\n\nThis file is copied too: delete it once you no longer need it.\n"),
];

/// The `id:` line of a new course: the folder's name as a slug and six hexadecimal digits made
/// from the clock and the process, so that two courses started from the same template and
/// published on one site keep their learners' progress apart.
fn id_line(dir: &Path) -> String {
    use std::hash::{BuildHasher, Hasher};
    let name = std::path::absolute(dir)
        .ok()
        .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default();
    // ids are ASCII: letters outside it are left out of the folder's slug
    let slug = crate::model::order::slugify(&name);
    let slug: String = slug
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let slug = if slug.is_empty() {
        "course"
    } else {
        &slug[..slug.len().min(40)]
    };
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |t| t.as_nanos()),
    );
    hasher.write_u32(std::process::id());
    let suffix = hasher.finish() & 0xff_ffff;
    format!("id: {slug}-{suffix:06x}  # where learners' progress is kept: never change it\n")
}

/// Creates a new course in `dir`, which must not exist or be empty.
pub fn init(dir: &Path) -> Result<(), Diagnostic> {
    if let Ok(mut entries) = fs::read_dir(dir) {
        if entries.next().is_some() {
            return Err(Diagnostic::file(
                dir,
                format!("{} already exists and is not empty", dir.display()),
            )
            .help("choose a new folder name, e.g. `lectern init my-course`"));
        }
    }
    for (path, text) in FILES {
        let target = dir.join(path);
        let text = if path == "course.yaml" {
            format!("{}{text}", id_line(dir))
        } else {
            text.to_string()
        };
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| Diagnostic::file(parent, format!("cannot create the folder: {e}")))?;
        }
        fs::write(&target, text)
            .map_err(|e| Diagnostic::file(&target, format!("cannot write the file: {e}")))?;
    }
    Ok(())
}
