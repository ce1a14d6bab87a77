//! Progress codes: the home page's encoder (`themes/default/static/progress-code.js`), run in
//! Node by `tests/browser/progress_code.mjs` (no browser), against what
//! `lectern::record::code` computes. For courses of every size up to past SCORM 1.2's budget,
//! the code of the worst state is exactly the worst case the build reports; random states
//! round-trip; the checksum catches any changed character; and the sample course's figures
//! meet their targets.

use std::path::Path;
use std::process::Command;

use lectern::record::code::{
    check_budget, worst_case, worst_state, Tracked, SCORM_12_SUSPEND_DATA,
};
use serde_json::json;

mod common;

/// A course of `n` live things: every seventh index retired, every tenth thing a question.
fn course_of(n: usize) -> Tracked {
    let mut tracked = Tracked::default();
    let mut live = 0;
    for index in 0.. {
        if live == n {
            break;
        }
        if index % 7 == 6 {
            continue;
        }
        live += 1;
        match live % 10 {
            0 => tracked.exercises.push(index),
            _ => tracked.items.push(index),
        }
    }
    tracked
}

#[test]
fn the_encoder_meets_the_worst_case_of_every_size_and_round_trips() {
    common::require_tool("node");
    let mut cases = Vec::new();
    let mut over = 0;
    for n in 0.. {
        let tracked = course_of(n);
        let worst = worst_case("c", &tracked, false);
        assert_eq!(
            check_budget("C", worst, SCORM_12_SUSPEND_DATA).is_ok(),
            worst <= SCORM_12_SUSPEND_DATA
        );
        cases.push(json!({
            "items": tracked.items,
            "exercises": tracked.exercises,
            "worst": worst,
            "worst_with_name": worst_case("c", &tracked, true),
            "state": worst_state(&tracked),
        }));
        over += usize::from(worst > SCORM_12_SUSPEND_DATA);
        if over == 20 {
            break;
        }
    }
    let first_over = cases
        .iter()
        .position(|c| c["worst"].as_u64().unwrap() > 4096)
        .unwrap();
    // the worst case grows with the course: every size up to the budget fits, none after
    assert!(cases[first_over..]
        .iter()
        .all(|c| c["worst"].as_u64().unwrap() > 4096));
    println!("the worst case passes SCORM 1.2's 4,096 characters at {first_over} items");
    assert!(first_over > 900, "{first_over}");

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cases.json");
    std::fs::write(&file, serde_json::to_string(&cases).unwrap()).unwrap();
    let site = dir.path().join("site");
    common::build_to_dir(Path::new(env!("CARGO_MANIFEST_DIR")), &site);
    let out = Command::new("node")
        .arg("tests/browser/progress_code.mjs")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("CASES", &file)
        .env("SITE_DIR", &site)
        .output()
        .expect("run node");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    println!("{text}");
    assert!(
        out.status.success(),
        "tests/browser/progress_code.mjs failed:\n{text}"
    );
}
