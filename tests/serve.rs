//! `lectern serve`: a real server on a free loopback port, a real file watcher, and a raw
//! HTTP client holding the reload event stream.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use lectern::build::{Session, Update};
use lectern::serve::served::Served;
use lectern::serve::{start, ServeOptions, Server};
use lectern::{build_site, BuildOptions, Output};
use scraper::{Html, Selector};

mod common;

use common::client::{get, Events, WAIT};

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn lesson(title: &str, body: &str) -> String {
    format!("---\ntitle: {title}\n---\n\n{body}\n")
}

fn course() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "course.yaml", "title: Serve test\n");
    write(root, "content/_index.md", &lesson("Home", "Welcome."));
    write(
        root,
        "content/01-basics/_index.md",
        &lesson("Basics", "Overview."),
    );
    write(
        root,
        "content/01-basics/01-first.md",
        &lesson(
            "First lesson",
            "Original text.\n\nSee [the second](02-second.md).",
        ),
    );
    write(
        root,
        "content/01-basics/02-second.md",
        &lesson("Second lesson", "More text."),
    );
    write(root, "content/01-basics/team.txt", "a copied file");
    dir
}

fn serve(root: &Path) -> Server {
    start(ServeOptions {
        build: BuildOptions {
            root: root.to_path_buf(),
            drafts: false,
        },
        bind: "127.0.0.1".parse().unwrap(),
        port: 0,
        verbose: false,
    })
    .unwrap()
}

fn sidebar_titles(html: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let sel = Selector::parse(".nav-lessons a").unwrap();
    doc.select(&sel).map(|a| a.text().collect()).collect()
}

fn main_text(html: &str) -> String {
    let doc = Html::parse_document(html);
    let sel = Selector::parse("main").unwrap();
    doc.select(&sel)
        .map(|m| m.text().collect::<String>())
        .collect()
}

#[test]
fn an_edit_sends_reload_and_the_new_content_is_served() {
    let dir = course();
    let server = serve(dir.path());
    let page = "/basics/first.html";
    let first = get(server.addr, page);
    assert_eq!(first.status, 200);
    assert!(first
        .head
        .contains("content-type: text/html; charset=utf-8"));
    assert!(main_text(&first.body).contains("Original text."));
    let mut events = Events::open(server.addr);
    write(
        dir.path(),
        "content/01-basics/01-first.md",
        &lesson("First lesson", "Edited text."),
    );
    events.next_event("reload");
    let after = get(server.addr, page);
    assert!(main_text(&after.body).contains("Edited text."));
    assert!(
        after.body.contains("/__lectern/events"),
        "the reload script is injected"
    );
}

