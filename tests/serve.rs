//! `lectern serve`: a real server on a free loopback port, a real file watcher, and a raw
//! HTTP client holding the reload event stream.

use std::fs;
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, ChildStdout, Stdio};
use std::time::{Duration, Instant};

use lectern::build::{Session, Update};
use lectern::serve::served::Served;
use lectern::{build_site, BuildOptions, Output};
use scraper::{Html, Selector};

mod common;

use common::client::{get, serve, Events, WAIT};

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
    write(dir.path(), "course.yaml", "title: Serve test\n");
    write_content(dir.path());
    dir
}

/// The lessons of [`course`], written into `root/content`.
fn write_content(root: &Path) {
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
}

/// Polls `done` until it holds; fails after [`WAIT`].
fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < WAIT, "timed out waiting until {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Polls until `path` is served with exactly `body`.
fn served_until(addr: SocketAddr, path: &str, body: &str) {
    wait_until(&format!("{path} serves {body:?}"), || {
        let reply = get(addr, path);
        reply.status == 200 && reply.body == body
    });
}

/// Edits the first lesson and waits for reload events until the page shows the edit (earlier
/// reloads, from changes made before, are passed over).
fn edit_is_reloaded(addr: SocketAddr, root: &Path) {
    let mut events = Events::open(addr);
    write(
        root,
        "content/01-basics/01-first.md",
        &lesson("First lesson", "Edited text."),
    );
    let start = Instant::now();
    loop {
        events.next_event("reload");
        if main_text(&get(addr, "/basics/first.html").body).contains("Edited text.") {
            return;
        }
        assert!(start.elapsed() < WAIT, "the edit was never served");
    }
}

/// `lectern serve --port 0` run by the real binary in `cwd`; killed when dropped.
struct Running {
    child: Child,
    addr: SocketAddr,
    /// Its standard output after the first line (taken by a test that reads it).
    stdout: Option<BufReader<ChildStdout>>,
}

