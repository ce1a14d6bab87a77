//! ```` ```reflection ```` — a prompt the learner answers in their own words, or a `template:`
//! of labelled fields to fill in (a job aid, e.g. a delegation brief), with an optional
//! word-count guide (`words: 50-150`). The answers are kept in the learner's browser only
//! (the theme's `reflection.js`), shown on the progress page and the "my handout" page; a
//! reflection is no progress item: it never blocks completion.
//!
//! Without JavaScript the fields are still there to write in, with a note that nothing is
//! kept.

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::text_or::TextOr;
use super::{claim, error_at, place_of, Claim, Input, Rendered};
use crate::error::{Diagnostic, Diagnostics};
use crate::i18n::Strings;
use crate::load::yaml;
use crate::render::ids::item_slug;
use crate::render::inline::{escape, inline_markdown};
use crate::render::markup::Markup;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReflection {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    id: Option<Spanned<String>>,
    #[serde(default)]
    prompt: Option<Spanned<String>>,
    #[serde(default)]
    words: Option<Spanned<String>>,
    #[serde(default)]
    template: Option<Spanned<Vec<Spanned<RawField>>>>,
}

/// A field of a template: its label alone, or its label with a hint and its own guide.
type RawField = TextOr<FullField>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FullField {
    label: String,
    #[serde(default)]
    hint: Option<String>,
    #[serde(default)]
    words: Option<String>,
}

/// A field to render: its id (unique in the reflection), label and hint (inline HTML) and
/// word guide.
struct Field {
    id: String,
    label: String,
    hint: Option<String>,
    words: Option<(u32, u32)>,
}

pub fn render(input: Input) -> Result<Rendered, Diagnostics> {
    let raw: RawReflection = yaml::parse(input.body, input.at)?;
    let guide = match &raw.words {
        Some(w) => Some(words(input.at, w, &w.value)?),
        None => None,
    };
    let fields = fields(&input, &raw, guide)?;
    // its id, and where it was written (for the error when the page has it twice)
    let title = raw.title.as_deref();
    let (id, at) = match (&raw.id, &raw.prompt, &raw.template) {
        (Some(id), _, _) => (item_slug(&id.value), place_of(id)),
        (None, Some(p), _) => (item_slug(title.unwrap_or(&p.value)), place_of(p)),
        (None, None, Some(t)) => (item_slug(title.unwrap_or("reflection")), place_of(t)),
        (None, None, None) => return Ok(Rendered::default()), // `fields` refused it already
    };
    let what = Claim {
        what: "reflection",
        key: format!("reflection:{id}"),
        help: "give one of the reflections its own `id: …` or another title",
    };
    claim(input.ids, input.at, &at, &id, what).map_err(Diagnostics::from)?;
    let title = match raw.title.as_deref() {
        Some(t) => inline_markdown(t),
        None => escape(&input.strings.text("reflection")),
    };
    let prompt = raw.template.as_ref().and(raw.prompt.as_ref());
    let prompt = prompt.map(|p| inline_markdown(&p.value));
    let text = (prompt.as_deref(), input.strings);
    Ok(Rendered::markup(section(&id, &title, text, &fields)))
}

/// The fields: the template's, or one answering the prompt.
fn fields(
    input: &Input,
    raw: &RawReflection,
    guide: Option<(u32, u32)>,
) -> Result<Vec<Field>, Diagnostics> {
    let Some(template) = &raw.template else {
        let Some(prompt) = &raw.prompt else {
            return Err(input
                .at
                .diagnostic(1, 1, "this reflection has no `prompt:` and no `template:`")
                .help("add `prompt: …`, the question learners answer in their own words, or `template:` with one `- label` per field to fill in")
                .into());
        };
        let field = Field {
            id: "answer".into(),
            label: inline_markdown(&prompt.value),
            hint: None,
            words: guide,
        };
        return Ok(vec![field]);
    };
    if template.value.is_empty() {
        return Err(
            error_at(input.at, template, "the `template:` has no fields")
                .help("add one `- label` per field, e.g. `- Task`, `- Goal`, `- Deadline`")
                .into(),
        );
    }
    let mut problems = Diagnostics::default();
    let mut out: Vec<Field> = Vec::with_capacity(template.value.len());
    for f in &template.value {
        let (label, hint, own) = match &f.value {
            TextOr::Text(l) => (l.as_str(), None, None),
            TextOr::Full(x) => (x.label.as_str(), x.hint.as_deref(), x.words.as_deref()),
        };
        let words = match own {
            Some(w) => words(input.at, f, w).map_err(|d| problems.push(d)).ok(),
            None => guide,
        };
        let id = item_slug(label);
        if out.iter().any(|o| o.id == id) {
            let message = format!("the field `{}` is already in this template", label.trim());
            problems.push(error_at(input.at, f, message).help("give each field its own label"));
            continue;
        }
        out.push(Field {
            id,
            label: inline_markdown(label),
            hint: hint.map(inline_markdown),
            words,
        });
    }
    problems.into_result(out)
}

