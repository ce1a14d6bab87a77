//! `lectern serve` survives every kind of broken input (issue 6): inputs from the broken
//! corpus in `tests/broken/` are written into a running server's good course one after
//! another. After each the server is still up, every page shows the overlay with the error
//! (file:line:column), the last good content is still served, and fixing the input clears it.

use std::fs;
use std::net::SocketAddr;
use std::path::Path;

mod common;

use common::client::{get, serve, Events};

const LESSON: &str = "content/01-basics/02-second.md";

fn good_lesson(n: usize) -> String {
    format!("---\ntitle: Second lesson\n---\n\nGood version {n}.\n")
}

const GOOD_TABLE: &str = "title: Who does what\nkey: activity\ncolumns:\n  - { id: activity, label: Activity }\n  - { id: sellers, label: Sellers }\nrows:\n  - activity: Prospecting\n    sellers: Find new buyers.\n";

const GOOD_TEMPLATE: &str =
    "{% extends \"builtin/lesson.html\" %}\n{% block content %}\n<p>{{ page.title }}</p>\n{{ content | safe }}\n{% endblock %}\n";

const GOOD_CONFIG: &str = "title: Broken inputs\ntheme: mine\n";

/// The pages whose every answer must carry the overlay while a build is failing.
const PAGES: [&str; 5] = [
    "/",
    "/basics/",
    "/basics/first.html",
    "/basics/second.html",
    "/handouts/course.html",
];

/// One kind of broken input: how to break the course, what the error says, how to fix it.
struct Case {
    name: &'static str,
    brk: fn(&Path),
    /// Parts of the error text (escaped as in HTML) that every page must show.
    shows: &'static [&'static str],
    fix: fn(&Path),
}

fn corpus(name: &str, rel: &str) -> Vec<u8> {
    fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/broken")
            .join(name)
            .join(rel),
    )
    .unwrap()
}

fn put(root: &Path, rel: &str, bytes: &[u8]) {
    fs::write(root.join(rel), bytes).unwrap();
}

const CASES: [Case; 6] = [
    Case {
        name: "bad YAML front matter",
        brk: |r| put(r, LESSON, &corpus("front-unclosed-quote", LESSON)),
        shows: &[
            "this quoted text is never closed",
            "content/01-basics/02-second.md:2:8",
        ],
        fix: |r| put(r, LESSON, good_lesson(0).as_bytes()),
    },
    Case {
        name: "invalid UTF-8",
        // as tests/broken.rs writes it for the corpus
        brk: |r| put(r, LESSON, b"---\ntitle: Second\n---\nCaf\xe9 au lait\n"),
        shows: &[
            "this file is not valid UTF-8 text",
            "content/01-basics/02-second.md:4:4",
        ],
        fix: |r| put(r, LESSON, good_lesson(0).as_bytes()),
    },
    Case {
        name: "a table with a duplicate key",
        brk: |r| {
            put(
                r,
                "content/tables/t.yaml",
                &corpus("table-duplicate-key", "content/tables/t.yaml"),
            )
        },
        shows: &[
            "the row key `Closing` is used twice",
            "content/tables/t.yaml:11:5",
        ],
        fix: |r| put(r, "content/tables/t.yaml", GOOD_TABLE.as_bytes()),
    },
    Case {
        name: "a broken override template",
        brk: |r| {
            let rel = "themes/mine/templates/lesson.html";
            put(r, rel, &corpus("template-syntax-error", rel))
        },
        shows: &[
            "template error: Found `&lt;/` but expected }}",
            "themes/mine/templates/lesson.html:3:18",
        ],
        fix: |r| {
            put(
                r,
                "themes/mine/templates/lesson.html",
                GOOD_TEMPLATE.as_bytes(),
            )
        },
    },
    Case {
        name: "a missing course.yaml",
        brk: |r| fs::remove_file(r.join("course.yaml")).unwrap(),
        shows: &["there is no course.yaml", "--&gt; course.yaml"],
        fix: |r| put(r, "course.yaml", GOOD_CONFIG.as_bytes()),
    },
    Case {
        name: "a symlink loop",
        brk: |r| std::os::unix::fs::symlink("..", r.join("content/01-basics/loop")).unwrap(),
        shows: &["this symbolic link makes a loop", "content/01-basics/loop"],
        fix: |r| fs::remove_file(r.join("content/01-basics/loop")).unwrap(),
    },
];

