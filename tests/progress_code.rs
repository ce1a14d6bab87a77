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

/// `lectern check` says how long a course's progress code can get, and warns (naming the
/// course and the figures) when SCORM 1.2's `suspend_data` could not keep it.
#[test]
fn check_reports_the_longest_code_and_warns_over_the_scorm_budget() {
    let lesson = |n: usize| {
        let items: Vec<String> = (0..n).map(|i| format!("- [ ] Task number {i}\n")).collect();
        format!("---\ntitle: A\n---\n\n{}", items.concat())
    };
    for (n, stdout_line, warned) in [
        (10, "Progress codes: up to 62 characters (865 with the longest name), from every item done on days far apart.", false),
        (1700, "Progress codes: up to 4,397 characters (5,199 with the longest name), from every item done on days far apart.", true),
    ] {
        let text = lesson(n);
        let (_tmp, root) = common::write_course(&[
            ("content/01-m/_index.md", "---\ntitle: M\n---\n"),
            ("content/01-m/01-a.md", &text),
        ]);
        let output = common::run(&["check", root.to_str().unwrap()]);
        let (stdout, stderr) = common::outputs(&output);
        assert_eq!(output.status.code(), Some(0), "{stderr}");
        assert_eq!(stdout.lines().last(), Some(stdout_line), "{stdout}");
        let warning = "warning: course \"Test\": its progress code can reach 4,397 characters, more than the 4,096 that SCORM 1.2 keeps (suspend_data)";
        assert_eq!(stderr.contains(warning), warned, "{stderr}");
        assert_eq!(stderr.contains("split the course into several courses"), warned);
    }
}
