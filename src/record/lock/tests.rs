use super::*;
use crate::load::lock::fingerprint;
use crate::render::ids::item_slug;

/// Checklist items with these texts, on lines 1, 2, …; `{#id}` makes an explicit id.
fn claims(texts: &[&str]) -> Vec<IdClaim> {
    texts
        .iter()
        .enumerate()
        .map(|(n, text)| {
            let (text, explicit) = crate::render::ids::explicit_id(text);
            IdClaim {
                kind: ItemKind::Item,
                print: fingerprint(text),
                text: text.to_string(),
                id: explicit.map_or_else(|| item_slug(text), str::to_string),
                explicit: explicit.is_some(),
                line: n + 1,
            }
        })
        .collect()
}

/// A page built once with `before`, then with `after`: the second build's entries, changes
/// and the ids its items get.
struct Rebuilt {
    entries: Vec<Entry>,
    changes: Vec<(ChangeKind, String, u32)>,
    ids: Vec<String>,
}

fn build(old: &[Entry], texts: &[&str], next: &mut u32) -> Rebuilt {
    let claims = claims(texts);
    let mut changes = Vec::new();
    let entries = page_entries(old, &claims, next, |what, _, id, index, _| {
        changes.push((what, id, index))
    });
    let ids = resolve(old, &claims).into_iter().map(|r| r.id).collect();
    Rebuilt {
        entries,
        changes,
        ids,
    }
}

fn rebuild(before: &[&str], after: &[&str]) -> Rebuilt {
    let mut next = 0;
    let first = build(&[], before, &mut next);
    build(&first.entries, after, &mut next)
}

fn live(entries: &[Entry]) -> Vec<(u32, &str)> {
    let live = entries.iter().filter(|e| !e.retired);
    live.map(|e| (e.index, e.id.as_str())).collect()
}

fn retired(entries: &[Entry]) -> Vec<(u32, &str)> {
    let gone = entries.iter().filter(|e| e.retired);
    gone.map(|e| (e.index, e.id.as_str())).collect()
}

#[test]
fn a_first_build_derives_ids_and_numbers_items_in_page_order() {
    let mut next = 0;
    let r = build(&[], &["Call the client", "Agree on goals"], &mut next);
    assert_eq!(r.ids, ["call-the-client", "agree-on-goals"]);
    assert_eq!(
        live(&r.entries),
        [(0, "call-the-client"), (1, "agree-on-goals")]
    );
    assert_eq!(next, 2);
    assert!(r.changes.iter().all(|c| c.0 == ChangeKind::New));
    assert_eq!(r.entries[0].text, "Call the client");
    assert_eq!(r.entries[0].fingerprint, fingerprint("Call the client"));
}

#[test]
fn rewording_the_end_of_an_item_keeps_its_id_and_says_so() {
    let r = rebuild(
        &["Call the client before the meeting", "Agree on goals"],
        &["Call the client before every meeting", "Agree on goals"],
    );
    assert_eq!(
        r.ids,
        ["call-the-client-before-the-meeting", "agree-on-goals"]
    );
    let was = "Call the client before the meeting".to_string();
    let id = "call-the-client-before-the-meeting".to_string();
    assert_eq!(r.changes, [(ChangeKind::Reworded { was }, id, 0)]);
    assert_eq!(r.entries[0].text, "Call the client before every meeting");
    assert_eq!(live(&r.entries)[0].0, 0);
}

#[test]
fn rewording_the_start_of_an_item_keeps_its_id() {
    let r = rebuild(
        &["Agree on goals with your team", "Write it down"],
        &["First, agree on goals with your team", "Write it down"],
    );
    assert_eq!(r.ids[0], "agree-on-goals-with-your-team");
    assert_eq!(r.changes.len(), 1);
}

#[test]
fn a_short_item_reworded_in_its_place_keeps_its_id() {
    // not similar enough on its own (~0.6), but in the same place
    let r = rebuild(&["Set goals", "Delegate"], &["Set the goals", "Delegate"]);
    assert_eq!(r.ids, ["set-goals", "delegate"]);
}

#[test]
fn a_new_text_in_an_old_place_is_a_new_item() {
    let r = rebuild(
        &["Call the client", "Delegate"],
        &["Write the report", "Delegate"],
    );
    assert_eq!(r.ids, ["write-the-report", "delegate"]);
    assert_eq!(live(&r.entries), [(2, "write-the-report"), (1, "delegate")]);
    assert_eq!(retired(&r.entries), [(0, "call-the-client")]);
}

#[test]
fn an_item_removed_and_another_inserted_in_its_place_among_moved_items_is_new() {
    // half similar and at the removed item's index, but between other neighbours
    let before = [
        "Pick one task",
        "Write down why the task matters to the team",
        "Agree a deadline",
        "Check in halfway",
    ];
    let after = [
        "Check in halfway",
        "Tell the team who owns the task now",
        "Agree a deadline",
        "Pick one task",
    ];
    let r = rebuild(&before, &after);
    assert_eq!(r.ids[1], "tell-the-team-who-owns-the-task-now");
    assert_eq!(
        retired(&r.entries),
        [(1, "write-down-why-the-task-matters-to-the-team")]
    );
}

#[test]
fn moving_items_changes_nothing_but_their_order() {
    let r = rebuild(
        &["A one", "B two", "C three"],
        &["C three", "A one", "B two"],
    );
    assert_eq!(r.ids, ["c-three", "a-one", "b-two"]);
    assert!(r.changes.is_empty());
    assert_eq!(
        live(&r.entries),
        [(2, "c-three"), (0, "a-one"), (1, "b-two")]
    );
}

