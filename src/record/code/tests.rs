use super::*;

#[test]
fn the_budget_error_names_the_course_the_figures_and_the_fix() {
    assert_eq!(check_budget("Sales", 4096, SCORM_12_SUSPEND_DATA), Ok(()));
    let error = check_budget("Sales", 5210, SCORM_12_SUSPEND_DATA).unwrap_err();
    assert_eq!(error.file, std::path::PathBuf::from("course.yaml"));
    assert_eq!(
        error.message,
        "course \"Sales\": its progress code can reach 5,210 characters, more than the 4,096 that SCORM 1.2 keeps (suspend_data)"
    );
    assert_eq!(
        error.help.as_deref(),
        Some("a learner's progress in it might not be kept by the LMS: split the course into several courses, or track fewer items (each checklist item, quiz question and sort takes room)")
    );
}

#[test]
fn the_spread_of_days_stays_in_the_window_and_costs_the_most() {
    let cost = |gaps: &[u32]| {
        gaps.iter()
            .map(|&d| exp_golomb(u64::from(d) - 1))
            .sum::<usize>()
    };
    for n in [0, 1, 2, 3, 7, 100, 1000, 2047, 2048, 4094, 4095] {
        let gaps = spread(n);
        assert_eq!(gaps.len(), n);
        assert!(gaps.iter().all(|&d| d >= 1));
        assert!(gaps.iter().sum::<u32>() < WINDOW, "{n}");
    }
    // one gap: 2048 costs what 4095 does; two: 2048 + 1024 (both 2048 would leave the window)
    assert_eq!(spread(1), vec![2048]);
    assert_eq!(spread(2), vec![2048, 1024]);
    assert_eq!(cost(&spread(2)), 23 + 21);
    assert!(cost(&spread(2)) > cost(&[1, 4094]));
    // at most one doubling apart, so no pair of gaps could trade for more bits
    let gaps = spread(1000);
    assert!(gaps.iter().max().unwrap() / gaps.iter().min().unwrap() <= 2);
}

#[test]
fn numbers_widths_and_thousands() {
    assert_eq!(
        [0, 1, 2, 3, 6, 7].map(exp_golomb),
        [1, 3, 3, 5, 5, 7],
        "x + 1 = 1, 10, 11, 100, 111, 1000 after 0, 1, 1, 2, 2, 3 zeros"
    );
    assert_eq!(exp_golomb(MAX_VALUE.into()), 47);
    assert_eq!(
        [0, 1, 2, 3, 4, 5, 4096, 4097].map(width),
        [0, 0, 1, 2, 2, 3, 12, 13]
    );
    assert_eq!(
        [0, 999, 1000, 4096, 1234567].map(thousands),
        ["0", "999", "1,000", "4,096", "1,234,567"]
    );
}

#[test]
fn the_worst_case_grows_with_the_course_and_the_name() {
    let tracked = |n: u32| Tracked {
        items: (0..n).collect(),
        exercises: vec![],
    };
    let empty = worst_case("c", &tracked(0), false);
    // "L2." and 4 bytes: the id's length and its byte, an empty name, no days, two empty lists
    // (1 + 8 + 1 + 1 + 1 + 1 = 13 bits: 2 bytes) and the CRC
    assert_eq!(empty, 3 + 8);
    let sizes: Vec<usize> = (0..50)
        .map(|n| worst_case("c", &tracked(n), false))
        .collect();
    assert!(sizes.windows(2).all(|w| w[0] <= w[1]));
    assert!(worst_case("c", &tracked(10), true) > worst_case("c", &tracked(10), false) + 800);
    let with_exercise = Tracked {
        items: (0..10).collect(),
        exercises: vec![10],
    };
    assert!(worst_case("c", &with_exercise, false) > worst_case("c", &tracked(11), false) + 5);
}

#[test]
fn the_worst_state_uses_every_day_and_never_the_one_before() {
    let tracked = Tracked {
        items: vec![0, 1, 2, 5],
        exercises: vec![3],
    };
    let state = worst_state(&tracked);
    let items = state["items"].as_object().unwrap();
    let days: Vec<u64> = items.values().map(|e| e["d"].as_u64().unwrap()).collect();
    assert_eq!(days.len(), 4);
    assert!(days.windows(2).all(|w| w[0] != w[1]));
    assert_ne!(
        days[0],
        u64::from(MAX_VALUE),
        "the first differs from the latest day"
    );
    let quiz = &state["exercises"]["3"];
    assert_eq!(quiz["t"], MAX_ATTEMPTS);
    assert_eq!(
        quiz["r"], MAX_VALUE,
        "six days in all: the last one wraps to the latest"
    );
}
