//! ```` ```scenario ```` — a branching scenario: steps, each a situation with 2 to 4 choices;
//! each choice has a consequence and leads (`next:`) to another step or to an ending; endings
//! are rated `best`, `okay` or `poor` and carry a debrief. The whole scenario is one progress
//! item (`scenario:<id>`), done when the learner reaches any ending.
//!
//! Without JavaScript (and in print) it reads as a branching table: one row per step, its
//! choices linking to the rows they lead to, then the endings. With JavaScript the theme's
//! `scenario.js` plays it one step at a time from the same markup. [`graph`] checks that
//! every step can be reached and leads to an ending.

mod graph;

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::{claim, line_at, Claim, Input, Rendered};
use crate::error::Diagnostics;
use crate::i18n::Strings;
use crate::load::yaml;
use crate::render::ids::item_slug;
use crate::render::inline::{escape, inline_markdown};
use crate::render::markup::Markup;
use crate::render::tracked::{ItemKind, TrackedItem};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScenario {
    title: Spanned<String>,
    #[serde(default)]
    id: Option<Spanned<String>>,
    steps: Spanned<Vec<Spanned<RawStep>>>,
    endings: Spanned<Vec<Spanned<RawEnding>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    id: Spanned<String>,
    situation: String,
    #[serde(default)]
    choices: Option<Spanned<Vec<Spanned<RawChoice>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChoice {
    text: Spanned<String>,
    #[serde(default)]
    consequence: Option<String>,
    #[serde(default)]
    next: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEnding {
    id: Spanned<String>,
    #[serde(default)]
    title: Option<String>,
    rating: Spanned<String>,
    debrief: String,
}

/// The ratings an ending can have, best first; the learner reads the catalog's `rating_<it>`.
const RATINGS: [&str; 3] = ["best", "okay", "poor"];

pub fn render(input: Input) -> Result<Rendered, Diagnostics> {
    let raw: RawScenario = yaml::parse(input.body, input.at)?;
    graph::check(input.at, &raw)?;
    let text = &raw.title.value;
    let id_at = raw.id.as_ref().unwrap_or(&raw.title);
    let explicit = raw.id.as_ref().map(|id| item_slug(&id.value));
    let line = line_at(input.at, id_at);
    let derive = || item_slug(text);
    let id = (input.ids).resolve(ItemKind::Scenario, text, explicit, derive, line);
    let what = Claim {
        what: "scenario",
        key: format!("scenario:{id}"),
        help: "give one of the scenarios its own `id: …` or another title",
    };
    claim(input.ids, input.at, id_at, &id, what).map_err(Diagnostics::from)?;
    let title = inline_markdown(text);
    Ok(Rendered {
        markup: section(&id, &title, &raw, input.strings),
        items: vec![TrackedItem::new(ItemKind::Scenario, id, &title)],
    })
}

/// Where a choice leads: the anchor of its row and the words of its link.
fn target(raw: &RawScenario, next: &str, strings: &Strings) -> (String, String) {
    let steps = &raw.steps.value;
    if let Some(i) = steps.iter().position(|s| s.value.id.value.trim() == next) {
        let words = strings.format("scenario_go_to", &[("n", (i + 1).to_string())]);
        return (
            format!("step-{}", i + 1),
            escape(&words.unwrap_or_default()),
        );
    }
    let endings = &raw.endings.value;
    let j = endings.iter().position(|e| e.value.id.value.trim() == next);
    let j = j.unwrap_or(0);
    let name = ending_title(&endings[j].value, j, strings);
    let words = escape(&strings.text("scenario_ending")).replace("{title}", &name);
    (format!("end-{}", j + 1), words)
}

/// An ending's title (inline HTML): its own, else "Ending N".
fn ending_title(ending: &RawEnding, j: usize, strings: &Strings) -> String {
    match &ending.title {
        Some(t) if !t.trim().is_empty() => inline_markdown(t),
        _ => escape(
            &(strings.format("scenario_ending_n", &[("n", (j + 1).to_string())]))
                .unwrap_or_default(),
        ),
    }
}

/// The scenario's markup (see themes/default/MARKUP.md), titled `title` (inline HTML).
fn section(id: &str, title: &str, raw: &RawScenario, strings: &Strings) -> Markup {
    let t = |key: &str| escape(&strings.text(key));
    let id = escape(id);
    let mut out = Markup::plain(format!(
        "<section class=\"scenario\" data-scenario=\"{id}\" "
    ));
    out.fill("aria-labelledby=\"{#}-title\">\n<h2 id=\"{#}-title\">", &id);
    let [help, steps, step, situation, choices] = [
        "scenario_map_help",
        "scenario_steps",
        "scenario_step_col",
        "scenario_situation",
        "scenario_choices",
    ]
    .map(t);
    out.push(&format!("{title}</h2>\n<p class=\"scenario-help\">{help}</p>\n<div class=\"scenario-map\">\n<table class=\"scenario-steps\">\n<caption>{steps}</caption>\n<thead><tr><th scope=\"col\">{step}</th><th scope=\"col\">{situation}</th><th scope=\"col\">{choices}</th></tr></thead>\n<tbody>\n"));
    for (i, step) in raw.steps.value.iter().enumerate() {
        step_row(&mut out, &id, raw, i, (&step.value, strings));
    }
    let [endings, ending, rating, debrief] = [
        "scenario_endings",
        "scenario_ending_col",
        "scenario_rating_col",
        "scenario_debrief",
    ]
    .map(t);
    out.push(&format!("</tbody>\n</table>\n<table class=\"scenario-endings\">\n<caption>{endings}</caption>\n<thead><tr><th scope=\"col\">{ending}</th><th scope=\"col\">{rating}</th><th scope=\"col\">{debrief}</th></tr></thead>\n<tbody>\n"));
    for (j, ending) in raw.endings.value.iter().enumerate() {
        let e = &ending.value;
        let rating = e.rating.value.trim();
        let said = match RATINGS.contains(&rating) {
            true => t(&format!("rating_{rating}")),
            false => escape(rating),
        };
        out.fill(&format!("<tr id=\"{{#}}-end-{}\" ", j + 1), &id);
        out.push(&format!(
            "data-ending=\"{}\" data-rating=\"{}\"><th scope=\"row\" class=\"scenario-ending-title\">{}</th><td class=\"scenario-rating\">{said}</td><td class=\"scenario-debrief\">{}</td></tr>\n",
            escape(e.id.value.trim()),
            escape(rating),
            ending_title(e, j, strings),
            inline_markdown(&e.debrief)
        ));
    }
    out.push("</tbody>\n</table>\n</div>\n</section>\n");
    out
}

/// Step `i`'s row: its number, situation and choices, each linking to where it leads.
fn step_row(
    out: &mut Markup,
    id: &str,
    raw: &RawScenario,
    i: usize,
    (step, strings): (&RawStep, &Strings),
) {
    out.fill(&format!("<tr id=\"{{#}}-step-{}\" ", i + 1), id);
    out.push(&format!(
        "data-step=\"{}\"><th scope=\"row\">{}</th><td class=\"scenario-situation\">{}</td><td><ol class=\"scenario-choices\">\n",
        escape(step.id.value.trim()),
        i + 1,
        inline_markdown(&step.situation)
    ));
    for choice in step.choices.iter().flat_map(|c| &c.value) {
        let c = &choice.value;
        let next = c.next.as_ref().map_or("", |n| n.value.trim());
        let (anchor, words) = target(raw, next, strings);
        out.push(&format!(
            "<li data-next=\"{}\"><span class=\"scenario-choice\">{}</span>",
            escape(next),
            inline_markdown(&c.text.value)
        ));
        if let Some(consequence) = c.consequence.as_deref().filter(|t| !t.trim().is_empty()) {
            let html = inline_markdown(consequence);
            out.push(&format!(
                " <span class=\"scenario-consequence\">{html}</span>"
            ));
        }
        out.push(" <a class=\"scenario-next\" href=\"#");
        out.id(id);
        out.push(&format!("-{anchor}\">{words}</a></li>\n"));
    }
    out.push("</ol></td></tr>\n");
}