#[test]
fn the_whole_course_files_follow_an_edit_after_the_reload() {
    let dir = course();
    let root = dir.path();
    let server = serve(root);
    let mut events = Events::open(server.addr);
    write(
        root,
        "content/01-basics/02-second.md",
        &lesson("Second lesson", "Quetzalcoatl appears in the handout."),
    );
    events.next_event("reload");
    let start = Instant::now();
    loop {
        let handout = get(server.addr, "/handouts/course.html").body;
        let search = get(server.addr, "/assets/search/docs-0.js").body;
        if handout.contains("Quetzalcoatl") && search.contains("Quetzalcoatl") {
            break;
        }
        assert!(
            start.elapsed() < WAIT,
            "the handout and search index never caught up"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let full = build_site(&BuildOptions {
        root: root.to_path_buf(),
        drafts: false,
    })
    .unwrap();
    for path in [
        "handouts/course.html",
        "assets/course-data.js",
        "assets/search/docs-0.js",
    ] {
        let served = get(server.addr, &format!("/{path}")).body;
        let built = full.site.text(path).unwrap();
        let injected = lectern::serve::reload::inject(built, None);
        let expected = if path.ends_with(".html") {
            &injected
        } else {
            built
        };
        assert_eq!(&served, expected, "{path} is what a full build makes");
    }
}

#[test]
fn the_sidebar_follows_created_renamed_and_deleted_lessons() {
    let dir = course();
    let server = serve(dir.path());
    let mut events = Events::open(server.addr);
    let root = dir.path();
    write(
        root,
        "content/01-basics/03-third.md",
        &lesson("Third lesson", "New."),
    );
    events.next_event("reload");
    let bar = sidebar_titles(&get(server.addr, "/basics/first.html").body);
    assert_eq!(bar, ["First lesson", "Second lesson", "Third lesson"]);
    assert_eq!(get(server.addr, "/basics/third.html").status, 200);

    fs::rename(
        root.join("content/01-basics/03-third.md"),
        root.join("content/01-basics/00-zeroth.md"),
    )
    .unwrap();
    events.next_event("reload");
    let bar = sidebar_titles(&get(server.addr, "/basics/first.html").body);
    assert_eq!(bar, ["Third lesson", "First lesson", "Second lesson"]);
    assert_eq!(get(server.addr, "/basics/third.html").status, 404);
    assert_eq!(get(server.addr, "/basics/zeroth.html").status, 200);

    fs::remove_file(root.join("content/01-basics/00-zeroth.md")).unwrap();
    events.next_event("reload");
    let bar = sidebar_titles(&get(server.addr, "/basics/first.html").body);
    assert_eq!(bar, ["First lesson", "Second lesson"]);
}

#[test]
fn broken_front_matter_shows_an_overlay_until_it_is_fixed() {
    let dir = course();
    let server = serve(dir.path());
    let mut events = Events::open(server.addr);
    let file = "content/01-basics/02-second.md";
    write(
        dir.path(),
        file,
        "---\ntitle: Second lesson\ntilte: oops\n---\n\nMore text.\n",
    );
    let overlay = events.next_event("error");
    assert!(overlay.contains("class=\"error-overlay\""), "{overlay}");
    assert!(
        overlay.contains("content/01-basics/02-second.md:3:"),
        "{overlay}"
    );
    assert!(
        overlay.contains("tilte: oops"),
        "the offending line is shown: {overlay}"
    );
    // Every page shows it, and the last good build is still served underneath.
    for page in ["/index.html", "/basics/first.html", "/basics/second.html"] {
        let reply = get(server.addr, page);
        assert_eq!(reply.status, 200);
        let doc = Html::parse_document(&reply.body);
        let sel = Selector::parse(".error-overlay pre").unwrap();
        let text: String = doc.select(&sel).flat_map(|e| e.text()).collect();
        assert!(
            text.contains("content/01-basics/02-second.md:3:"),
            "{page}: {text}"
        );
    }
    assert!(main_text(&get(server.addr, "/basics/second.html").body).contains("More text."));

    write(dir.path(), file, &lesson("Second lesson", "Fixed text."));
    events.next_event("reload");
    let reply = get(server.addr, "/basics/second.html");
    assert!(!reply.body.contains("class=\"error-overlay\""));
    assert!(main_text(&reply.body).contains("Fixed text."));
}

#[test]
fn two_hundred_rapid_saves_leave_the_final_content_served() {
    let dir = course();
    let server = serve(dir.path());
    for i in 0..200 {
        write(
            dir.path(),
            "content/01-basics/01-first.md",
            &lesson("First lesson", &format!("Save number {i}.")),
        );
    }
    let start = Instant::now();
    loop {
        let reply = get(server.addr, "/basics/first.html");
        assert_eq!(reply.status, 200);
        if main_text(&reply.body).contains("Save number 199.") {
            break;
        }
        assert!(start.elapsed() < WAIT, "the last save was never served");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn only_files_of_the_site_are_served() {
    let dir = course();
    let server = serve(dir.path());
    for path in [
        "/../course.yaml",
        "/%2e%2e/course.yaml",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/basics/..%2f..%2fcourse.yaml",
        "/basics%5c..%5c..%5ccourse.yaml",
        "/..\\course.yaml",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
        "/content/01-basics/01-first.md",
        "/course.yaml",
        "/assets/",
    ] {
        let reply = get(server.addr, path);
        assert_eq!(reply.status, 404, "{path}");
        assert!(!reply.body.contains("title: Serve test"), "{path}");
    }
    let copied = get(server.addr, "/basics/team.txt");
    assert_eq!(
        (copied.status, copied.body.as_str()),
        (200, "a copied file")
    );
    assert!(copied
        .head
        .contains("content-type: text/plain; charset=utf-8"));
    let js = get(server.addr, "/assets/lectern.js");
    assert!(js
        .head
        .contains("content-type: text/javascript; charset=utf-8"));
    assert!(
        get(server.addr, "/basics/").body.contains("Overview."),
        "a folder serves its index.html"
    );
}

fn same_site(a: &lectern::Site, b: &lectern::Site) {
    let text = |o: &Output| match o {
        Output::Text(s) => s.as_bytes().to_vec(),
        Output::Bytes(b) => b.to_vec(),
        Output::Copy(p) => p.to_string_lossy().as_bytes().to_vec(),
    };
    let keys = |s: &lectern::Site| s.files.keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(a), keys(b));
    for (path, out) in &a.files {
        assert!(
            text(out) == text(&b.files[path]),
            "{path} differs from a full build"
        );
    }
}

/// The files an edit step touched.
type Edited = Vec<std::path::PathBuf>;

#[test]
fn incremental_rebuilds_equal_full_builds() {
    let dir = course();
    let root = dir.path();
    let options = BuildOptions {
        root: root.to_path_buf(),
        drafts: false,
    };
    let mut inc = Session::new(options.clone());
    let mut served = Served::default();
    served.apply(inc.rebuild(&[]).unwrap());
    let first = root.join("content/01-basics/01-first.md");
    let steps: Vec<(Box<dyn Fn()>, Edited)> = vec![
        (
            Box::new(|| {
                write(
                    root,
                    "content/01-basics/01-first.md",
                    &lesson("First lesson", "Body edit.\n\n## A heading"),
                )
            }),
            vec![first.clone()],
        ),
        (
            Box::new(|| {
                write(
                    root,
                    "content/01-basics/01-first.md",
                    &lesson("Renamed first", "Title edit.\n\n## A heading"),
                )
            }),
            vec![first.clone()],
        ),
        (
            Box::new(|| {
                write(
                    root,
                    "content/01-basics/02-second.md",
                    &lesson("Second lesson", "Link to [first](01-first.md#a-heading)."),
                )
            }),
            vec![root.join("content/01-basics/02-second.md")],
        ),
        (
            Box::new(|| write(root, "content/02-more/01-x.md", &lesson("X", "New module."))),
            vec![root.join("content/02-more/01-x.md")],
        ),
        (
            Box::new(|| write(root, "course.yaml", "title: Renamed course\n")),
            vec![root.join("course.yaml")],
        ),
    ];
    let mut partial = 0;
    for (edit, changed) in steps {
        edit();
        let update = inc.rebuild(&changed).unwrap();
        if matches!(update, Update::Pages(_)) {
            partial += 1;
            served.apply(update);
            let full = build_site(&options).unwrap();
            assert!(
                served.site != full.site,
                "before its aggregates a partial rebuild differs (handouts, search)"
            );
            served.set_aggregates(inc.aggregates().unwrap().render().unwrap());
        } else {
            served.apply(update);
        }
        let full = build_site(&options).unwrap();
        same_site(&served.site, &full.site);
    }
    assert_eq!(partial, 2, "the two body edits re-render one page each");
    let (hits, _) = inc.last_reuse();
    write(
        root,
        "content/01-basics/02-second.md",
        &lesson("Second lesson", "Only this page changes."),
    );
    inc.rebuild(&[root.join("content/01-basics/02-second.md")])
        .unwrap();
    let (reused, rendered) = inc.last_reuse();
    assert_eq!(rendered, 1, "a body edit re-renders one page");
    assert!(reused > hits.min(1));
}
