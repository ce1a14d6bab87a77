//! The exact text of build errors: each names the file, line and column, shows the line, says
//! what is wrong and how to fix it. Each test writes a tiny broken course and compares the full
//! message, so any change to what an author reads is a deliberate one.

mod common;

use common::{build_error, write_course};

const HOME: (&str, &str) = ("content/_index.md", "---\ntitle: Home\n---\n\nWelcome.\n");

fn error_of(files: &[(&str, &str)]) -> String {
    let mut all = files.to_vec();
    if !files.iter().any(|(p, _)| *p == HOME.0) {
        all.push(HOME);
    }
    let (_tmp, root) = write_course(&all);
    build_error(&root)
}

#[test]
fn yaml_syntax_error_in_course_yaml_shows_the_line() {
    let text = error_of(&[(
        "course.yaml",
        "title: Test\ndescription: \"never closed\nauthor: Me\n",
    )]);
    assert_eq!(
        text,
        r#"error: this quoted text is never closed
 --> course.yaml:2:14
  |
2 | description: "never closed
  |              ^
  |
  = help: add the closing quote at the end of the text"#
    );
}

#[test]
fn badly_indented_key_in_course_yaml() {
    let text = error_of(&[("course.yaml", "title: Test\n  author: Me\n")]);
    assert_eq!(
        text,
        "error: this line is indented more than the key above it
 --> course.yaml:2:3
  |
2 |   author: Me
  |   ^
  |
  = help: start `author:` in the same column as `title:` (at the start of the line); only the keys inside a block, under a line ending with `:`, are indented more"
    );
}

#[test]
fn a_favicon_missing_from_static_is_an_error() {
    let text = error_of(&[
        ("course.yaml", "id: c\ntitle: Test\nfavicon: icon.svg\n"),
        ("static/icons/icon.svg", "<svg/>"),
    ]);
    assert_eq!(
        text,
        "error: the favicon `icon.svg` is not in static/
 --> course.yaml:3:10
  |
3 | favicon: icon.svg
  |          ^
  |
  = help: put the image at static/icon.svg, or give the path of a file in static/ (relative to it)"
    );
}

#[test]
fn a_key_indented_less_than_the_one_above() {
    let text = error_of(&[(
        "course.yaml",
        "title: Test\nbrand:\n    accent: \"#123456\"\n  logo: x.svg\n",
    )]);
    assert_eq!(
        text,
        "error: this line is indented less than the key above it, but not as little as any key before
 --> course.yaml:4:3
  |
4 |   logo: x.svg
  |   ^
  |
  = help: line `logo:` up with `accent:` (after 4 spaces) to keep it in the same block, or with the key that holds the block to start a new one"
    );
}

#[test]
fn a_tab_is_pointed_at_on_its_own_line() {
    let text = error_of(&[("content/01-m/01-a.md", "---\ntitle: A\n\tweight: 2\n---\n")]);
    assert_eq!(
        text,
        "error: a tab is used here, but YAML indentation must be spaces
 --> content/01-m/01-a.md:3:1
  |
3 |     weight: 2
  | ^^^^
  |
  = help: replace the tab with spaces (most editors can show tabs and convert them)"
    );
}

#[test]
fn a_line_among_list_items_that_is_not_one() {
    let text = error_of(&[(
        "content/01-m/01-a.md",
        "---\ntitle: A\nobjectives:\n  - Plan\n  Agree: now\n---\n",
    )]);
    assert_eq!(
        text,
        "error: this line is not a list item, but the lines above it are
 --> content/01-m/01-a.md:5:3
  |
5 |   Agree: now
  |   ^
  |
  = help: start it with `- ` like the items above; if it is a new key, line it up with the key that holds the list"
    );
}

#[test]
fn an_over_indented_item_merged_into_the_one_above_is_a_warning() {
    let (_tmp, root) = common::write_course(&[
        HOME,
        (
            "content/01-m/01-a.md",
            "---\ntitle: A\nobjectives:\n  - Plan the week\n   - Agree on deadlines\n---\n",
        ),
    ]);
    let built = common::build_course(&root, false);
    let warnings: Vec<String> = built.warnings.iter().map(|w| w.as_warning()).collect();
    assert_eq!(
        warnings.join("").trim_end(),
        "warning: this `- ` line is indented more than the item above it, so YAML reads both as one item: `Plan the week - Agree on deadlines`
 --> content/01-m/01-a.md:5:4
  |
5 |    - Agree on deadlines
  |    ^
  |
  = help: start this `-` in the same column as the one above (after 2 spaces) to make it an item of its own"
    );
}

