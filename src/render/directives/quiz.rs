//! ```` ```quiz ```` — a knowledge check: questions with options, one or several correct, and
//! feedback per option. Each question is a progress item (`quiz:<question id>`).
//!
//! Without JavaScript the form still shows every question and option; the feedback stays
//! hidden and submitting goes nowhere (`action="#"`).

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::{claim, error_at, line_at, Claim, Input, Rendered};
use crate::error::{Diagnostic, Diagnostics};
use crate::load::yaml;
use crate::render::ids::item_slug;
use crate::render::inline::{escape, inline_markdown};
use crate::render::markup::Markup;
use crate::render::tracked::{ItemKind, TrackedItem};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuiz {
    #[serde(default)]
    id: Option<Spanned<String>>,
    questions: Spanned<Vec<Spanned<RawQuestion>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    question: Spanned<String>,
    #[serde(default)]
    id: Option<Spanned<String>>,
    #[serde(default)]
    multiple: bool,
    options: Spanned<Vec<RawOption>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOption {
    text: String,
    #[serde(default)]
    correct: bool,
    #[serde(default)]
    feedback: Option<String>,
}

pub fn render(mut input: Input) -> Result<Rendered, Diagnostics> {
    let raw: RawQuiz = yaml::parse(input.body, input.at)?;
    let Some(first) = raw.questions.value.first() else {
        return Err(
            error_at(input.at, &raw.questions, "the quiz has no questions")
                .help("add at least one `- question: …` with its `options:`")
                .into(),
        );
    };
    let (quiz_id, quiz_at) = match &raw.id {
        Some(id) => (item_slug(&id.value), id),
        None => (
            item_slug(&first.value.question.value),
            &first.value.question,
        ),
    };
    let mut problems = Diagnostics::default();
    let quiz_claim = Claim {
        what: "quiz",
        key: format!("quiz-form:{quiz_id}"),
        help: "give one of the quizzes its own `id: …`",
    };
    if let Err(d) = claim(input.ids, input.at, quiz_at, &quiz_id, quiz_claim) {
        problems.push(d);
    }
    let form = format!(
        "<form class=\"quiz\" data-quiz=\"{}\" aria-label=\"{}\" action=\"#\">\n",
        escape(&quiz_id),
        escape(&input.strings.text("knowledge_check"))
    );
    let mut out = Rendered::markup(Markup::plain(form));
    for question in &raw.questions.value {
        match self::question(&mut input, question) {
            Ok((markup, item)) => {
                out.markup.append(&markup);
                out.items.extend(item);
            }
            Err(d) => problems.extend(d),
        }
    }
    out.markup.push(&actions(input.strings));
    problems.into_result(out)
}

/// The quiz's buttons, in the course's language, and the form's end.
fn actions(strings: &crate::i18n::Strings) -> String {
    let [check, retry, reveal] =
        ["check_answers", "try_again", "show_answers"].map(|k| escape(&strings.text(k)));
    format!("<div class=\"quiz-actions\"><button type=\"submit\" data-quiz-check>{check}</button>\n<button type=\"button\" data-quiz-retry>{retry}</button>\n<button type=\"button\" data-quiz-reveal>{reveal}</button></div>\n</form>\n")
}

/// One question's fieldset, after checking its options and claiming its id, and the question
/// as a tracked item (none when its id is taken).
fn question(
    input: &mut Input,
    q: &Spanned<RawQuestion>,
) -> Result<(Markup, Option<TrackedItem>), Diagnostics> {
    let raw = &q.value;
    let id_at = raw.id.as_ref().unwrap_or(&raw.question);
    let explicit = raw.id.as_ref().map(|id| item_slug(&id.value));
    let text = &raw.question.value;
    let line = line_at(input.at, id_at);
    let derive = || item_slug(text);
    let id = (input.ids).resolve(ItemKind::Question, text, explicit, derive, line);
    let mut problems = Diagnostics::default();
    if let Err(d) = check_options(input, raw) {
        problems.push(d);
    }
    let what = Claim {
        what: "question",
        key: format!("quiz:{id}"),
        help: "give one of the questions its own `id: …`",
    };
    let legend = inline_markdown(&raw.question.value);
    let item = match claim(input.ids, input.at, id_at, &id, what) {
        Ok(()) => Some(TrackedItem::new(ItemKind::Question, id.clone(), &legend)),
        Err(d) => {
            problems.push(d);
            None
        }
    };
    problems.into_result((fieldset(&id, &legend, raw), item))
}

/// At least two options; at least one correct, exactly one unless `multiple: true`.
fn check_options(input: &Input, q: &RawQuestion) -> Result<(), Diagnostic> {
    let options = &q.options;
    if options.value.len() < 2 {
        return Err(error_at(
            input.at,
            options,
            "this question has fewer than two options",
        )
        .help("give learners at least two `- text: …` options to choose from"));
    }
    let correct = options.value.iter().filter(|o| o.correct).count();
    if correct == 0 {
        return Err(error_at(
            input.at,
            options,
            "no option of this question is marked correct",
        )
        .help("add `correct: true` to the right option"));
    }
    if correct > 1 && !q.multiple {
        return Err(error_at(
            input.at,
            options,
            format!("{correct} options of this question are correct, but learners can choose only one"),
        )
        .help("keep `correct: true` on one option, or add `multiple: true` to the question so learners choose all that apply"));
    }
    Ok(())
}

/// The question's markup (see themes/default/MARKUP.md), its legend `legend` (inline HTML).
fn fieldset(id: &str, legend: &str, q: &RawQuestion) -> Markup {
    let id = escape(id);
    let kind = if q.multiple { "checkbox" } else { "radio" };
    let mut out = Markup::plain(format!(
        "<fieldset class=\"quiz-question\" data-question=\"{id}\" data-multiple=\"{}\">\n<legend>{legend}</legend>\n",
        q.multiple
    ));
    for (n, option) in q.options.value.iter().enumerate() {
        let start = format!("<div class=\"quiz-option\"><input type=\"{kind}\" name=\"{id}\" id=\"{{#}}-{n}\" value=\"{n}\" data-correct=\"{}\"><label for=\"{{#}}-{n}\">", option.correct);
        out.fill(&start, &id);
        out.push(&inline_markdown(&option.text));
        out.push("</label>");
        if let Some(feedback) = &option.feedback {
            out.push(&format!(
                "<p class=\"quiz-feedback\" data-feedback-for=\"{n}\" hidden>{}</p>",
                inline_markdown(feedback)
            ));
        }
        out.push("</div>\n");
    }
    out.push("<p class=\"quiz-result\" aria-live=\"polite\"></p>\n</fieldset>\n");
    out
}
