//! ```` ```quiz ```` — a knowledge check: questions with options, one or several correct, and
//! feedback per option. Each question is a progress item (`quiz:<question id>`).
//!
//! Without JavaScript the form still shows every question and option; the feedback stays
//! hidden and submitting goes nowhere (`action="#"`).

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::quiz_arrange::{self, Arrange, RawPair};
use super::quiz_rules::{self, Given};
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
    /// How many questions each attempt draws (see [`quiz_rules`]).
    #[serde(default)]
    pool: Option<Spanned<String>>,
    #[serde(default)]
    pass: Option<Spanned<String>>,
    #[serde(default)]
    attempts: Option<Spanned<String>>,
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
    #[serde(default)]
    options: Option<Spanned<Vec<RawOption>>>,
    /// The items of an `order` question, in their right order.
    #[serde(default)]
    order: Option<Spanned<Vec<Spanned<String>>>>,
    /// The pairs of a `match` question.
    #[serde(default, rename = "match")]
    pairs: Option<Spanned<Vec<Spanned<RawPair>>>>,
    /// The explanation of an `order` or `match` question, shown once checked.
    #[serde(default)]
    feedback: Option<String>,
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
    let given = Given {
        pool: raw.pool.as_ref(),
        pass: raw.pass.as_ref(),
        attempts: raw.attempts.as_ref(),
    };
    let rules = match quiz_rules::check(input.at, &given, raw.questions.value.len()) {
        Ok(rules) => rules,
        Err(d) => {
            problems.extend(d);
            Default::default()
        }
    };
    let form = format!(
        "<form class=\"quiz\" data-quiz=\"{}\"{} aria-label=\"{}\" action=\"#\">\n",
        escape(&quiz_id),
        rules.attributes(),
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
    if rules != quiz_rules::Rules::default() {
        let line = line_at(input.at, quiz_at);
        scored(&mut out.items, &mut input, (&quiz_id, line));
    }
    problems.into_result(out)
}

/// A quiz with a pool, a pass mark or attempts is done when passed, as a whole: its own item
/// `quiz:@<quiz id>` (the browser's record of its attempts, see the theme's quiz.js) is the
/// one needed for completion and the one an LMS scores; its questions stay, not needed.
/// The item is in lectern.lock (as a question `@<quiz id>`), so progress codes carry it.
fn scored(items: &mut Vec<TrackedItem>, input: &mut Input, (quiz_id, line): (&str, usize)) {
    for item in items.iter_mut() {
        item.optional = true;
    }
    let text = input.strings.text("knowledge_check");
    let explicit = Some(format!("@{quiz_id}"));
    let derive = || format!("@{quiz_id}");
    let id = (input.ids).resolve(ItemKind::Question, &text, explicit, derive, line);
    items.push(TrackedItem::new(ItemKind::Question, id, &escape(&text)));
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
    let kind = match kind(input, q) {
        Ok(kind) => Some(kind),
        Err(d) => {
            problems.push(d);
            None
        }
    };
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
    let markup = match &kind {
        Some(Kind::Choice(options)) => fieldset(&id, &legend, raw.multiple, options),
        Some(Kind::Arrange(arrange)) => arranged(&id, &legend, arrange, raw, input.strings),
        None => Markup::default(),
    };
    problems.into_result((markup, item))
}

/// What a question asks.
enum Kind<'a> {
    Choice(&'a [RawOption]),
    Arrange(Arrange<'a>),
}

/// The question's kind, checked: exactly one of `options:`, `order:` and `match:`.
fn kind<'a>(input: &Input, q: &'a Spanned<RawQuestion>) -> Result<Kind<'a>, Diagnostic> {
    let raw = &q.value;
    let given = [
        raw.options.as_ref().map(|_| "options"),
        raw.order.as_ref().map(|_| "order"),
        raw.pairs.as_ref().map(|_| "match"),
    ];
    let given: Vec<&str> = given.into_iter().flatten().collect();
    if given.len() != 1 {
        let message = match given.as_slice() {
            [] => "this question has no `options:`, `order:` or `match:`".to_string(),
            _ => format!("this question has both `{}:` and `{}:`", given[0], given[1]),
        };
        return Err(error_at(input.at, &raw.question, message)
            .help("give each question one of: `options:` to choose from, `order:` to put in order, `match:` to pair"));
    }
    if raw.feedback.is_some() && raw.options.is_some() {
        return Err(error_at(
            input.at,
            &raw.question,
            "a choice question takes its `feedback:` per option",
        )
        .help("move the explanation to the options' own `feedback:`"));
    }
    if let Some(options) = &raw.options {
        check_options(input, raw.multiple, options)?;
        return Ok(Kind::Choice(&options.value));
    }
    let arrange = match (&raw.order, &raw.pairs) {
        (Some(order), _) => Arrange::Order(order),
        (_, Some(pairs)) => Arrange::Match(pairs),
        _ => unreachable!("one kind is given"),
    };
    quiz_arrange::check(input.at, &arrange)?;
    Ok(Kind::Arrange(arrange))
}

/// An `order` or `match` question's markup (see themes/default/MARKUP.md).
fn arranged(
    id: &str,
    legend: &str,
    arrange: &Arrange,
    raw: &RawQuestion,
    strings: &crate::i18n::Strings,
) -> Markup {
    let kind = match arrange {
        Arrange::Order(_) => "order",
        Arrange::Match(_) => "match",
    };
    let mut out = Markup::plain(format!(
        "<fieldset class=\"quiz-question quiz-arrange\" data-question=\"{}\" data-kind=\"{kind}\">\n<legend>{legend}</legend>\n",
        escape(id)
    ));
    out.append(&quiz_arrange::cards(id, arrange, strings));
    if let Some(feedback) = &raw.feedback {
        out.push(&format!(
            "<p class=\"quiz-feedback\" data-feedback-for=\"all\" hidden>{}</p>\n",
            inline_markdown(feedback)
        ));
    }
    out.push("<p class=\"quiz-result\" aria-live=\"polite\"></p>\n</fieldset>\n");
    out
}

/// At least two options; at least one correct, exactly one unless `multiple: true`.
fn check_options(
    input: &Input,
    multiple: bool,
    options: &Spanned<Vec<RawOption>>,
) -> Result<(), Diagnostic> {
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
    if correct > 1 && !multiple {
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
fn fieldset(id: &str, legend: &str, multiple: bool, options: &[RawOption]) -> Markup {
    let id = escape(id);
    let kind = if multiple { "checkbox" } else { "radio" };
    let mut out = Markup::plain(format!(
        "<fieldset class=\"quiz-question\" data-question=\"{id}\" data-multiple=\"{}\">\n<legend>{legend}</legend>\n",
        multiple
    ));
    for (n, option) in options.iter().enumerate() {
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