#[test]
fn moving_and_rewording_an_item_keeps_its_id() {
    let r = rebuild(
        &["Call the client before the meeting", "Delegate the report"],
        &["Delegate the report", "Call the client before each meeting"],
    );
    assert_eq!(
        r.ids,
        ["delegate-the-report", "call-the-client-before-the-meeting"]
    );
}

#[test]
fn deleting_an_item_retires_it() {
    let r = rebuild(&["A one", "B two", "C three"], &["A one", "C three"]);
    assert_eq!(r.ids, ["a-one", "c-three"]);
    assert_eq!(live(&r.entries), [(0, "a-one"), (2, "c-three")]);
    assert_eq!(retired(&r.entries), [(1, "b-two")]);
    assert_eq!(r.changes, [(ChangeKind::Retired, "b-two".to_string(), 1)]);
}

#[test]
fn re_adding_a_deleted_item_gives_it_a_new_id_and_index() {
    let mut next = 0;
    let first = build(&[], &["A one", "B two"], &mut next);
    let second = build(&first.entries, &["A one"], &mut next);
    let third = build(&second.entries, &["A one", "B two"], &mut next);
    // what learners ticked for the old item is not taken for the new one
    assert_eq!(third.ids, ["a-one", "b-two-2"]);
    assert_eq!(live(&third.entries), [(0, "a-one"), (2, "b-two-2")]);
    assert_eq!(retired(&third.entries), [(1, "b-two")]);
    // and again: never the retired id, never a used index
    let fourth = build(&third.entries, &["A one"], &mut next);
    let fifth = build(&fourth.entries, &["A one", "B two"], &mut next);
    assert_eq!(fifth.ids, ["a-one", "b-two-3"]);
    assert_eq!(live(&fifth.entries)[1], (3, "b-two-3"));
    assert_eq!(next, 4);
}

#[test]
fn an_item_inserted_before_others_takes_none_of_their_ids() {
    let r = rebuild(
        &["Call the client", "Call the supplier"],
        &[
            "Call the clients back",
            "Call the client",
            "Call the supplier",
        ],
    );
    assert_eq!(
        r.ids,
        [
            "call-the-clients-back",
            "call-the-client",
            "call-the-supplier"
        ]
    );
    assert_eq!(
        r.changes,
        [(ChangeKind::New, "call-the-clients-back".to_string(), 2)]
    );
}

#[test]
fn two_items_with_the_same_text_keep_the_same_id_for_the_page_to_report() {
    let mut next = 0;
    let r = build(&[], &["Call the buyer", "Call the buyer"], &mut next);
    assert_eq!(r.ids, ["call-the-buyer", "call-the-buyer"]);
    let r = rebuild(&["Call the buyer"], &["Call the buyer", "Call the buyer"]);
    assert_eq!(r.ids, ["call-the-buyer", "call-the-buyer"]);
}

#[test]
fn different_texts_that_cut_to_the_same_id_get_their_own() {
    let long = "a".repeat(60);
    let (one, two) = (format!("{long} one"), format!("{long} two"));
    let mut next = 0;
    let r = build(&[], &[&one, &two], &mut next);
    assert_eq!(r.ids, [long.clone(), format!("{long}-2")]);
    let again = build(&r.entries, &[&one, &two], &mut next);
    assert_eq!(again.ids, r.ids);
    assert!(again.changes.is_empty());
}

#[test]
fn explicit_ids_are_kept_and_take_their_entry_back() {
    let r = rebuild(
        &["Call {#call}", "Delegate"],
        &["Phone the client {#call}", "Delegate"],
    );
    assert_eq!(r.ids, ["call", "delegate"]);
    assert_eq!(live(&r.entries), [(0, "call"), (1, "delegate")]);
    let mut next = 0;
    let first = build(&[], &["Call {#call}"], &mut next);
    let gone = build(&first.entries, &[], &mut next);
    assert_eq!(retired(&gone.entries), [(0, "call")]);
    let back = build(&gone.entries, &["Ring {#call}"], &mut next);
    assert_eq!(live(&back.entries), [(0, "call")]);
    // dropping the `{#…}` of an unchanged item keeps its id
    let r = rebuild(&["Call the client {#call}"], &["Call the client"]);
    assert_eq!(r.ids, ["call"]);
}

#[test]
fn kinds_do_not_share_ids() {
    let mut claims = claims(&["Who coaches?", "Who coaches?"]);
    claims[1].kind = ItemKind::Question;
    let resolved = resolve(&[], &claims);
    assert_eq!(resolved[0].id, "who-coaches");
    assert_eq!(resolved[1].id, "who-coaches");
    let mut next = 0;
    let entries = page_entries(&[], &claims, &mut next, |_, _, _, _, _| {});
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[1].kind, "question");
}

#[test]
fn a_page_is_rendered_again_only_when_the_lock_gives_other_ids() {
    let mut next = 0;
    let first = build(&[], &["Call the client", "Delegate"], &mut next);
    let mut lock = Lock::default();
    lock.pages.insert("m/a".into(), first.entries);
    let same = claims(&["Call the client", "Delegate"]);
    assert_eq!(plan(Some(&lock), "m/a", &same), None);
    assert_eq!(plan(None, "m/a", &same), None);
    let reworded = claims(&["Call the clients", "Delegate"]);
    let plan = plan(Some(&lock), "m/a", &reworded);
    assert_eq!(plan.unwrap(), ["call-the-client", "delegate"]);
}
