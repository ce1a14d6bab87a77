//! Directive markup: the `directives-ok` fixture course uses every directive; its pages are
//! parsed and checked against themes/default/MARKUP.md.

mod common;

use std::path::PathBuf;

use lectern::{build_site, BuildOptions, Built};
use scraper::{ElementRef, Html, Selector};

fn build() -> Built {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/directives-ok");
    build_site(&BuildOptions {
        root,
        drafts: false,
    })
    .unwrap_or_else(|e| panic!("the fixture should build:\n{e}"))
}

fn page(built: &Built, path: &str) -> Html {
    let text = built.site.text(path).unwrap_or_else(|| panic!("no {path}"));
    Html::parse_document(text)
}

fn select<'a>(root: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    root.select(&Selector::parse(css).unwrap()).collect()
}

fn within<'a>(el: ElementRef<'a>, css: &str) -> Vec<ElementRef<'a>> {
    el.select(&Selector::parse(css).unwrap()).collect()
}

fn text(el: ElementRef) -> String {
    el.text().collect::<String>().trim().to_string()
}

fn attr<'a>(el: ElementRef<'a>, name: &str) -> &'a str {
    el.value()
        .attr(name)
        .unwrap_or_else(|| panic!("no {name} on {:?}", el.value()))
}

/// The progress ids the course data script lists for a page.
fn progress_items(built: &Built, page: &str) -> Vec<String> {
    let text = |f: &str| built.site.text(f).unwrap();
    let data = common::course_data(
        text("assets/course-data.js"),
        text("assets/course-pages.js"),
    );
    data["pages"][page]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn table_has_caption_scoped_headers_and_labelled_cells() {
    let built = build();
    let html = page(&built, "basics/tables.html");
    let tables = select(&html, "div.table-wrap > table.data-table");
    assert_eq!(tables.len(), 2);
    let whole = tables[0];
    let caption = within(whole, "caption")[0];
    assert_eq!(within(caption, "em").len(), 1, "title is inline Markdown");
    assert_eq!(
        text(within(caption, "span.table-caption")[0]),
        "Three tasks and who owns them"
    );
    let heads: Vec<String> = within(whole, "thead th[scope=col]")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(
        heads,
        [
            "Task",
            "What sellers do",
            "What managers do",
            "What others do"
        ]
    );
    let rows: Vec<String> = within(whole, "tbody tr > th[scope=row]")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(rows, ["Prospecting", "Closing", "Complaints"]);
    let first_row = within(whole, "tbody tr")[0];
    let labels: Vec<&str> = within(first_row, "td")
        .into_iter()
        .map(|td| attr(td, "data-label"))
        .collect();
    assert_eq!(
        labels,
        ["What sellers do", "What managers do", "What others do"]
    );
    assert_eq!(text(within(first_row, "td em")[0]), "calls");
}

#[test]
fn table_subset_keeps_the_key_column_first_and_the_given_order() {
    let built = build();
    let html = page(&built, "basics/tables.html");
    let subset = select(&html, "table.data-table")[1];
    let heads: Vec<String> = within(subset, "thead th").into_iter().map(text).collect();
    assert_eq!(heads, ["Task", "What managers do", "What sellers do"]);
    let rows: Vec<String> = within(subset, "tbody th[scope=row]")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(rows, ["Complaints", "Prospecting"]);
    let cells: Vec<String> = within(within(subset, "tbody tr")[1], "td")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(cells, ["Coach on calls", "Call new leads"]);
}

#[test]
fn html_in_a_yaml_cell_is_shown_as_text() {
    let built = build();
    let source = built.site.text("basics/tables.html").unwrap();
    assert!(!source.contains("<script>alert"), "raw script in output");
    let html = page(&built, "basics/tables.html");
    let cell = select(&html, "tbody tr:nth-child(3) td")[0];
    assert_eq!(text(cell), "Keep talking <script>alert(1)</script>");
    assert!(within(cell, "script").is_empty());
}

#[test]
fn checklist_from_a_table_column_and_from_items() {
    let built = build();
    let html = page(&built, "basics/checklists.html");
    let lists = select(&html, "div.checklist[data-checklist]");
    assert_eq!(lists.len(), 3);
    assert_eq!(
        text(within(lists[0], "p.checklist-title")[0]),
        "This week I stayed in my column for…"
    );
    let items: Vec<(String, String)> = within(lists[0], "ul.checklist-items > li.checklist-item")
        .into_iter()
        .map(|li| {
            let input = within(li, "input[type=checkbox]")[0];
            let label = within(li, "label")[0];
            assert_eq!(attr(label, "for"), attr(input, "id"));
            (attr(input, "data-item").to_string(), text(label))
        })
        .collect();
    assert_eq!(
        items,
        [
            ("prospecting".into(), "Coach on calls".into()),
            ("closing".into(), "Observe and coach".into()),
            ("complaints".into(), "Empower the team".into()),
        ]
    );
    assert!(within(lists[1], "p.checklist-title").is_empty());
    let ids: Vec<&str> = within(lists[1], "input")
        .into_iter()
        .map(|i| attr(i, "data-item"))
        .collect();
    assert_eq!(ids, ["picked", "i-agreed-deadlines"]);
    let first = within(lists[1], "label")[0];
    assert_eq!(text(first), "I picked someone ready");
    assert_eq!(text(within(first, "em")[0]), "ready");
}

#[test]
fn checklist_blocks_look_like_task_lists() {
    let built = build();
    let html = page(&built, "basics/checklists.html");
    let lists = select(&html, "div.checklist");
    let shape = |el: ElementRef| {
        let li = within(el, "li")[0];
        let names: Vec<String> = li
            .children()
            .filter_map(ElementRef::wrap)
            .map(|c| c.value().name().to_string())
            .collect();
        (attr(li, "class").to_string(), names)
    };
    assert_eq!(shape(lists[1]), shape(lists[2]));
    assert_eq!(
        progress_items(&built, "basics/checklists"),
        [
            "prospecting",
            "closing",
            "complaints",
            "picked",
            "i-agreed-deadlines",
            "a-task-list-item"
        ]
    );
}

#[test]
fn quiz_markup_follows_the_theme_contract() {
    let built = build();
    let html = page(&built, "basics/quiz.html");
    let forms = select(&html, "form.quiz");
    assert_eq!(forms.len(), 2);
    let form = forms[0];
    assert_eq!(attr(form, "data-quiz"), "basics");
    assert_eq!(attr(form, "action"), "#");
    assert_eq!(attr(form, "aria-label"), "Knowledge check");
    let questions = within(form, "fieldset.quiz-question");
    assert_eq!(questions.len(), 2);
    let single = questions[0];
    assert_eq!(attr(single, "data-question"), "what-coaching-is");
    assert_eq!(attr(single, "data-multiple"), "false");
    assert_eq!(
        text(within(single, "legend")[0]),
        "Which of these is coaching?"
    );
    let options = within(single, "div.quiz-option");
    assert_eq!(options.len(), 2);
    let input = within(options[1], "input")[0];
    assert_eq!(attr(input, "type"), "radio");
    assert_eq!(attr(input, "name"), "what-coaching-is");
    assert_eq!(attr(input, "id"), "what-coaching-is-1");
    assert_eq!(attr(input, "value"), "1");
    assert_eq!(attr(input, "data-correct"), "true");
    assert_eq!(
        attr(within(options[1], "label")[0], "for"),
        "what-coaching-is-1"
    );
    let feedback = within(options[0], "p.quiz-feedback")[0];
    assert_eq!(attr(feedback, "data-feedback-for"), "0");
    assert!(feedback.value().attr("hidden").is_some());
    assert_eq!(text(feedback), "That is demonstrating.");
    assert_eq!(within(single, "p.quiz-result[aria-live=polite]").len(), 1);

    let multi = questions[1];
    assert_eq!(attr(multi, "data-question"), "which-are-manager-tasks");
    assert_eq!(attr(multi, "data-multiple"), "true");
    let correct: Vec<&str> = within(multi, "input[type=checkbox]")
        .into_iter()
        .map(|i| attr(i, "data-correct"))
        .collect();
    assert_eq!(correct, ["true", "false", "true"]);
    assert!(within(multi, "p.quiz-feedback").is_empty());

    let buttons: Vec<(&str, String)> = within(form, "div.quiz-actions button")
        .into_iter()
        .map(|b| (attr(b, "type"), text(b)))
        .collect();
    assert_eq!(
        buttons,
        [
            ("submit", "Check answers".to_string()),
            ("button", "Try again".to_string()),
            ("button", "Show answers".to_string())
        ]
    );
    assert_eq!(attr(forms[1], "data-quiz"), "is-this-the-second-quiz");
    assert_eq!(
        progress_items(&built, "basics/quiz"),
        [
            "quiz:what-coaching-is",
            "quiz:which-are-manager-tasks",
            "quiz:is-this-the-second-quiz"
        ]
    );
}

#[test]
fn sort_lists_every_non_empty_cell_with_a_choice_of_columns() {
    let built = build();
    let html = page(&built, "basics/sort.html");
    let sorts = select(&html, "section.sort");
    assert_eq!(sorts.len(), 2);
    let sort = sorts[0];
    assert_eq!(attr(sort, "data-sort"), "sort-who-does-this");
    assert_eq!(attr(sort, "aria-labelledby"), "sort-who-does-this-title");
    assert_eq!(
        text(within(sort, "h2#sort-who-does-this-title")[0]),
        "Who does this?"
    );
    let items = within(sort, "ol.sort-items > li.sort-item");
    // 3 rows × 3 columns, less the empty `others` cell of Closing.
    assert_eq!(items.len(), 8);
    let mut answers: Vec<(String, String)> = items
        .iter()
        .map(|li| {
            let id = attr(*li, "data-item");
            let p = within(*li, "p.sort-text")[0];
            assert_eq!(attr(p, "id"), format!("{id}-text"));
            let select = within(*li, "select")[0];
            assert_eq!(attr(select, "id"), format!("{id}-choice"));
            assert_eq!(attr(select, "aria-describedby"), format!("{id}-text"));
            assert_eq!(attr(within(*li, "label")[0], "for"), format!("{id}-choice"));
            assert_eq!(within(*li, "p.sort-feedback[aria-live=polite]").len(), 1);
            (attr(*li, "data-answer").to_string(), text(p))
        })
        .collect();
    let shown_order = answers.clone();
    answers.sort();
    assert_ne!(shown_order, answers, "items are shuffled");
    assert_eq!(answers[0], ("managers".into(), "Coach on calls".into()));
    assert_eq!(
        answers[7],
        (
            "sellers".into(),
            "Keep talking <script>alert(1)</script>".into()
        )
    );
    let options: Vec<(&str, String)> = within(items[0], "option")
        .into_iter()
        .map(|o| (attr(o, "value"), text(o)))
        .collect();
    assert_eq!(
        options,
        [
            ("", "Choose…".to_string()),
            ("sellers", "What sellers do".to_string()),
            ("managers", "What managers do".to_string()),
            ("others", "What others do".to_string())
        ]
    );
    assert_eq!(within(sort, "button[data-sort-check]").len(), 1);
    assert_eq!(within(sort, "button[data-sort-reset]").len(), 1);
    assert_eq!(within(sort, "p.sort-result[aria-live=polite]").len(), 1);

    let small = sorts[1];
    assert_eq!(attr(small, "data-sort"), "sort-tables-roles");
    assert_eq!(within(small, "li.sort-item").len(), 2);
    assert_eq!(
        progress_items(&built, "basics/sort"),
        ["sort:sort-who-does-this", "sort:sort-tables-roles"]
    );
}

#[test]
fn sort_order_is_the_same_on_every_build() {
    let order = |built: &Built| -> Vec<String> {
        let html = page(built, "basics/sort.html");
        select(&html, "li.sort-item")
            .into_iter()
            .map(|li| attr(li, "data-item").to_string())
            .collect()
    };
    let first = order(&build());
    assert_eq!(first, order(&build()));
    assert_eq!(first.len(), 10);
}

#[test]
fn theme_templates_can_read_every_table() {
    let built = build();
    let html = page(&built, "basics/index.html");
    assert_eq!(text(select(&html, "p.table-title")[0]), "Who does *what*");
    assert_eq!(text(select(&html, "p.row-count")[0]), "3");
}

#[test]
fn a_task_items_label_is_its_first_paragraph_and_its_blocks_follow_it() {
    let built = build();
    let html = page(&built, "basics/task-blocks.html");
    let items = select(
        &html,
        ".lesson-body > div.checklist > ul > li.checklist-item",
    );
    let labels: Vec<String> = items
        .iter()
        .map(|li| text(within(*li, "label")[0]))
        .collect();
    assert_eq!(labels, ["Read the table", "Plan the week", "Coach"]);
    // the table directive is rendered after the label, inside the item
    let table = within(items[0], ":scope > div.table-wrap > table.data-table");
    assert_eq!(table.len(), 1);
    assert_eq!(text(within(table[0], "tbody th")[0]), "Prospecting");
    assert!(within(items[0], "label table, label pre").is_empty());
    let paragraph = within(items[1], ":scope > p");
    assert_eq!(paragraph.len(), 1);
    assert_eq!(text(paragraph[0]), "Block an hour on Monday.");
    let nested = within(items[2], ":scope > div.checklist li.checklist-item label");
    assert_eq!(text(nested[0]), "Observe a call");
    assert_eq!(
        progress_items(&built, "basics/task-blocks"),
        ["read-the-table", "plan-the-week", "coach", "observe-a-call"]
    );
}

#[test]
fn quiz_settings_and_order_and_match_questions() {
    let built = build();
    let html = page(&built, "basics/assessment.html");
    let form = select(&html, "form.quiz")[0];
    let settings = ["data-pool", "data-pass", "data-attempts"].map(|a| attr(form, a));
    assert_eq!(settings, ["2", "80", "3"]);
    // every question is in the page, for reading without JavaScript
    assert_eq!(within(form, "fieldset.quiz-question").len(), 3);

    let order = within(form, "fieldset.quiz-arrange[data-kind=order]")[0];
    assert_eq!(attr(order, "data-question"), "steps");
    let cards = within(order, "li.sort-item");
    let mut answers: Vec<(String, String)> = cards
        .iter()
        .map(|li| {
            let text = text(within(*li, "p.sort-text")[0]);
            (attr(*li, "data-answer").to_string(), text)
        })
        .collect();
    answers.sort();
    assert_eq!(
        answers,
        [
            ("1", "Prepare"),
            ("2", "Explain the task"),
            ("3", "Check in")
        ]
        .map(|(a, t)| (a.to_string(), t.to_string()))
    );
    for li in &cards {
        let select = within(*li, "select")[0];
        let label = within(*li, "label")[0];
        assert_eq!(attr(label, "for"), attr(select, "id"));
        assert_eq!(text(label), "Place in the order");
        let options: Vec<String> = within(select, "option").into_iter().map(text).collect();
        assert_eq!(options, ["Choose…", "1", "2", "3"]);
    }
    let feedback = within(order, "p.quiz-feedback[data-feedback-for=all][hidden]");
    assert_eq!(
        text(feedback[0]),
        "You prepare before you explain, and check in afterwards."
    );

    let pairs = within(form, "fieldset.quiz-arrange[data-kind=match]")[0];
    let finance = within(pairs, "li.sort-item")
        .into_iter()
        .find(|li| text(within(*li, "p.sort-text")[0]) == "Finance")
        .unwrap();
    let select = within(finance, "select")[0];
    let right = within(select, "option")
        .into_iter()
        .find(|o| attr(*o, "value") == attr(finance, "data-answer"))
        .unwrap();
    assert_eq!(text(right), "Informs price floors");
    assert_eq!(within(select, "option").len(), 4);
    let explain = within(finance, "span.sort-explain[hidden]")[0];
    assert_eq!(
        text(explain),
        "Finance explains the return the business needs."
    );
    assert_eq!(
        progress_items(&built, "basics/assessment"),
        ["quiz:steps", "quiz:roles", "quiz:coaching", "quiz:@final"]
    );
}
