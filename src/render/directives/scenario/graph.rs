//! A scenario's structure, checked before it renders: every step has 2 to 4 choices, each
//! leading to a step or an ending that exists; ids are unique; ratings are known; every step
//! and ending can be reached from the first step; and from every step some ending can be
//! reached (no loop without a way out). Each problem points at its line of the lesson.

use std::collections::HashMap;

use serde_saphyr::Spanned;

use super::super::{error_at, line_at};
use super::{RawScenario, RawStep, RATINGS};
use crate::error::{did_you_mean, Diagnostic, Diagnostics};
use crate::load::yaml::Fragment;

/// Where a name leads: a step or an ending, by its place in its list.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Node {
    Step(usize),
    Ending(usize),
}

/// Every problem of the scenario's structure, or nothing.
pub(super) fn check(at: Fragment, raw: &RawScenario) -> Result<(), Diagnostics> {
    if raw.steps.value.is_empty() {
        return Err(error_at(at, &raw.steps, "this scenario has no steps")
            .help("add `steps:` with at least one `- id: …`, its `situation: …` and 2 to 4 `choices:`")
            .into());
    }
    if raw.endings.value.is_empty() {
        return Err(error_at(at, &raw.endings, "this scenario has no endings")
            .help("add `endings:` with at least one `- id: …`, `rating: best`, `okay` or `poor`, and `debrief: …`")
            .into());
    }
    let mut problems = Diagnostics::default();
    let names = names(at, raw, &mut problems);
    for ending in &raw.endings.value {
        let rating = &ending.value.rating;
        if !RATINGS.contains(&rating.value.trim()) {
            let message = format!("`{}` is not a rating", rating.value.trim());
            problems.push(
                error_at(at, rating, message).help("rate each ending `best`, `okay` or `poor`"),
            );
        }
    }
    let mut edges = Vec::with_capacity(raw.steps.value.len());
    for step in &raw.steps.value {
        edges.push(choices(at, step, &names, &mut problems));
    }
    if problems.is_empty() {
        reach(at, raw, &edges, &mut problems);
    }
    problems.into_result(())
}

/// Each step's and ending's id, reporting one used twice.
fn names<'r>(
    at: Fragment,
    raw: &'r RawScenario,
    problems: &mut Diagnostics,
) -> HashMap<&'r str, (Node, usize)> {
    let steps = raw.steps.value.iter().enumerate();
    let steps = steps.map(|(i, s)| (&s.value.id, Node::Step(i)));
    let endings = raw.endings.value.iter().enumerate();
    let all = steps.chain(endings.map(|(j, e)| (&e.value.id, Node::Ending(j))));
    let mut names = HashMap::new();
    for (id, node) in all {
        let line = line_at(at, id);
        if let Some((_, first)) = names.get(id.value.trim()) {
            let message = format!(
                "the id `{}` is already used on line {first} of this scenario",
                id.value.trim()
            );
            let help = "give each step and each ending its own id";
            problems.push(error_at(at, id, message).help(help));
        } else {
            names.insert(id.value.trim(), (node, line));
        }
    }
    names
}

/// Where a step's choices lead, reporting a wrong number of choices, a choice without
/// `next:` and a `next:` that names nothing.
fn choices(
    at: Fragment,
    step: &Spanned<RawStep>,
    names: &HashMap<&str, (Node, usize)>,
    problems: &mut Diagnostics,
) -> Vec<Node> {
    let step = &step.value;
    let Some(list) = step.choices.as_ref().filter(|c| !c.value.is_empty()) else {
        let message = format!("the step `{}` has no way out", step.id.value.trim());
        let help = "give it 2 to 4 `choices:`, each with `text:`, `consequence:` and `next:` (a step or an ending)";
        problems.push(error_at(at, &step.id, message).help(help));
        return Vec::new();
    };
    let n = list.value.len();
    if !(2..=4).contains(&n) {
        let message = format!(
            "the step `{}` has {n} choice{}, but a step takes 2 to 4",
            step.id.value.trim(),
            if n == 1 { "" } else { "s" }
        );
        let help = if n == 1 {
            "add another choice: a scenario step is a decision between options"
        } else {
            "keep the 4 choices that matter most, or split the decision into two steps"
        };
        problems.push(error_at(at, list, message).help(help));
    }
    let mut out = Vec::with_capacity(n);
    for choice in &list.value {
        let Some(next) = &choice.value.next else {
            let message = "this choice has no `next:`, so it leads nowhere";
            let help = "add `next: …` naming the step or the ending it leads to";
            problems.push(error_at(at, &choice.value.text, message).help(help));
            continue;
        };
        match names.get(next.value.trim()) {
            Some((node, _)) => out.push(*node),
            None => problems.push(unknown(at, next, names)),
        }
    }
    out
}