/// A word guide, `50-150` or `100` (about that many), as (least, most).
fn words<T>(
    at: crate::load::yaml::Fragment,
    place: &Spanned<T>,
    text: &str,
) -> Result<(u32, u32), Diagnostic> {
    let number = |s: &str| s.trim().parse::<u32>().ok().filter(|n| *n > 0);
    let parsed = match text.split_once('-') {
        Some((a, b)) => number(a).zip(number(b)).filter(|(a, b)| a <= b),
        None => number(text).map(|n| (n, n)),
    };
    parsed.ok_or_else(|| {
        let message = format!("`words: {}` is not a word count", text.trim());
        error_at(at, place, message)
            .help("write a range, `words: 50-150`, or about how many, `words: 100`")
    })
}

/// What the guide says: "Aim for 50 to 150 words." or "Aim for about 100 words."
fn guide_text((least, most): (u32, u32), strings: &Strings) -> String {
    let text = if least == most {
        strings.format("words_about", &[("n", least.to_string())])
    } else {
        let args = [("least", least.to_string()), ("most", most.to_string())];
        strings.format("words_range", &args)
    };
    escape(&text.unwrap_or_default())
}

/// The reflection's markup (see themes/default/MARKUP.md).
fn section(
    id: &str,
    title: &str,
    (prompt, strings): (Option<&str>, &Strings),
    fields: &[Field],
) -> Markup {
    let id = escape(id);
    let mut out = Markup::plain(format!(
        "<section class=\"reflection\" data-reflection=\"{id}\" "
    ));
    out.fill("aria-labelledby=\"{#}-title\">\n<h2 id=\"{#}-title\">", &id);
    out.push(&format!("{title}</h2>\n"));
    if let Some(prompt) = prompt {
        out.push(&format!("<p class=\"reflection-prompt\">{prompt}</p>\n"));
    }
    for field in fields {
        let fid = format!("{id}-{}", escape(&field.id));
        out.push(&format!(
            "<div class=\"reflection-field\" data-field=\"{}\">\n",
            escape(&field.id)
        ));
        out.fill("<label for=\"{#}\">", &fid);
        out.push(&field.label);
        out.push("</label>\n");
        let mut described = Vec::new();
        if let Some(hint) = &field.hint {
            out.fill("<p class=\"reflection-hint\" id=\"{#}-hint\">", &fid);
            out.push(hint);
            out.push("</p>\n");
            described.push("-hint");
        }
        if field.words.is_some() {
            described.push("-words");
        }
        out.fill("<textarea id=\"{#}\" rows=\"5\"", &fid);
        for (k, suffix) in described.iter().enumerate() {
            out.push(if k == 0 { " aria-describedby=\"" } else { " " });
            out.id(&fid);
            out.push(suffix);
        }
        out.push(if described.is_empty() {
            "></textarea>\n"
        } else {
            "\"></textarea>\n"
        });
        if let Some((least, most)) = field.words {
            out.fill("<p class=\"reflection-words\" id=\"{#}-words\" ", &fid);
            out.push(&format!(
                "data-least=\"{least}\" data-most=\"{most}\">{}</p>\n",
                guide_text((least, most), strings)
            ));
        }
        out.push("</div>\n");
    }
    let status = escape(&strings.text("reflection_no_js"));
    out.push(&format!(
        "<p class=\"reflection-status\">{status}</p>\n</section>\n"
    ));
    out
}