#[test]
fn unknown_front_matter_key_suggests_the_right_one() {
    let text = error_of(&[(
        "content/01-m/01-a.md",
        "---\ntitle: A\ndurration: 10 min\n---\n\nText.\n",
    )]);
    assert_eq!(
        text,
        "error: unknown key `durration`
 --> content/01-m/01-a.md:3:1
  |
3 | durration: 10 min
  | ^
  |
  = help: did you mean `duration`?"
    );
}

#[test]
fn unknown_key_in_course_yaml_suggests_the_right_one() {
    let text = error_of(&[("course.yaml", "title: Test\nauthr: Me\n")]);
    assert_eq!(
        text,
        "error: unknown key `authr`
 --> course.yaml:2:1
  |
2 | authr: Me
  | ^
  |
  = help: did you mean `author`?"
    );
}

#[test]
fn wrong_type_in_front_matter() {
    let text = error_of(&[(
        "content/01-m/01-a.md",
        "---\ntitle: A\nweight: heavy\n---\n\nText.\n",
    )]);
    assert_eq!(
        text,
        "error: expected a whole number here
 --> content/01-m/01-a.md:3:9
  |
3 | weight: heavy
  |         ^
  |
  = help: write a number such as `10`"
    );
}

#[test]
fn missing_title_names_the_file() {
    let text = error_of(&[(
        "content/01-m/01-a.md",
        "---\nduration: 5 min\n---\n\nText.\n",
    )]);
    assert_eq!(
        text,
        "error: this lesson has no title
--> content/01-m/01-a.md
 = help: add front matter at the top of the file:
         ---
         title: Your lesson title
         ---"
    );
}

#[test]
fn duplicate_lesson_slugs_name_both_files() {
    let text = error_of(&[
        ("content/01-m/01-intro.md", "---\ntitle: A\n---\n"),
        ("content/01-m/02-intro.md", "---\ntitle: B\n---\n"),
    ]);
    assert_eq!(
        text,
        "error: two pages would both be called `intro`: content/01-m/01-intro.md and content/01-m/02-intro.md
--> content/01-m/02-intro.md
 = help: rename one of them; numeric prefixes are dropped from page names, so `01-intro` and `02-intro` clash"
    );
}

#[test]
fn duplicate_module_slugs_name_both_folders() {
    let text = error_of(&[
        ("content/01-basics/01-a.md", "---\ntitle: A\n---\n"),
        ("content/02-basics/01-b.md", "---\ntitle: B\n---\n"),
    ]);
    assert_eq!(
        text,
        "error: two pages would both be called `basics`: content/01-basics and content/02-basics
--> content/02-basics
 = help: rename one of them; numeric prefixes are dropped from page names, so `01-intro` and `02-intro` clash"
    );
}

#[test]
fn a_module_named_like_lecterns_own_folders_is_refused() {
    let text = error_of(&[
        ("content/01-assets/01-a.md", "---\ntitle: A\n---\n"),
        ("content/02-m/01-b.md", "---\ntitle: B\n---\n"),
    ]);
    assert_eq!(
        text,
        "error: a module cannot be called `assets`: Lectern uses that folder name itself
--> content/01-assets
 = help: rename the module folder"
    );
}

#[test]
fn missing_link_target_names_file_and_line() {
    let text = error_of(&[(
        "content/01-m/01-a.md",
        "---\ntitle: A\n---\n\nSee [the next lesson](02-next.md).\n",
    )]);
    assert_eq!(
        text,
        "error: the link target `02-next.md` does not exist
 --> content/01-m/01-a.md:5:5
  |
5 | See [the next lesson](02-next.md).
  |     ^
  |
  = help: check the file name and folder; links are relative to this file, e.g. `../02-module/01-lesson.md`"
    );
}