/// `next: x` where `x` is no step or ending of the scenario.
fn unknown(
    at: Fragment,
    next: &Spanned<String>,
    names: &HashMap<&str, (Node, usize)>,
) -> Diagnostic {
    let mut known: Vec<(&str, usize)> = names.iter().map(|(k, v)| (*k, v.1)).collect();
    known.sort_by_key(|k| k.1);
    let known: Vec<&str> = known.into_iter().map(|k| k.0).collect();
    let word = next.value.trim();
    let message = format!("`next: {word}` names no step or ending of this scenario");
    let help = match did_you_mean(word, &known) {
        Some(s) => format!(
            "did you mean `{s}`? The steps and endings are: {}",
            known.join(", ")
        ),
        None => format!("name one of its steps or endings: {}", known.join(", ")),
    };
    error_at(at, next, message).help(help)
}

/// Reports steps and endings the first step cannot reach, and steps from which no ending
/// can be reached (a loop with no way out).
fn reach(at: Fragment, raw: &RawScenario, edges: &[Vec<Node>], problems: &mut Diagnostics) {
    let (steps, endings) = (raw.steps.value.len(), raw.endings.value.len());
    // forward from the first step
    let mut seen = vec![false; steps];
    let mut ended = vec![false; endings];
    let mut todo = vec![0];
    seen[0] = true;
    while let Some(i) = todo.pop() {
        for node in &edges[i] {
            match *node {
                Node::Step(k) if !seen[k] => {
                    seen[k] = true;
                    todo.push(k);
                }
                Node::Ending(j) => ended[j] = true,
                Node::Step(_) => {}
            }
        }
    }
    let unreachable = |id: &Spanned<String>, what: &str| {
        let message = format!(
            "the {what} `{}` cannot be reached: no choice leads to it",
            id.value.trim()
        );
        let help = format!(
            "point a choice's `next:` at `{}`, or remove the {what}",
            id.value.trim()
        );
        error_at(at, id, message).help(help)
    };
    for (i, step) in raw.steps.value.iter().enumerate() {
        if !seen[i] {
            problems.push(unreachable(&step.value.id, "step"));
        }
    }
    for (j, ending) in raw.endings.value.iter().enumerate() {
        if !ended[j] {
            problems.push(unreachable(&ending.value.id, "ending"));
        }
    }
    let stuck: Vec<usize> = (0..steps)
        .filter(|&i| seen[i] && !leads_out(edges, i))
        .collect();
    if let Some(&first) = stuck.first() {
        let ids: Vec<String> = (stuck.iter())
            .map(|&i| format!("`{}`", raw.steps.value[i].value.id.value.trim()))
            .collect();
        let message = format!(
            "the step{} {} lead{} round in a loop with no ending",
            if ids.len() == 1 { "" } else { "s" },
            ids.join(", "),
            if ids.len() == 1 { "s" } else { "" }
        );
        let help =
            "point one of their choices' `next:` at an ending, or at a step that leads to one";
        problems.push(error_at(at, &raw.steps.value[first].value.id, message).help(help));
    }
}

/// True when some ending can be reached from step `from`.
fn leads_out(edges: &[Vec<Node>], from: usize) -> bool {
    let mut seen = vec![false; edges.len()];
    let mut todo = vec![from];
    seen[from] = true;
    while let Some(i) = todo.pop() {
        for node in &edges[i] {
            match *node {
                Node::Ending(_) => return true,
                Node::Step(k) if !seen[k] => {
                    seen[k] = true;
                    todo.push(k);
                }
                Node::Step(_) => {}
            }
        }
    }
    false
}
