//! Directive and table errors, snapshot by their exact text: each test copies the
//! `directives-errors` fixture course, writes one broken lesson or table, and builds it.

use std::fs;
use std::path::PathBuf;

use lectern::{build_site, BuildOptions};

mod common;

/// A copy of the fixture course, with `files` (path relative to the course → text) written.
fn course(files: &[(&str, &str)]) -> tempfile::TempDir {
    let fixture =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/directives-errors");
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&fixture, dir.path());
    for (path, text) in files {
        fs::write(dir.path().join(path), text).unwrap();
    }
    dir
}

/// The build errors of the fixture with this lesson body, as the CLI prints them.
fn lesson_errors(body: &str) -> String {
    let lesson = format!("---\ntitle: Lesson\n---\n\n{body}");
    errors(&[("content/01-module/01-lesson.md", &lesson)])
}

fn errors(files: &[(&str, &str)]) -> String {
    let dir = course(files);
    let options = BuildOptions {
        root: dir.path().to_path_buf(),
        drafts: false,
    };
    match build_site(&options) {
        Ok(_) => panic!("the build should fail"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn fixture_builds_as_is() {
    let dir = course(&[]);
    let options = BuildOptions {
        root: dir.path().to_path_buf(),
        drafts: false,
    };
    let built = build_site(&options).unwrap_or_else(|e| panic!("{e}"));
    assert!(built.site.text("module/lesson.html").is_some());
}

#[test]
fn table_src_that_does_not_exist() {
    let got = lesson_errors("```table\nsrc: tables/role.yaml\n```\n");
    assert_eq!(
        got,
        r#"error: the table `tables/role.yaml` does not exist
 --> content/01-module/01-lesson.md:6:6
  |
6 | src: tables/role.yaml
  |      ^
  |
  = help: did you mean `tables/roles.yaml`? Paths are relative to content/"#
    );
}

#[test]
fn table_src_far_from_any_table() {
    let got = lesson_errors("```table\nsrc: people.yaml\n```\n");
    assert_eq!(
        got,
        r#"error: the table `people.yaml` does not exist
 --> content/01-module/01-lesson.md:6:6
  |
6 | src: people.yaml
  |      ^
  |
  = help: paths are relative to content/; the tables are: tables/roles.yaml"#
    );
}

#[test]
fn table_unknown_column_and_row() {
    let got = lesson_errors(
        "```table\nsrc: tables/roles.yaml\ncolumns: [task, seller]\nrows: [Prospecting, Negotiating]\n```\n",
    );
    assert_eq!(
        got,
        r#"error: the table `tables/roles.yaml` has no column `seller`
 --> content/01-module/01-lesson.md:7:17
  |
7 | columns: [task, seller]
  |                 ^
  |
  = help: did you mean `sellers`? The columns are: task, sellers, managers, others

error: the table `tables/roles.yaml` has no row `Negotiating`
 --> content/01-module/01-lesson.md:8:21
  |
8 | rows: [Prospecting, Negotiating]
  |                     ^
  |
  = help: the rows are: Prospecting, Closing, Complaints

2 problems found."#
    );
}

#[test]
fn table_block_unknown_key() {
    let got = lesson_errors("```table\nsrc: tables/roles.yaml\ncolumn: [task]\n```\n");
    assert_eq!(
        got,
        r#"error: unknown key `column`
 --> content/01-module/01-lesson.md:7:1
  |
7 | column: [task]
  | ^
  |
  = help: did you mean `columns`?"#
    );
}

#[test]
fn table_block_without_src() {
    let got = lesson_errors("```table\ncolumns: [task]\n```\n");
    assert_eq!(
        got,
        r#"error: the required key `src` is missing
 --> content/01-module/01-lesson.md:6:1
  |
6 | columns: [task]
  | ^
  |
  = help: add a line `src: …` to this block, lined up with its other keys"#
    );
}

#[test]
fn checklist_without_items() {
    let got = lesson_errors("```checklist\ntitle: Nothing here\n```\n");
    assert_eq!(
        got,
        r#"error: this checklist has no items
 --> content/01-module/01-lesson.md:6:1
  |
6 | title: Nothing here
  | ^
  |
  = help: add `items:` with one `- item` per line, or `from: tables/….yaml` and `column: …` to list one column of a table"#
    );
}

#[test]
fn checklist_with_items_and_from() {
    let got = lesson_errors(
        "```checklist\nitems: [One]\nfrom: tables/roles.yaml\ncolumn: sellers\n```\n",
    );
    assert_eq!(
        got,
        r#"error: a checklist takes either `items:` or `from:`, not both
 --> content/01-module/01-lesson.md:7:7
  |
7 | from: tables/roles.yaml
  |       ^
  |
  = help: keep `items:` for a list written here, or `from:` and `column:` to list one column of a table"#
    );
}

#[test]
fn checklist_from_without_column() {
    let got = lesson_errors("```checklist\nfrom: tables/roles.yaml\n```\n");
    assert_eq!(
        got,
        r#"error: `from:` needs a `column:` to list
 --> content/01-module/01-lesson.md:6:7
  |
6 | from: tables/roles.yaml
  |       ^
  |
  = help: add `column: …`, one of: task, sellers, managers, others"#
    );
}

#[test]
fn checklist_unknown_column() {
    let got = lesson_errors("```checklist\nfrom: tables/roles.yaml\ncolumn: manager\n```\n");
    assert_eq!(
        got,
        r#"error: the table `tables/roles.yaml` has no column `manager`
 --> content/01-module/01-lesson.md:7:9
  |
7 | column: manager
  |         ^
  |
  = help: did you mean `managers`? The columns are: task, sellers, managers, others"#
    );
}

#[test]
fn checklist_column_with_items() {
    let got = lesson_errors("```checklist\nitems: [One]\ncolumn: sellers\n```\n");
    assert_eq!(
        got,
        r#"error: `column:`, `rows:` and `id:` only go with `from:`
 --> content/01-module/01-lesson.md:7:9
  |
7 | column: sellers
  |         ^
  |
  = help: remove them, or replace `items:` with `from: tables/….yaml` to list one column of a table"#
    );
}

#[test]
fn checklist_empty_items() {
    let got = lesson_errors("```checklist\nitems: []\n```\n");
    assert_eq!(
        got,
        r#"error: the `items:` list is empty
 --> content/01-module/01-lesson.md:6:8
  |
6 | items: []
  |        ^
  |
  = help: add one `- item` line per thing to tick"#
    );
}

#[test]
fn checklist_duplicate_ids() {
    let got = lesson_errors(
        "- [ ] Call a seller {#call}\n\n```checklist\nitems:\n  - Plan the week\n  - Call the team {#call}\n  - Plan the week\n```\n",
    );
    assert_eq!(
        got,
        r#"error: the checklist item id `call` is already used on line 5 of this page
  --> content/01-module/01-lesson.md:10:5
   |
10 |   - Call the team {#call}
   |     ^
   |
   = help: give one of the items its own id by ending it with `{#another-id}`, or reword it

error: the checklist item id `plan-the-week` is already used on line 9 of this page
  --> content/01-module/01-lesson.md:11:5
   |
11 |   - Plan the week
   |     ^
   |
   = help: give one of the items its own id by ending it with `{#another-id}`, or reword it

2 problems found."#
    );
}

const QUIZ_OPTIONS: &str =
    "    options:\n      - text: A\n        correct: true\n      - text: B\n";

#[test]
fn quiz_without_questions() {
    let got = lesson_errors("```quiz\nid: empty\nquestions: []\n```\n");
    assert_eq!(
        got,
        r#"error: the quiz has no questions
 --> content/01-module/01-lesson.md:7:12
  |
7 | questions: []
  |            ^
  |
  = help: add at least one `- question: …` with its `options:`"#
    );
}

#[test]
fn quiz_question_with_one_option() {
    let got = lesson_errors(
        "```quiz\nquestions:\n  - question: Only one?\n    options:\n      - text: A\n        correct: true\n```\n",
    );
    assert_eq!(
        got,
        r#"error: this question has fewer than two options
 --> content/01-module/01-lesson.md:9:7
  |
9 |       - text: A
  |       ^
  |
  = help: give learners at least two `- text: …` options to choose from"#
    );
}

#[test]
fn quiz_question_without_a_correct_option() {
    let got = lesson_errors(
        "```quiz\nquestions:\n  - question: Which?\n    options:\n      - text: A\n      - text: B\n```\n",
    );
    assert_eq!(
        got,
        r#"error: no option of this question is marked correct
 --> content/01-module/01-lesson.md:9:7
  |
9 |       - text: A
  |       ^
  |
  = help: add `correct: true` to the right option"#
    );
}

#[test]
fn quiz_single_choice_with_two_correct_options() {
    let got = lesson_errors(
        "```quiz\nquestions:\n  - question: Which?\n    options:\n      - text: A\n        correct: true\n      - text: B\n        correct: true\n```\n",
    );
    assert_eq!(
        got,
        r#"error: 2 options of this question are correct, but learners can choose only one
 --> content/01-module/01-lesson.md:9:7
  |
9 |       - text: A
  |       ^
  |
  = help: keep `correct: true` on one option, or add `multiple: true` to the question so learners choose all that apply"#
    );
}

#[test]
fn quiz_duplicate_question_ids() {
    let got = lesson_errors(&format!(
        "```quiz\nquestions:\n  - question: First?\n    id: same\n{QUIZ_OPTIONS}  - question: Second?\n    id: same\n{QUIZ_OPTIONS}```\n"
    ));
    assert_eq!(
        got,
        r#"error: the question id `same` is already used on line 8 of this page
  --> content/01-module/01-lesson.md:14:9
   |
14 |     id: same
   |         ^
   |
   = help: give one of the questions its own `id: …`"#
    );
}

#[test]
fn quiz_duplicate_quiz_ids() {
    let got = lesson_errors(&format!(
        "```quiz\nid: check\nquestions:\n  - question: First?\n{QUIZ_OPTIONS}```\n\n```quiz\nid: check\nquestions:\n  - question: Second?\n{QUIZ_OPTIONS}```\n"
    ));
    assert_eq!(
        got,
        r#"error: the quiz id `check` is already used on line 6 of this page
  --> content/01-module/01-lesson.md:16:5
   |
16 | id: check
   |     ^
   |
   = help: give one of the quizzes its own `id: …`"#
    );
}

#[test]
fn quiz_option_unknown_key() {
    let got = lesson_errors(
        "```quiz\nquestions:\n  - question: Which?\n    options:\n      - text: A\n        corect: true\n      - text: B\n```\n",
    );
    assert_eq!(
        got,
        r#"error: unknown key `corect`
  --> content/01-module/01-lesson.md:10:9
   |
10 |         corect: true
   |         ^
   |
   = help: did you mean `correct`?"#
    );
}

#[test]
fn sort_with_the_key_column() {
    let got = lesson_errors("```sort\nsrc: tables/roles.yaml\ncolumns: [task, sellers]\n```\n");
    assert_eq!(
        got,
        r#"error: `task` is the table's key column, not something to sort into
 --> content/01-module/01-lesson.md:7:11
  |
7 | columns: [task, sellers]
  |           ^
  |
  = help: list only the columns learners choose between, e.g. who does each task"#
    );
}

#[test]
fn sort_with_one_column() {
    let got = lesson_errors("```sort\nsrc: tables/roles.yaml\ncolumns: [sellers]\n```\n");
    assert_eq!(
        got,
        r#"error: a sort needs at least two columns to choose between
 --> content/01-module/01-lesson.md:7:10
  |
7 | columns: [sellers]
  |          ^
  |
  = help: list two or more columns under `columns: […]`"#
    );
}

#[test]
fn sort_unknown_row() {
    let got = lesson_errors("```sort\nsrc: tables/roles.yaml\nrows: [Closing, Complaint]\n```\n");
    assert_eq!(
        got,
        r#"error: the table `tables/roles.yaml` has no row `Complaint`
 --> content/01-module/01-lesson.md:7:17
  |
7 | rows: [Closing, Complaint]
  |                 ^
  |
  = help: did you mean `Complaints`? The rows are: Prospecting, Closing, Complaints"#
    );
}

#[test]
fn sort_twice_with_the_same_title() {
    let got = lesson_errors(
        "```sort\ntitle: Who?\nsrc: tables/roles.yaml\n```\n\n```sort\ntitle: Who?\nsrc: tables/roles.yaml\n```\n",
    );
    assert_eq!(
        got,
        r#"error: the sort id `sort-who` is already used on line 6 of this page
  --> content/01-module/01-lesson.md:11:8
   |
11 | title: Who?
   |        ^
   |
   = help: give one of the sorts its own `id: …` or another title"#
    );
}

#[test]
fn directive_inside_a_list_points_at_the_indented_line() {
    let got = lesson_errors("- Step one:\n\n  ```table\n  src: tables/nope.yaml\n  ```\n");
    assert_eq!(
        got,
        r#"error: the table `tables/nope.yaml` does not exist
 --> content/01-module/01-lesson.md:8:8
  |
8 |   src: tables/nope.yaml
  |        ^
  |
  = help: did you mean `tables/roles.yaml`? Paths are relative to content/"#
    );
}

fn table_errors(yaml: &str) -> String {
    errors(&[("content/tables/bad.yaml", yaml)])
}

const HEAD: &str = "title: Bad\nkey: task\ncolumns:\n  - { id: task, label: Task }\n  - { id: sellers, label: Sellers }\n";

#[test]
fn table_file_unknown_row_field() {
    let got = table_errors(&format!(
        "{HEAD}rows:\n  - task: Closing\n    seller: Ask\n"
    ));
    assert_eq!(
        got,
        r#"error: the row field `seller` is not a column of this table
 --> content/tables/bad.yaml:8:5
  |
8 |     seller: Ask
  |     ^
  |
  = help: did you mean `sellers`? Columns are: task, sellers"#
    );
}

#[test]
fn table_file_row_without_key() {
    let got = table_errors(&format!("{HEAD}rows:\n  - sellers: Ask\n"));
    assert_eq!(
        got,
        r#"error: this row has no `task`, the table's key field
 --> content/tables/bad.yaml:7:5
  |
7 |   - sellers: Ask
  |     ^
  |
  = help: add `task: …` to the row; every row is headed by its `task`"#
    );
}

#[test]
fn table_file_duplicate_row_key() {
    let got = table_errors(&format!(
        "{HEAD}rows:\n  - task: Closing\n    sellers: Ask\n  - task: Closing\n    sellers: Ask again\n"
    ));
    assert_eq!(
        got,
        r#"error: the row key `Closing` is used twice (first on line 7)
 --> content/tables/bad.yaml:9:5
  |
9 |   - task: Closing
  |     ^
  |
  = help: each row needs its own key: rename or merge one of the rows"#
    );
}

#[test]
fn table_file_column_without_label() {
    let got = table_errors(
        "title: Bad\nkey: task\ncolumns:\n  - { id: task, label: Task }\n  - { id: sellers }\nrows:\n  - task: Closing\n",
    );
    assert_eq!(
        got,
        r#"error: the column `sellers` has no label
 --> content/tables/bad.yaml:5:5
  |
5 |   - { id: sellers }
  |     ^
  |
  = help: add `label: …` to the column, e.g. `{ id: sellers, label: What sellers do }`"#
    );
}

#[test]
fn table_file_non_string_cell() {
    let got = table_errors(&format!(
        "{HEAD}rows:\n  - task: Closing\n    sellers: [Ask, Listen]\n"
    ));
    assert_eq!(
        got,
        r#"error: expected text here
 --> content/tables/bad.yaml:8:14
  |
8 |     sellers: [Ask, Listen]
  |              ^
  |
  = help: write plain text, in quotes if it contains `: ` or starts with `[`, `{` or `-`"#
    );
}

#[test]
fn table_file_without_rows() {
    let got = table_errors(&format!("{HEAD}rows: []\n"));
    assert_eq!(
        got,
        r#"error: the table has no rows
 --> content/tables/bad.yaml:6:1
  |
6 | rows: []
  | ^
  |
  = help: add a `rows:` list with one `- key: …` entry per row"#
    );
}

#[test]
fn table_file_that_is_empty() {
    let got = table_errors("");
    assert_eq!(
        got,
        r#"error: the table file is empty
--> content/tables/bad.yaml
 = help: a table needs `title:`, `key:`, `columns:` (each `{ id: …, label: … }`) and `rows:`"#
    );
}

#[test]
fn table_file_number_cell_is_text() {
    let dir = course(&[(
        "content/tables/numbers.yaml",
        &format!("{HEAD}rows:\n  - task: Calls per day\n    sellers: 12\n"),
    )]);
    let options = BuildOptions {
        root: dir.path().to_path_buf(),
        drafts: false,
    };
    build_site(&options).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn directive_with_an_empty_body() {
    let got = lesson_errors("Text.\n\n```quiz\n```\n");
    assert_eq!(
        got,
        r#"error: the `quiz` block is empty
 --> content/01-module/01-lesson.md:7:1
  |
7 | ```quiz
  | ^
  |
  = help: write its settings between the fences, at least `questions:`"#
    );
}

#[test]
fn sort_explain_for_a_row_it_does_not_show() {
    let got = lesson_errors(
        "```sort\nsrc: tables/roles.yaml\nrows: [Closing, Complaints]\nexplain:\n  Closing: The seller asks.\n  Complaint: Support fixes it.\n```\n",
    );
    assert_eq!(
        got,
        r#"error: `explain:` names the row `Complaint`, which this sort does not show
  --> content/01-module/01-lesson.md:10:3
   |
10 |   Complaint: Support fixes it.
   |   ^
   |
   = help: did you mean `Complaints`? The sort's rows are: Closing, Complaints"#
    );
}

#[test]
fn sort_explain_that_is_not_a_mapping() {
    let got =
        lesson_errors("```sort\nsrc: tables/roles.yaml\nexplain: [Closing, Complaints]\n```\n");
    assert_eq!(
        got,
        r#"error: expected keys and values here (`key: value` lines)
 --> content/01-module/01-lesson.md:7:10
  |
7 | explain: [Closing, Complaints]
  |          ^
  |
  = help: write one `key: value` per line"#
    );
}

#[test]
fn sort_explain_text_that_is_a_list() {
    let got = lesson_errors("```sort\nsrc: tables/roles.yaml\nexplain:\n  Closing: [a, b]\n```\n");
    assert_eq!(
        got,
        r#"error: expected text here
 --> content/01-module/01-lesson.md:8:12
  |
8 |   Closing: [a, b]
  |            ^
  |
  = help: write plain text, in quotes if it contains `: ` or starts with `[`, `{` or `-`"#
    );
}

#[test]
fn sort_unknown_key_names_explain() {
    let got = lesson_errors("```sort\nsrc: tables/roles.yaml\nexplian: {}\n```\n");
    assert_eq!(
        got,
        r#"error: unknown key `explian`
 --> content/01-module/01-lesson.md:7:1
  |
7 | explian: {}
  | ^
  |
  = help: did you mean `explain`?"#
    );
}

#[test]
fn table_file_explain_that_is_a_list() {
    let got = table_errors(&format!(
        "{HEAD}rows:\n  - task: Closing\n    sellers: Ask\n    explain: [a, b]\n"
    ));
    assert_eq!(
        got,
        r#"error: expected text here
 --> content/tables/bad.yaml:9:14
  |
9 |     explain: [a, b]
  |              ^
  |
  = help: write plain text, in quotes if it contains `: ` or starts with `[`, `{` or `-`"#
    );
}

// ---- scenario ----

#[test]
fn scenario_next_names_an_unknown_step() {
    let got = lesson_errors(
        "```scenario\ntitle: S\nsteps:\n  - id: a\n    situation: A\n    choices:\n      - text: One\n        next: b\n      - text: Two\n        next: endd\n  - id: b\n    situation: B\n    choices:\n      - text: One\n        next: end\n      - text: Two\n        next: a\nendings:\n  - id: end\n    rating: best\n    debrief: D\n```\n",
    );
    assert_eq!(
        got,
        r#"error: `next: endd` names no step or ending of this scenario
  --> content/01-module/01-lesson.md:14:15
   |
14 |         next: endd
   |               ^
   |
   = help: did you mean `end`? The steps and endings are: a, b, end"#
    );
}

#[test]
fn scenario_unreachable_step() {
    let got = lesson_errors(
        "```scenario\ntitle: S\nsteps:\n  - id: a\n    situation: A\n    choices:\n      - text: One\n        next: end\n      - text: Two\n        next: end\n  - id: b\n    situation: B\n    choices:\n      - text: One\n        next: end\n      - text: Two\n        next: a\nendings:\n  - id: end\n    rating: best\n    debrief: D\n```\n",
    );
    assert_eq!(
        got,
        r#"error: the step `b` cannot be reached: no choice leads to it
  --> content/01-module/01-lesson.md:15:9
   |
15 |   - id: b
   |         ^
   |
   = help: point a choice's `next:` at `b`, or remove the step"#
    );
}

#[test]
fn scenario_step_with_no_way_out() {
    let got = lesson_errors(
        "```scenario\ntitle: S\nsteps:\n  - id: a\n    situation: A\n    choices:\n      - text: One\n        next: b\n      - text: Two\n        next: end\n  - id: b\n    situation: B\nendings:\n  - id: end\n    rating: best\n    debrief: D\n```\n",
    );
    assert_eq!(
        got,
        r#"error: the step `b` has no way out
  --> content/01-module/01-lesson.md:15:9
   |
15 |   - id: b
   |         ^
   |
   = help: give it 2 to 4 `choices:`, each with `text:`, `consequence:` and `next:` (a step or an ending)"#
    );
}

#[test]
fn scenario_loop_with_no_ending() {
    let got = lesson_errors(
        "```scenario\ntitle: S\nsteps:\n  - id: a\n    situation: A\n    choices:\n      - text: One\n        next: b\n      - text: Two\n        next: end\n  - id: b\n    situation: B\n    choices:\n      - text: One\n        next: c\n      - text: Two\n        next: c\n  - id: c\n    situation: C\n    choices:\n      - text: One\n        next: b\n      - text: Two\n        next: b\nendings:\n  - id: end\n    rating: best\n    debrief: D\n```\n",
    );
    assert_eq!(
        got,
        r#"error: the steps `b`, `c` lead round in a loop with no ending
  --> content/01-module/01-lesson.md:15:9
   |
15 |   - id: b
   |         ^
   |
   = help: point one of their choices' `next:` at an ending, or at a step that leads to one"#
    );
}

#[test]
fn scenario_step_with_one_choice() {
    let got = lesson_errors(
        "```scenario\ntitle: S\nsteps:\n  - id: a\n    situation: A\n    choices:\n      - text: Only\n        next: end\nendings:\n  - id: end\n    rating: best\n    debrief: D\n```\n",
    );
    assert_eq!(
        got,
        r#"error: the step `a` has 1 choice, but a step takes 2 to 4
  --> content/01-module/01-lesson.md:11:7
   |
11 |       - text: Only
   |       ^
   |
   = help: add another choice: a scenario step is a decision between options"#
    );
}

#[test]
fn scenario_unknown_rating() {
    let got = lesson_errors(
        "```scenario\ntitle: S\nsteps:\n  - id: a\n    situation: A\n    choices:\n      - text: One\n        next: end\n      - text: Two\n        next: end\nendings:\n  - id: end\n    rating: great\n    debrief: D\n```\n",
    );
    assert_eq!(
        got,
        r#"error: `great` is not a rating
  --> content/01-module/01-lesson.md:17:13
   |
17 |     rating: great
   |             ^
   |
   = help: rate each ending `best`, `okay` or `poor`"#
    );
}

#[test]
fn scenario_choice_without_next() {
    let got = lesson_errors(
        "```scenario\ntitle: S\nsteps:\n  - id: a\n    situation: A\n    choices:\n      - text: One\n        next: end\n      - text: Two\nendings:\n  - id: end\n    rating: best\n    debrief: D\n```\n",
    );
    assert_eq!(
        got,
        r#"error: this choice has no `next:`, so it leads nowhere
  --> content/01-module/01-lesson.md:13:15
   |
13 |       - text: Two
   |               ^
   |
   = help: add `next: …` naming the step or the ending it leads to"#
    );
}

// ---- reflection ----

#[test]
fn reflection_without_prompt_or_template() {
    let got = lesson_errors("```reflection\ntitle: Brief\n```\n");
    assert_eq!(
        got,
        r#"error: this reflection has no `prompt:` and no `template:`
 --> content/01-module/01-lesson.md:6:1
  |
6 | title: Brief
  | ^
  |
  = help: add `prompt: …`, the question learners answer in their own words, or `template:` with one `- label` per field to fill in"#
    );
}

#[test]
fn reflection_word_guide_that_is_no_count() {
    let got = lesson_errors("```reflection\nprompt: Why?\nwords: lots\n```\n");
    assert_eq!(
        got,
        r#"error: `words: lots` is not a word count
 --> content/01-module/01-lesson.md:7:8
  |
7 | words: lots
  |        ^
  |
  = help: write a range, `words: 50-150`, or about how many, `words: 100`"#
    );
}

#[test]
fn reflection_template_field_twice() {
    let got = lesson_errors("```reflection\ntemplate:\n  - Task\n  - task\n```\n");
    assert_eq!(
        got,
        r#"error: the field `task` is already in this template
 --> content/01-module/01-lesson.md:8:5
  |
8 |   - task
  |     ^
  |
  = help: give each field its own label"#
    );
}

#[test]
fn reflection_empty_template() {
    let got = lesson_errors("```reflection\ntemplate: []\n```\n");
    assert_eq!(
        got,
        r#"error: the `template:` has no fields
 --> content/01-module/01-lesson.md:6:11
  |
6 | template: []
  |           ^
  |
  = help: add one `- label` per field, e.g. `- Task`, `- Goal`, `- Deadline`"#
    );
}

#[test]
fn reflection_field_unknown_key() {
    let got = lesson_errors("```reflection\ntemplate:\n  - label: Task\n    hnt: x\n```\n");
    assert_eq!(
        got,
        r#"error: unknown key `hnt`
 --> content/01-module/01-lesson.md:8:5
  |
8 |     hnt: x
  |     ^
  |
  = help: did you mean `hint`?"#
    );
}

// ---- commitments and optional items ----

#[test]
fn checklist_unknown_kind() {
    let got = lesson_errors("```checklist\nkind: promise\nitems:\n  - A\n```\n");
    assert_eq!(
        got,
        r#"error: `kind: promise` is not a kind of checklist
 --> content/01-module/01-lesson.md:6:7
  |
6 | kind: promise
  |       ^
  |
  = help: write `kind: commitment` for things learners will do on the job (they are saved and dated but never block completion), or leave `kind:` out"#
    );
}

#[test]
fn checklist_item_unknown_key() {
    let got = lesson_errors("```checklist\nitems:\n  - text: A\n    optional: true\n```\n");
    assert_eq!(
        got,
        r#"error: unknown key `optional`
 --> content/01-module/01-lesson.md:8:5
  |
8 |     optional: true
  |     ^
  |
  = help: allowed keys: text, required"#
    );
}

#[test]
fn checklist_unknown_repeat_period() {
    let got = lesson_errors("```checklist\nrepeat: fortnightly\nitems:\n  - A\n```\n");
    assert_eq!(
        got,
        r#"error: `repeat: fortnightly` is not a period
 --> content/01-module/01-lesson.md:6:9
  |
6 | repeat: fortnightly
  |         ^
  |
  = help: write `repeat: daily`, `repeat: weekly` or `repeat: monthly`: the list starts empty each period"#
    );
}

#[test]
fn reflection_twice_without_ids() {
    let got = lesson_errors(
        "```reflection\ntemplate:\n  - Task\n```\n\n```reflection\ntemplate:\n  - Goal\n```\n",
    );
    assert_eq!(
        got,
        r#"error: the reflection id `reflection` is already used on line 7 of this page
  --> content/01-module/01-lesson.md:12:3
   |
12 |   - Goal
   |   ^
   |
   = help: give one of the reflections its own `id: …` or another title"#
    );
}

/// The ids of a built lesson's checkboxes, in page order.
fn checkbox_ids(body: &str) -> Vec<String> {
    let lesson = format!("---\ntitle: Lesson\n---\n\n{body}");
    let dir = course(&[("content/01-module/01-lesson.md", &lesson)]);
    let options = BuildOptions {
        root: dir.path().to_path_buf(),
        drafts: false,
    };
    let built = build_site(&options).unwrap_or_else(|e| panic!("{e}"));
    let html = scraper::Html::parse_document(built.site.text("module/lesson.html").unwrap());
    let boxes = scraper::Selector::parse("input[type=checkbox]").unwrap();
    (html.select(&boxes))
        .filter_map(|e| e.value().id().map(str::to_owned))
        .collect()
}

#[test]
fn checklists_from_one_table_get_distinct_ids() {
    let ids = checkbox_ids(
        "```checklist\nfrom: tables/roles.yaml\ncolumn: sellers\n```\n\n```checklist\nfrom: tables/roles.yaml\ncolumn: managers\n```\n\n```checklist\nfrom: tables/roles.yaml\ncolumn: managers\nid: week 2\n```\n",
    );
    assert_eq!(
        ids,
        [
            "check-prospecting",
            "check-closing",
            "check-complaints",
            "check-managers-prospecting",
            "check-managers-closing",
            "check-managers-complaints",
            "check-week-2-prospecting",
            "check-week-2-closing",
            "check-week-2-complaints",
        ]
    );
}

#[test]
fn checklist_from_the_same_column_twice_needs_an_id() {
    let twice = "```checklist\nfrom: tables/roles.yaml\ncolumn: managers\nrows: [Closing]\n```\n\n";
    let got = lesson_errors(&format!(
        "```checklist\nfrom: tables/roles.yaml\ncolumn: sellers\n```\n\n{twice}{twice}"
    ));
    assert_eq!(
        got,
        r#"error: the checklist item id `managers-closing` is already used on line 12 of this page
  --> content/01-module/01-lesson.md:18:9
   |
18 | column: managers
   |         ^
   |
   = help: the ids come from the table's row keys: give this checklist its own prefix with `id: …` (its ids become `<id>-<key>`), or leave the row out with `rows: […]`"#
    );
}

#[test]
fn checklist_id_with_items() {
    let got = lesson_errors("```checklist\nitems: [One]\nid: week-1\n```\n");
    assert_eq!(
        got,
        r#"error: `column:`, `rows:` and `id:` only go with `from:`
 --> content/01-module/01-lesson.md:7:5
  |
7 | id: week-1
  |     ^
  |
  = help: remove them, or replace `items:` with `from: tables/….yaml` to list one column of a table"#
    );
}

#[test]
fn misspelt_directive_names_the_directive() {
    let got = lesson_errors(
        "Some text.\n\n```tabel\nsrc: tables/roles.yaml\n```\n\n  ~~~ quizz extra\nquestions: []\n  ~~~\n",
    );
    assert_eq!(
        got,
        r#"error: unknown directive `tabel`: did you mean `table`?
 --> content/01-module/01-lesson.md:7:4
  |
7 | ```tabel
  |    ^
  |
  = help: write ```table to use the directive, or another language to show the block as code

error: unknown directive `quizz`: did you mean `quiz`?
  --> content/01-module/01-lesson.md:11:7
   |
11 |   ~~~ quizz extra
   |       ^
   |
   = help: write ```quiz to use the directive, or another language to show the block as code

2 problems found."#
    );
}

#[test]
fn code_in_ordinary_languages_is_not_a_misspelt_directive() {
    let dir = course(&[(
        "content/01-module/01-lesson.md",
        "---\ntitle: Lesson\n---\n\n```rust\nfn main() {}\n```\n\n```python\nx = 1\n```\n\n```sql\nselect 1;\n```\n\n```dot\ndigraph {}\n```\n",
    )]);
    let options = BuildOptions {
        root: dir.path().to_path_buf(),
        drafts: false,
    };
    let built = build_site(&options).unwrap_or_else(|e| panic!("{e}"));
    let html = built.site.text("module/lesson.html").unwrap();
    for lang in ["rust", "python", "sql", "dot"] {
        assert!(html.contains(&format!("language-{lang}")), "{lang}");
    }
}

/// A quiz of three choice questions with `settings` (YAML lines) before its questions.
fn quiz_with(settings: &str) -> String {
    let question = |n: u8| format!("  - question: Question {n}?\n{QUIZ_OPTIONS}");
    lesson_errors(&format!(
        "```quiz\n{settings}questions:\n{}{}{}```\n",
        question(1),
        question(2),
        question(3)
    ))
}

#[test]
fn quiz_pool_larger_than_the_quiz() {
    same_text(
        &quiz_with("pool: 5\n"),
        r#"error: `pool: 5` draws more questions than the quiz has (3)
 --> content/01-module/01-lesson.md:6:7
  |
6 | pool: 5
  |       ^
  |
  = help: draw at most 3, or add 2 more questions"#,
    );
}

#[test]
fn quiz_pool_of_zero() {
    same_text(
        &quiz_with("pool: 0\n"),
        r#"error: `pool: 0` draws no questions
 --> content/01-module/01-lesson.md:6:7
  |
6 | pool: 0
  |       ^
  |
  = help: write how many of the 3 questions each attempt draws, from 1 to 3"#,
    );
}

#[test]
fn quiz_pool_not_a_number() {
    same_text(
        &quiz_with("pool: eight\n"),
        r#"error: `pool: eight` is not a number of questions
 --> content/01-module/01-lesson.md:6:7
  |
6 | pool: eight
  |       ^
  |
  = help: write how many of the 3 questions each attempt draws, e.g. `pool: 3`"#,
    );
}

#[test]
fn quiz_pass_not_a_percent() {
    same_text(
        &quiz_with("pass: 80\n"),
        r#"error: `80` is not a pass mark
 --> content/01-module/01-lesson.md:6:7
  |
6 | pass: 80
  |       ^
  |
  = help: write a whole percent from 1 to 100, e.g. `pass: 80%`"#,
    );
}

#[test]
fn quiz_attempts_of_zero() {
    same_text(
        &quiz_with("attempts: 0\n"),
        r#"error: `attempts: 0` is not a number of attempts
 --> content/01-module/01-lesson.md:6:11
  |
6 | attempts: 0
  |           ^
  |
  = help: write a whole number from 1 up, e.g. `attempts: 3`, or leave `attempts:` out for no limit"#,
    );
}

#[test]
fn quiz_order_with_one_item() {
    same_text(
        &lesson_errors(
            "```quiz\nquestions:\n  - question: In order?\n    order:\n      - Only\n```\n",
        ),
        r#"error: an `order` question needs at least two items
 --> content/01-module/01-lesson.md:9:7
  |
9 |       - Only
  |       ^
  |
  = help: list the items under `order:` in their right order, two or more"#,
    );
}

#[test]
fn quiz_order_with_an_item_twice() {
    same_text(
        &lesson_errors("```quiz\nquestions:\n  - question: In order?\n    order:\n      - Plan\n      - Do\n      - Plan\n```\n"),
        r#"error: `Plan` is in this `order` question twice
  --> content/01-module/01-lesson.md:11:9
   |
11 |       - Plan
   |         ^
   |
   = help: each item appears once: remove the second or reword it"#,
    );
}

#[test]
fn quiz_match_pair_without_a_right_side() {
    same_text(
        &lesson_errors("```quiz\nquestions:\n  - question: Pair them\n    match:\n      - left: A\n        right: 1\n      - left: B\n```\n"),
        r#"error: this pair has no `right:`
  --> content/01-module/01-lesson.md:11:9
   |
11 |       - left: B
   |         ^
   |
   = help: give every pair both sides: `left: …` and `right: …`"#,
    );
}

#[test]
fn quiz_match_with_a_right_side_twice() {
    same_text(
        &lesson_errors("```quiz\nquestions:\n  - question: Pair them\n    match:\n      - left: A\n        right: 1\n      - left: B\n        right: 1\n```\n"),
        r#"error: `1` is in this `match` question twice
  --> content/01-module/01-lesson.md:12:16
   |
12 |         right: 1
   |                ^
   |
   = help: each item appears once: remove the second or reword it"#,
    );
}

#[test]
fn quiz_match_pair_unknown_key() {
    same_text(
        &lesson_errors("```quiz\nquestions:\n  - question: Pair them\n    match:\n      - left: A\n        rigth: 1\n      - left: B\n        right: 2\n```\n"),
        r#"error: unknown key `rigth`
  --> content/01-module/01-lesson.md:10:9
   |
10 |         rigth: 1
   |         ^
   |
   = help: did you mean `right`?"#,
    );
}

#[test]
fn quiz_question_with_options_and_order() {
    same_text(
        &lesson_errors(&format!(
            "```quiz\nquestions:\n  - question: Which?\n{QUIZ_OPTIONS}    order: [A, B]\n```\n"
        )),
        r#"error: this question has both `options:` and `order:`
 --> content/01-module/01-lesson.md:7:15
  |
7 |   - question: Which?
  |               ^
  |
  = help: give each question one of: `options:` to choose from, `order:` to put in order, `match:` to pair"#,
    );
}

#[test]
fn quiz_question_with_nothing_to_answer() {
    same_text(
        &lesson_errors("```quiz\nquestions:\n  - question: Which?\n```\n"),
        r#"error: this question has no `options:`, `order:` or `match:`
 --> content/01-module/01-lesson.md:7:15
  |
7 |   - question: Which?
  |               ^
  |
  = help: give each question one of: `options:` to choose from, `order:` to put in order, `match:` to pair"#,
    );
}

/// `got` equals `want`; prints `got` in full when not, to read the new text.
fn same_text(got: &str, want: &str) {
    assert_eq!(got, want, "\n--- got ---\n{got}\n");
}
