use std::path::PathBuf;

use super::*;

fn page<'a>(id: &'a str, texts: &[&'a str]) -> Candidate<'a> {
    Candidate {
        id,
        things: texts.iter().map(|t| ("item", *t)).collect(),
    }
}

const DELEGATE: [&str; 5] = [
    "I chose one task to delegate this week",
    "I explained why the task matters",
    "I agreed a deadline with the seller",
    "I checked in halfway without taking over",
    "I thanked the seller in front of the team",
];

const COACH: [&str; 4] = [
    "I asked three open questions",
    "I let the seller choose the next step",
    "I kept advice out of my questions",
    "I wrote down what the seller committed to",
];

#[test]
fn a_renamed_lesson_is_paired_with_its_old_page() {
    let old = [page("m/choose", &DELEGATE)];
    let new = [page("m/choose-and-empower", &DELEGATE)];
    assert_eq!(pair(&old, &new), [(0, 0)]);
}

#[test]
fn a_lesson_moved_to_another_module_is_paired() {
    let old = [page("m1/choose", &DELEGATE), page("m1/coach", &COACH)];
    let new = [page("m2/coach", &COACH), page("m2/choose", &DELEGATE)];
    assert_eq!(pair(&old, &new), [(0, 1), (1, 0)]);
}

#[test]
fn a_renamed_and_edited_lesson_is_paired() {
    let old = [page("m/choose", &DELEGATE)];
    // reordered, two reworded (start and end), one removed, two new
    let texts = [
        "I thanked the seller in front of the whole team",
        "New: I wrote the task down",
        "I checked in halfway without taking over",
        "Today I chose one task to delegate this week",
        "I explained why the task matters",
        "New: I asked how it went",
    ];
    let new = [page("m/delegate-a-task", &texts)];
    assert_eq!(pair(&old, &new), [(0, 0)]);
}

#[test]
fn two_similar_lessons_are_not_confused() {
    // both renamed; they share two of three items
    let a = [
        "I chose a task",
        "I agreed a deadline",
        "I checked in halfway",
    ];
    let b = [
        "I chose a task",
        "I agreed a deadline",
        "I gave feedback on the result",
    ];
    let old = [page("m/a", &a), page("m/b", &b)];
    let new = [page("m/b-renamed", &b), page("m/a-renamed", &a)];
    assert_eq!(pair(&old, &new), [(0, 1), (1, 0)]);
    // only one renamed, the other removed: the removed one is not taken for it
    let new = [page("m/b-renamed", &b)];
    assert_eq!(pair(&old, &new), [(1, 0)]);
}

#[test]
fn an_unrelated_new_lesson_is_not_paired() {
    let old = [page("m/choose", &DELEGATE)];
    let new = [page("m/coaching", &COACH)];
    assert!(pair(&old, &new).is_empty());
    // sharing a minority of items is not enough
    let mixed = [COACH[0], COACH[1], DELEGATE[0], DELEGATE[1]];
    let new = [page("m/mixed", &mixed)];
    assert!(pair(&old, &new).is_empty());
}

#[test]
fn a_tie_is_not_clear_unless_the_name_or_module_tells() {
    let old = [page("m/choose", &DELEGATE)];
    let new = [page("m/copy-one", &DELEGATE), page("m/copy-two", &DELEGATE)];
    assert!(pair(&old, &new).is_empty());
    // the same file name in another module wins the tie
    let new = [
        page("m/copy-one", &DELEGATE),
        page("other/choose", &DELEGATE),
    ];
    assert_eq!(pair(&old, &new), [(0, 1)]);
}

#[test]
fn kinds_are_compared_apart() {
    let old = [Candidate {
        id: "m/quiz",
        things: vec![("question", "Who coaches?")],
    }];
    let new = [page("m/quiz-renamed", &["Who coaches?"])];
    assert!(pair(&old, &new).is_empty());
}

#[test]
fn moving_again_leads_earlier_moves_to_the_new_page() {
    let mut lock = Lock::default();
    lock.pages.insert("m/b".into(), Vec::new());
    lock.moved.insert("m/a".into(), "m/b".into());
    move_page(&mut lock, "m/b", "n/c");
    assert_eq!(lock.moved["m/a"], "n/c");
    assert_eq!(lock.moved["m/b"], "n/c");
    assert!(lock.pages.contains_key("n/c") && !lock.pages.contains_key("m/b"));
}

#[test]
fn the_line_names_both_pages_and_the_items() {
    let m = Move {
        from: "a/old".into(),
        to: "b/new".into(),
        file: PathBuf::from("content/b/new.md"),
        items: 5,
    };
    assert_eq!(
        m.describe(),
        "lectern.lock: lesson `a/old` is now `b/new`: its 5 items keep their ids"
    );
}