impl Running {
    fn start(cwd: &Path, args: &[&str]) -> Running {
        let mut child = common::lectern()
            .arg("serve")
            .args(args)
            .args(["--port", "0"])
            .current_dir(cwd)
            .stdout(Stdio::piped())
            .spawn()
            .expect("the lectern binary runs");
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        let addr = line
            .strip_prefix("Serving the course at http://")
            .and_then(|rest| rest.split_once('/'))
            .and_then(|(addr, _)| addr.parse().ok())
            .unwrap_or_else(|| panic!("no address in the first line: {line:?}"));
        Running {
            child,
            addr,
            stdout: Some(stdout),
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
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
    edit_is_reloaded(server.addr, dir.path());
    let after = get(server.addr, page);
    assert!(
        after.body.contains("/__lectern/events"),
        "the reload script is injected"
    );
}

#[test]
fn serving_the_current_folder_follows_edits() {
    let dir = course();
    let server = Running::start(dir.path(), &[]);
    edit_is_reloaded(server.addr, dir.path());
}

#[test]
fn serving_a_relative_course_path_follows_edits() {
    let parent = tempfile::tempdir().unwrap();
    let root = parent.path().join("course");
    write(&root, "course.yaml", "title: Serve test\n");
    write_content(&root);
    let server = Running::start(parent.path(), &["course"]);
    edit_is_reloaded(server.addr, &root);
}

/// Takes content/ away and brings it back while serving (as a `git checkout` does), then
/// checks that an edit is still followed.
fn content_goes_and_comes_back(take_away: fn(&Path), bring_back: fn(&Path)) {
    let dir = course();
    let root = dir.path();
    let server = serve(root);
    let mut events = Events::open(server.addr);
    take_away(root);
    let error = events.next_event("error");
    assert!(error.contains("there is no content/ folder"), "{error}");
    bring_back(root);
    events.next_event("reload");
    edit_is_reloaded(server.addr, root);
}

#[test]
fn edits_are_followed_after_content_is_renamed_away_and_back() {
    content_goes_and_comes_back(
        |root| fs::rename(root.join("content"), root.join("content.away")).unwrap(),
        |root| fs::rename(root.join("content.away"), root.join("content")).unwrap(),
    );
}

#[test]
fn edits_are_followed_after_content_is_deleted_and_written_again() {
    content_goes_and_comes_back(
        |root| fs::remove_dir_all(root.join("content")).unwrap(),
        write_content,
    );
}

#[test]
fn a_static_folder_made_while_serving_is_served_and_followed() {
    let dir = course();
    let root = dir.path();
    let server = serve(root);
    assert_eq!(get(server.addr, "/notes.txt").status, 404);
    write(root, "static/notes.txt", "first notes");
    served_until(server.addr, "/notes.txt", "first notes");
    write(root, "static/later.txt", "added later");
    served_until(server.addr, "/later.txt", "added later");
}

#[test]
fn a_themes_folder_made_while_serving_is_followed() {
    let dir = course();
    let root = dir.path();
    write(root, "course.yaml", "title: Serve test\ntheme: default\n");
    let server = serve(root);
    let css = "themes/default/static/extra.css";
    write(root, css, "p { color: red }");
    served_until(server.addr, "/assets/extra.css", "p { color: red }");
    write(root, css, "p { color: blue }");
    served_until(server.addr, "/assets/extra.css", "p { color: blue }");
}

/// Folders below watched ones, made while serving, each with a file written at once (before
/// any watch on the new folder can be set): a module, a theme with its templates and static
/// files. Each file is served, then its later edits.
#[test]
fn folders_made_below_watched_ones_while_serving_are_followed() {
    let dir = course();
    let root = dir.path();
    fs::create_dir(root.join("themes")).unwrap();
    let server = serve(root);
    let addr = server.addr;
    let module = "content/02-later/01-new.md";
    write(root, module, &lesson("New lesson", "First words."));
    wait_until("the new module's lesson is served", || {
        main_text(&get(addr, "/later/new.html").body).contains("First words.")
    });
    write(root, module, &lesson("New lesson", "Second words."));
    wait_until("its edit is served", || {
        main_text(&get(addr, "/later/new.html").body).contains("Second words.")
    });
    write(root, "themes/mine/static/theme.css", "p { color: red }");
    write(root, "themes/mine/templates/lesson.html", &template("one"));
    write(root, "course.yaml", "title: Serve test\ntheme: mine\n");
    served_until(addr, "/assets/theme.css", "p { color: red }");
    wait_until("the new template is used", || {
        get(addr, "/later/new.html")
            .body
            .contains("<p>Template one</p>")
    });
    write(root, "themes/mine/static/theme.css", "p { color: blue }");
    served_until(addr, "/assets/theme.css", "p { color: blue }");
    write(root, "themes/mine/templates/lesson.html", &template("two"));
    wait_until("the template's edit is used", || {
        get(addr, "/later/new.html")
            .body
            .contains("<p>Template two</p>")
    });
}

/// A lesson template override that says which version it is.
fn template(version: &str) -> String {
    format!("{{% extends \"builtin/lesson.html\" %}}\n{{% block content %}}\n<p>Template {version}</p>\n{{{{ content | safe }}}}\n{{% endblock %}}\n")
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
    wait_until("the handout and search index catch up", || {
        let handout = get(server.addr, "/handouts/course.html").body;
        let search = get(server.addr, "/assets/search/docs-0.js").body;
        handout.contains("Quetzalcoatl") && search.contains("Quetzalcoatl")
    });
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
fn the_terminal_says_when_a_broken_course_builds_again() {
    let dir = course();
    let mut server = Running::start(dir.path(), &[]);
    let mut events = Events::open(server.addr);
    let file = "content/01-basics/02-second.md";
    write(dir.path(), file, "---\ntitle: [\n---\n");
    events.next_event("error");
    write(dir.path(), file, &lesson("Second lesson", "Fixed text."));
    events.next_event("reload");
    let mut stdout = server.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = stdout.read_line(&mut line);
        let _ = tx.send(line);
    });
    let line = rx.recv_timeout(WAIT).expect("a line on standard output");
    assert_eq!(
        line,
        "Fixed: the course builds again, the pages show it now.\n"
    );
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
    wait_until("the last save is served", || {
        let reply = get(server.addr, "/basics/first.html");
        assert_eq!(reply.status, 200);
        main_text(&reply.body).contains("Save number 199.")
    });
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

/// The build options for the course at `root`, and a session that has built it once, served.
fn started(root: &Path) -> (BuildOptions, Session, Served) {
    let options = BuildOptions {
        root: root.to_path_buf(),
        drafts: false,
    };
    let mut inc = Session::new(options.clone());
    let mut served = Served::default();
    served.apply(inc.rebuild(&[]).unwrap());
    (options, inc, served)
}

/// The files an edit step touched.
type Edited = Vec<std::path::PathBuf>;

#[test]
fn incremental_rebuilds_equal_full_builds() {
    let dir = course();
    let root = dir.path();
    let (options, mut inc, mut served) = started(root);
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
            // a new item: the course's data and every page's address of it change
            Box::new(|| {
                write(
                    root,
                    "content/01-basics/02-second.md",
                    &lesson(
                        "Second lesson",
                        "Link to [first](01-first.md#a-heading).\n\n- [ ] Done it",
                    ),
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
    let (mut partial, mut stale) = (0, 0);
    for (edit, changed) in steps {
        edit();
        let update = inc.rebuild(&changed).unwrap();
        partial += usize::from(matches!(update, Update::Pages(_)));
        let some_pages = matches!(
            update,
            Update::Full {
                rest_stale: true,
                ..
            }
        );
        stale += usize::from(some_pages);
        // after the first build, the whole-course files always come after the pages
        assert!(update.aggregates_pending());
        served.apply(update);
        let full = build_site(&options).unwrap();
        assert!(
            served.site != full.site,
            "before its aggregates a rebuild differs (handouts, search)"
        );
        if some_pages {
            // the edited page and its module's are made first
            for page in [
                "basics/first.html",
                "basics/second.html",
                "basics/index.html",
            ] {
                assert!(full.site.text(page).is_some(), "{page}");
                assert_eq!(served.site.text(page), full.site.text(page), "{page}");
            }
        }
        let job = inc.aggregates().unwrap();
        if let Some(pages) = job.pages() {
            served.set_pages(pages.unwrap());
        }
        served.set_aggregates(job.render().unwrap());
        job.served();
        same_site(&served.site, &full.site);
    }
    assert_eq!(partial, 3, "the three body edits re-render one page each");
    assert_eq!(
        inc.last_reuse().1,
        0,
        "a new course title renders no Markdown again"
    );
    assert_eq!(stale, 1, "a new title makes its module's pages first");
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

const ROLES: &str = "title: Roles\nkey: activity\ncolumns:\n  - { id: activity, label: Activity }\n  - { id: owner, label: Owner }\nrows:\n  - activity: Prospecting\n    owner: Seller\n  - activity: Coaching\n    owner: Manager\n";

#[test]
fn a_table_edit_remakes_the_pages_that_name_it_and_equals_a_full_build() {
    let dir = course();
    let root = dir.path();
    write(root, "content/tables/roles.yaml", ROLES);
    let table = "```table\nsrc: tables/roles.yaml\n```";
    let checklist = "```checklist\nfrom: ./tables/roles.yaml\ncolumn: owner\n```";
    write(
        root,
        "content/01-basics/01-first.md",
        &lesson("First lesson", table),
    );
    write(
        root,
        "content/01-basics/02-second.md",
        &lesson("Second", checklist),
    );
    let (options, mut inc, mut served) = started(root);
    let roles = root.join("content/tables/roles.yaml");
    // a changed cell and a new row: the two pages that name the table, and no other
    let edited = ROLES.replace("owner: Seller", "owner: Seller and partner")
        + "  - activity: Forecasting\n    owner: Both\n";
    write(root, "content/tables/roles.yaml", &edited);
    let update = inc.rebuild(std::slice::from_ref(&roles)).unwrap();
    let Update::Pages(pages) = &update else {
        panic!("a table edit re-renders the pages that name it alone");
    };
    let mut made: Vec<&str> = pages.iter().map(|(path, _)| path.as_str()).collect();
    made.sort();
    assert_eq!(made, ["basics/first.html", "basics/second.html"]);
    assert_eq!(inc.last_reuse().1, 2);
    served.apply(update);
    let full = build_site(&options).unwrap();
    for page in ["basics/first.html", "basics/second.html"] {
        let main = |site: &lectern::Site| main_text(site.text(page).unwrap());
        assert_eq!(main(&served.site), main(&full.site), "{page}");
    }
    assert!(main_text(served.site.text("basics/second.html").unwrap()).contains("Both"));
    // a new checklist item: the course's data is new, and every page names its new version
    let job = inc.aggregates().unwrap();
    served.set_pages(job.pages().expect("every page, again").unwrap());
    served.set_aggregates(job.render().unwrap());
    job.served();
    same_site(&served.site, &full.site);
    // a table with a problem takes the full path, which reports it; fixed, it builds again
    write(root, "content/tables/roles.yaml", "title: [unclosed\n");
    assert!(inc.rebuild(std::slice::from_ref(&roles)).is_err());
    write(root, "content/tables/roles.yaml", ROLES);
    served.apply(inc.rebuild(std::slice::from_ref(&roles)).unwrap());
    // a course theme that reads `tables` in a template may show a table on any page
    write(root, "course.yaml", "title: Serve test\ntheme: own\n");
    let footer = "{% extends \"builtin/base.html\" %}{% block footer %}{{ tables | length }}{% endblock footer %}";
    write(root, "themes/own/templates/base.html", footer);
    served.apply(inc.rebuild(&[root.join("course.yaml")]).unwrap());
    write(root, "content/tables/roles.yaml", &edited);
    let update = inc.rebuild(std::slice::from_ref(&roles)).unwrap();
    assert!(matches!(update, Update::Full { .. }));
}

/// Applies a rebuild as the dev server does, then what it makes after the reload event:
/// the whole-course files, and every page when a theme file changed.
fn apply_with_background(inc: &Session, served: &mut Served, update: Update) {
    let pending = update.aggregates_pending();
    served.apply(update);
    if pending {
        let job = inc.aggregates().unwrap();
        if let Some(pages) = job.pages() {
            served.set_pages(pages.unwrap());
        }
        served.set_aggregates(job.render().unwrap());
        job.served();
    }
}

#[test]
fn a_template_edit_reads_the_templates_again_and_equals_a_full_build() {
    let dir = course();
    let root = dir.path();
    write(root, "course.yaml", "title: Serve test\ntheme: t\n");
    let lesson_html = |mark: &str| {
        format!("{{% extends \"builtin/lesson.html\" %}}{{% block footer %}}{mark}{{% endblock footer %}}")
    };
    write(root, "themes/t/templates/lesson.html", &lesson_html("one"));
    let (options, mut inc, mut served) = started(root);
    let template = root.join("themes/t/templates/lesson.html");
    write(root, "themes/t/templates/lesson.html", &lesson_html("two"));
    let update = inc.rebuild(std::slice::from_ref(&template)).unwrap();
    assert!(matches!(update, Update::Full { .. }));
    assert_eq!(inc.last_reuse().1, 0, "a template edit renders no Markdown");
    apply_with_background(&inc, &mut served, update);
    let full = build_site(&options).unwrap();
    assert!(full.site.text("basics/first.html").unwrap().contains("two"));
    same_site(&served.site, &full.site);
    // a template that does not compile is reported; fixed, the site follows
    write(root, "themes/t/templates/lesson.html", "{% block footer %}");
    assert!(inc.rebuild(std::slice::from_ref(&template)).is_err());
    write(
        root,
        "themes/t/templates/lesson.html",
        &lesson_html("three"),
    );
    let update = inc.rebuild(std::slice::from_ref(&template)).unwrap();
    apply_with_background(&inc, &mut served, update);
    same_site(&served.site, &build_site(&options).unwrap().site);
}

#[test]
fn static_and_theme_files_are_put_in_alone_and_equal_full_builds() {
    let dir = course();
    let root = dir.path();
    write(root, "course.yaml", "title: Serve test\ntheme: t\n");
    write(root, "themes/t/static/theme.css", "body { color: red }\n");
    // a sidebar that names a theme file's version too
    let sidebar = "{% include \"builtin/sidebar.html\" %}<!-- {{ asset_v[\"theme.css\"] }} -->";
    write(root, "themes/t/templates/sidebar.html", sidebar);
    write(root, "static/notes.txt", "Notes.\n");
    let (options, mut inc, mut served) = started(root);
    let first = "content/01-basics/01-first.md";
    // (file, text, whether the pages are made again)
    let steps = [
        ("static/notes.txt", "Changed notes.\n", Some(false)),
        ("static/sub/new.txt", "A new file.\n", Some(false)),
        (
            "themes/t/static/theme.css",
            "body { color: blue }\n",
            Some(true),
        ),
        (
            "themes/t/static/extra.js",
            "// a new theme file\n",
            Some(true),
        ),
        ("static/sub/new.txt", "Changed again.\n", Some(false)),
        // a body edit while the pages are still to be made again after a theme change
        (
            "themes/t/static/theme.css",
            "body { color: green }\n",
            Some(true),
        ),
        (
            first,
            &lesson("First lesson", "[Notes](/static/sub/new.txt)."),
            None,
        ),
        (
            "themes/t/static/lectern.css",
            "/* replaces the built-in one */\n",
            Some(true),
        ),
    ];
    let mut skip_background = true;
    for (file, text, pages_stale) in steps {
        write(root, file, text);
        let update = inc.rebuild(&[root.join(file)]).unwrap();
        match (&update, pages_stale) {
            (Update::Files { files, pages_stale }, Some(stale)) => {
                assert_eq!(*pages_stale, stale, "{file}");
                assert_eq!(files.len(), 1, "{file} alone is put in");
            }
            (Update::Pages(pages), None) => assert_eq!(pages.len(), 1),
            _ => panic!("{file}: not the rebuild expected"),
        }
        if skip_background && pages_stale == Some(true) {
            // the next rebuild comes before the pages are made again
            skip_background = false;
            served.apply(update);
            let full = build_site(&options).unwrap();
            let page = "basics/first.html";
            assert_ne!(
                served.site.text(page),
                full.site.text(page),
                "the old ?v= until then"
            );
            continue;
        }
        apply_with_background(&inc, &mut served, update);
        let full = build_site(&options).unwrap();
        same_site(&served.site, &full.site);
    }
    assert!(
        inc.aggregates().unwrap().pages().is_none(),
        "once served, the pages are not made again"
    );
}

#[test]
fn a_theme_stylesheet_is_swapped_at_once_and_the_pages_follow() {
    let dir = course();
    let root = dir.path();
    write(root, "course.yaml", "title: Serve test\ntheme: t\n");
    write(root, "themes/t/static/theme.css", "p { color: red }");
    let server = serve(root);
    let mut events = Events::open(server.addr);
    write(root, "static/added.txt", "added");
    events.next_event("reload");
    assert_eq!(get(server.addr, "/added.txt").body, "added");
    write(root, "themes/t/static/theme.css", "p { color: blue }");
    events.next_event("css");
    assert_eq!(
        get(server.addr, "/assets/theme.css").body,
        "p { color: blue }"
    );
    // then the pages, which name the stylesheet's new version
    events.next_event("reload");
    let full = build_site(&BuildOptions {
        root: root.to_path_buf(),
        drafts: false,
    })
    .unwrap();
    for path in ["basics/first.html", "index.html", "progress.html"] {
        let built = lectern::serve::reload::inject(full.site.text(path).unwrap(), None);
        wait_until(path, || get(server.addr, &format!("/{path}")).body == built);
    }
}