#[test]
fn a_link_to_a_draft_says_it_is_a_draft() {
    let text = error_of(&[
        (
            "content/01-m/01-a.md",
            "---\ntitle: A\n---\n\nSee [the next lesson](02-next.md#start).\n",
        ),
        (
            "content/01-m/02-next.md",
            "---\ntitle: Next\ndraft: true\n---\n\n# Start\n",
        ),
    ]);
    assert_eq!(
        text,
        "error: the lesson `02-next.md` is a draft (`draft: true`), left out of this build
 --> content/01-m/01-a.md:5:5
  |
5 | See [the next lesson](02-next.md#start).
  |     ^
  |
  = help: build with `--drafts` to include drafts (`lectern build --drafts`, `lectern serve --drafts`), or link to it once it is no longer a draft"
    );
}

#[test]
fn missing_heading_anchor_suggests_the_closest_heading() {
    let text = error_of(&[
        (
            "content/01-m/01-a.md",
            "---\ntitle: A\n---\n\nSee [details](02-b.md#the-detail).\n",
        ),
        (
            "content/01-m/02-b.md",
            "---\ntitle: B\n---\n\n## The details\n",
        ),
    ]);
    assert_eq!(
        text,
        "error: the heading `#the-detail` does not exist
 --> content/01-m/01-a.md:5:5
  |
5 | See [details](02-b.md#the-detail).
  |     ^
  |
  = help: did you mean `#the-details`? Heading ids follow GitHub's rules: lowercase, punctuation dropped, spaces as hyphens"
    );
}

#[test]
fn missing_anchor_on_the_same_page() {
    let text = error_of(&[(
        "content/01-m/01-a.md",
        "---\ntitle: A\n---\n\n## Setup\n\nBack to [the top](#overview).\n",
    )]);
    assert_eq!(
        text,
        "error: the heading `#overview` does not exist
 --> content/01-m/01-a.md:7:9
  |
7 | Back to [the top](#overview).
  |         ^
  |
  = help: the page `A` has these headings: setup"
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let text = error_of(&[
        ("content/01-m/01-a.md", "---\ntitle: A\nwieght: 2\n---\n"),
        ("content/01-m/02-b.md", "---\ntitel: B\n---\n"),
    ]);
    assert!(text.ends_with("\n\n2 problems found."), "{text}");
    assert!(text.contains("--> content/01-m/01-a.md:3:1"), "{text}");
    assert!(text.contains("--> content/01-m/02-b.md:2:1"), "{text}");
}

#[test]
fn a_missing_static_file_suggests_the_closest() {
    let text = error_of(&[
        (
            "content/01-m/01-a.md",
            "---\ntitle: A\n---\n\n![Logo](/static/img/logo.svg) and [x](/static/nothing-like-it.pdf)\n",
        ),
        ("static/img/logo.png", "png"),
    ]);
    assert_eq!(
        text,
        "error: the file `static/img/logo.svg` does not exist
 --> content/01-m/01-a.md:5:1
  |
5 | ![Logo](/static/img/logo.svg) and [x](/static/nothing-like-it.pdf)
  | ^
  |
  = help: did you mean `/static/img/logo.png`?

error: the file `static/nothing-like-it.pdf` does not exist
 --> content/01-m/01-a.md:5:35
  |
5 | ![Logo](/static/img/logo.svg) and [x](/static/nothing-like-it.pdf)
  |                                   ^
  |
  = help: put the file in the course's static/ folder: `/static/…` links point there from any page

2 problems found."
    );
}

#[test]
fn root_absolute_link_is_refused() {
    let text = error_of(&[(
        "content/01-m/01-a.md",
        "---\ntitle: A\n---\n\nSee [home](/index.html).\n",
    )]);
    assert_eq!(
        text,
        "error: the link `/index.html` starts with `/`
 --> content/01-m/01-a.md:5:5
  |
5 | See [home](/index.html).
  |     ^
  |
  = help: write it relative to this file (e.g. `../02-module/01-lesson.md`): links from the site root break when the course is opened from disk or published under a subfolder"
    );
}

/// A lesson left out for a problem of its own (here a second page called `intro`) is not a
/// missing link target too; the other pages' links are still checked.
#[test]
fn a_lesson_left_out_for_a_model_problem_is_not_reported_again_by_links_to_it() {
    let text = error_of(&[
        ("content/01-m/01-intro.md", "---\ntitle: A\n---\n"),
        ("content/01-m/02-intro.md", "---\ntitle: B\n---\n"),
        (
            "content/01-m/03-c.md",
            "---\ntitle: C\n---\n\nSee [B](02-intro.md) and [D](04-d.md).\n",
        ),
    ]);
    assert_eq!(
        text,
        "error: two pages would both be called `intro`: content/01-m/01-intro.md and content/01-m/02-intro.md
--> content/01-m/02-intro.md
 = help: rename one of them; numeric prefixes are dropped from page names, so `01-intro` and `02-intro` clash

error: the link target `04-d.md` does not exist
 --> content/01-m/03-c.md:5:26
  |
5 | See [B](02-intro.md) and [D](04-d.md).
  |                          ^
  |
  = help: check the file name and folder; links are relative to this file, e.g. `../02-module/01-lesson.md`

2 problems found."
    );
}