fn good_course() -> (tempfile::TempDir, std::path::PathBuf) {
    common::write_course(&[
        ("course.yaml", GOOD_CONFIG),
        ("content/_index.md", "---\ntitle: Home\n---\n\nWelcome.\n"),
        (
            "content/01-basics/_index.md",
            "---\ntitle: Basics\n---\n\nOverview.\n",
        ),
        (
            "content/01-basics/01-first.md",
            "---\ntitle: First lesson\n---\n\n```table\nsrc: tables/t.yaml\n```\n",
        ),
        (LESSON, &good_lesson(0)),
        ("content/tables/t.yaml", GOOD_TABLE),
        ("themes/mine/templates/lesson.html", GOOD_TEMPLATE),
    ])
}

fn overlay_count(addr: SocketAddr, path: &str) -> (usize, String) {
    let reply = get(addr, path);
    assert_eq!(reply.status, 200, "{path} is still served");
    (
        reply.body.matches("class=\"error-overlay\"").count(),
        reply.body,
    )
}

#[test]
fn the_server_survives_every_kind_of_broken_input_and_recovers() {
    let (_dir, root) = good_course();
    let server = serve(&root);
    let addr = server.addr;
    let mut events = Events::open(addr);
    for (n, case) in CASES.iter().enumerate() {
        let good = format!("Good version {}.", n + 1);
        put(&root, LESSON, good_lesson(n + 1).as_bytes());
        events.next_event("reload");
        (case.brk)(&root);
        let data = events.next_event("error");
        for part in case.shows {
            assert!(
                data.contains(part),
                "{}: the error event lacks {part:?}:\n{data}",
                case.name
            );
        }
        for page in PAGES {
            let (overlays, body) = overlay_count(addr, page);
            assert_eq!(overlays, 1, "{}: {page} shows the overlay once", case.name);
            for part in case.shows {
                assert!(body.contains(part), "{}: {page} lacks {part:?}", case.name);
            }
        }
        let second = get(addr, "/basics/second.html").body;
        assert!(
            second.contains(&good),
            "{}: the last good content stays served",
            case.name
        );
        (case.fix)(&root);
        events.next_event("reload");
        for page in PAGES {
            let (overlays, _) = overlay_count(addr, page);
            assert_eq!(
                overlays, 0,
                "{}: fixing it clears the overlay on {page}",
                case.name
            );
        }
    }
    let table = get(addr, "/basics/first.html").body;
    assert!(
        table.contains("Find new buyers."),
        "the fixed table is served"
    );
}

/// The course of `tests/broken/mistakes-in-every-stage`, copied.
const EVERY_STAGE: &str = "mistakes-in-every-stage";

/// Good versions of that course's broken files (its second `intro` lesson is left out).
const MENDED: [(&str, &str); 4] = [
    (
        "content/01-basics/01-first.md",
        "---\ntitle: First\nweight: 1\n---\n\nText.\n",
    ),
    (
        "content/02-more/01-tabbed.md",
        "---\ntitle: Tabbed\nobjectives:\n  - Learn\n---\n\nText.\n",
    ),
    (
        "content/02-more/02-images.md",
        "---\ntitle: Images\n---\n\n## Start\n\nSee [the start](#start).\n",
    ),
    (
        "content/tables/roles.yaml",
        "title: Roles\nkey: role\ncolumns:\n  - { id: role, label: Role }\nrows:\n  - role: Seller\n",
    ),
];

#[test]
fn the_overlay_lists_every_problem_of_every_stage_as_a_build_does() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/broken")
        .join(EVERY_STAGE);
    let expected = fs::read_to_string(fixture.join("expected.txt")).unwrap();
    let (_dir, root) = common::copy_course(&fixture);
    fs::remove_file(root.join("expected.txt")).unwrap();
    let second_intro = "content/01-basics/03-intro.md";
    fs::remove_file(root.join(second_intro)).unwrap();
    for (rel, text) in MENDED {
        put(&root, rel, text.as_bytes());
    }
    let server = serve(&root);
    let addr = server.addr;
    assert_eq!(
        overlay_count(addr, "/more/images.html").0,
        0,
        "it starts good"
    );
    let mut events = Events::open(addr);
    // all eight mistakes at once, as a `git checkout` would bring them
    for rel in MENDED.iter().map(|(rel, _)| *rel).chain([second_intro]) {
        put(&root, rel, &corpus(EVERY_STAGE, rel));
    }
    let mut data = events.next_event("error");
    while !data.contains("8 problems found.") {
        data = events.next_event("error");
    }
    for page in ["/", "/basics/first.html", "/more/images.html"] {
        let (overlays, body) = overlay_count(addr, page);
        assert_eq!(overlays, 1, "{page} shows the overlay once");
        let html = scraper::Html::parse_document(&body);
        let pre = scraper::Selector::parse(".error-overlay pre").unwrap();
        let shown: String = html.select(&pre).next().unwrap().text().collect();
        assert_eq!(
            shown.trim_end(),
            expected.trim_end(),
            "{page}: as `lectern build` says"
        );
    }
}
