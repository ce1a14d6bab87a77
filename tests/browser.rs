//! Browser tests: build courses with the real `lectern` binary into temporary folders, serve
//! them over http from a small static file server on 127.0.0.1 (and as file:// URLs), and run
//! the Node scripts in `tests/browser/` against them in headless Chromium (playwright-core).
//!
//! Needs `/usr/bin/chromium` (Debian `chromium`; `CHROMIUM` overrides the path), Node.js and
//! the npm packages playwright-core and axe-core (`bash scripts/test.sh` installs them all).
//! When any is missing these tests fail, they never skip. Each script launches the browser once and runs many checks; its output is printed.

use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

mod common;

const BIN: &str = env!("CARGO_BIN_EXE_lectern");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// One browser at a time: the machines running these tests are small.
static BROWSER: Mutex<()> = Mutex::new(());

fn chromium() -> PathBuf {
    std::env::var_os("CHROMIUM").map_or_else(|| common::require_tool("chromium"), PathBuf::from)
}

/// Fails (never skips) with what to install when the browser, Node.js or the npm packages are
/// missing.
fn require_tools() {
    let browser = chromium();
    assert!(
        browser.is_file(),
        "no Chromium at {}: run `bash scripts/test.sh`",
        browser.display()
    );
    common::require_tool("node");
    common::require_tool("node_modules/playwright-core");
    common::require_tool("node_modules/axe-core");
}

/// Builds `course` into `out` with the real binary; panics with its output on failure.
fn build(course: &Path, out: &Path) {
    common::build_to_dir(course, out);
    assert!(
        out.join("assets/lectern.css").is_file() && out.join("assets/lectern.js").is_file(),
        "the built site has no assets/lectern.css or assets/lectern.js: is {BIN} stale?"
    );
}

/// How the test server lets browsers cache what it serves.
#[derive(Clone, Copy)]
enum Caching {
    /// Nothing is kept (`no-store`).
    Never,
    /// As a host would serve a Lectern site: `assets/` kept for a year (their URLs carry their
    /// hash), pages asked for again each time (`no-cache`).
    Assets,
}

/// Serves `root` on a free port of 127.0.0.1 for the rest of the test process; returns the
/// base URL (no trailing slash).
fn serve(root: PathBuf) -> String {
    serve_with(root, Caching::Never)
}

fn serve_with(root: PathBuf, caching: Caching) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            std::thread::spawn(move || respond(stream, &root, caching));
        }
    });
    base
}

fn respond(mut stream: TcpStream, root: &Path, caching: Caching) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
        line.clear();
    }
    let target = request.split_whitespace().nth(1).unwrap_or("/");
    let path = target
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .replace("%20", " ");
    let mut file = root.join(path.trim_start_matches('/'));
    if path.ends_with('/') {
        file.push("index.html");
    }
    let found = !path.split('/').any(|part| part == "..") && file.is_file();
    let (status, body) = if found {
        ("200 OK", std::fs::read(&file).unwrap_or_default())
    } else {
        ("404 Not Found", b"not found".to_vec())
    };
    let cache = match caching {
        Caching::Assets if found && path.starts_with("/assets/") => "max-age=31536000",
        Caching::Assets => "no-cache",
        Caching::Never => "no-store",
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: {cache}\r\nConnection: close\r\n\r\n",
        content_type(&file),
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        _ => "application/octet-stream",
    }
}

/// Runs `tests/browser/<script>` with `vars` set; prints its output and fails when it does.
fn run_script(script: &str, vars: &[(&str, &OsStr)], base: &str) {
    let out = Command::new("node")
        .arg(Path::new(ROOT).join("tests/browser").join(script))
        .current_dir(ROOT)
        .env("BASE_URL", base)
        .env("LECTERN_BIN", BIN)
        .env("CHROMIUM", chromium())
        .envs(vars.iter().copied())
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}{stderr}");
    assert!(
        out.status.success(),
        "browser checks in tests/browser/{script} failed ({}):\n{stdout}{stderr}",
        out.status
    );
}

/// A fixture copied to a temporary folder (so a script may edit it) and built next to it.
struct Built {
    _dir: tempfile::TempDir,
    course: PathBuf,
    site: PathBuf,
}

fn build_copy(fixture: &str) -> Built {
    let (dir, course) = common::copy_fixture(fixture);
    let site = dir.path().join("site");
    build(&course, &site);
    Built {
        _dir: dir,
        course,
        site,
    }
}

/// Runs `script` on a copy of `fixture` built and served with `caching`; the script gets the
/// site's folder (`SITE_DIR`) and the course's (`COURSE_DIR`), to edit and build again.
fn run_on_copy(fixture: &str, script: &str, caching: Caching) {
    require_tools();
    let _one = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let built = build_copy(fixture);
    let base = serve_with(built.site.clone(), caching);
    let vars = [
        ("SITE_DIR", built.site.as_os_str()),
        ("COURSE_DIR", built.course.as_os_str()),
    ];
    run_script(script, &vars, &base);
}

#[test]
fn checklists_keep_ticks_progress_reset_import_and_keyboard() {
    run_on_copy("browser-checklist", "checklist.mjs", Caching::Never);
}

#[test]
fn scenario_plays_by_keyboard_keeps_its_path_and_counts_at_an_ending() {
    run_on_copy("browser-practice", "scenario.mjs", Caching::Never);
}

#[test]
fn reflections_keep_the_learners_words_in_the_browser_and_show_them_on_my_handout() {
    run_on_copy("browser-practice", "reflection.mjs", Caching::Never);
}

#[test]
fn commitments_and_optional_items_are_dated_but_never_block_completion() {
    run_on_copy("browser-practice", "commitments.mjs", Caching::Never);
}

#[test]
fn repeating_checklists_start_empty_each_period_and_keep_a_dated_history() {
    run_on_copy("browser-practice", "repeat.mjs", Caching::Never);
}

#[test]
fn a_french_course_s_scripts_write_french_and_french_dates() {
    run_on_copy("interface-text", "french.mjs", Caching::Never);
}

#[test]
fn quiz_and_sort_give_feedback_count_and_work_by_keyboard() {
    require_tools();
    let _one = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let built = build_copy("browser-exercises");
    let base = serve(built.site.clone());
    run_script(
        "exercises.mjs",
        &[("SITE_DIR", built.site.as_os_str())],
        &base,
    );
}

/// Pages of the sample course that must be among those axe checks (it checks every page): the
/// home page, a module page, lessons with a checklist and a table, a checklist and a sort, a
/// quiz, the print page with everything, the progress, certificate and "my handout" pages and the 404 page.
const SAMPLE_PAGES: [&str; 10] = [
    "index.html",
    "who-does-what/the-twelve-activities.html",
    "who-does-what/staying-in-your-column.html",
    "from-seller-to-manager/two-reasons-to-keep-selling.html",
    "from-seller-to-manager/index.html",
    "handouts/course.html",
    "progress.html",
    "certificate.html",
    "my-handout.html",
    "404.html",
];

/// An Arabic course: right to left, Arabic interface text, axe and no sideways scrolling at
/// 1280 and 360 px (`rtl.mjs`). Its screenshots go to a temporary folder, or to
/// tests/screenshots/ with `LECTERN_SCREENSHOTS=1` (the kept ones, to look at when the theme
/// changes).
#[test]
fn an_arabic_course_reads_right_to_left_in_arabic() {
    require_tools();
    let _one = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let built = build_copy("browser-arabic");
    let base = serve(built.site.clone());
    let kept = Path::new(ROOT).join("tests/screenshots");
    let shots = match std::env::var_os("LECTERN_SCREENSHOTS") {
        Some(_) => kept,
        None => built.site.join("screenshots"),
    };
    std::fs::create_dir_all(&shots).unwrap();
    let vars = [("SHOT_DIR", shots.as_os_str())];
    run_script("rtl.mjs", &vars, &base);
}

/// The repository's sample course built into a temporary folder: the folder and the site in it.
fn build_sample() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    build(Path::new(ROOT), &site);
    (dir, site)
}

/// axe on every page of the sample course, at two widths, light and dark, and in the states a
/// learner brings about (`a11y.mjs`), which also prints how long it took.
#[test]
fn sample_course_passes_axe_and_stays_on_site() {
    require_tools();
    let _one = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let (_dir, site) = build_sample();
    for page in SAMPLE_PAGES {
        assert!(site.join(page).is_file(), "the sample course has no {page}");
    }
    let base = serve(site.clone());
    let pages = SAMPLE_PAGES.join(",");
    let vars = [
        ("SITE_DIR", site.as_os_str()),
        ("PAGES", OsStr::new(&pages)),
    ];
    run_script("a11y.mjs", &vars, &base);
}

/// On a lesson of the sample course: a tick and a query made before the scripts load are kept
/// (`startup.mjs`); search, focus, heading anchors and breadcrumbs at 360 px (`search.mjs`).
#[test]
fn early_input_is_kept_and_search_and_focus_work_by_keyboard_and_on_small_screens() {
    require_tools();
    let _one = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let (_dir, site) = build_sample();
    let base = serve(site);
    run_script("startup.mjs", &[], &base);
    run_script("search.mjs", &[], &base);
}

/// Lessons in Hindi, Thai and Japanese, opened from file://: a word of each, typed into the
/// search box, finds its lesson (`search_scripts.mjs`).
#[test]
fn search_finds_words_in_hindi_thai_and_japanese() {
    require_tools();
    let _one = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let built = build_copy("browser-scripts");
    let vars = [("SITE_DIR", built.site.as_os_str())];
    run_script("search_scripts.mjs", &vars, "");
}

/// `lectern serve` on a course with a theme override, for `serve.mjs`.
#[test]
fn serve_updates_the_page_in_place_and_swaps_stylesheets() {
    require_tools();
    let _one = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    // long enough to scroll, as serve.mjs writes it
    let filler: Vec<String> = (0..80)
        .map(|i| format!("Paragraph {i} of a long lesson."))
        .collect();
    // what a learner can change on the page, which an update in place must keep
    let extras = "```checklist\ntitle: Try it\nitems:\n  - First thing {#first}\n  - Second thing {#second}\n```\n\n\
        <details><summary>More</summary>\n\nHidden notes.\n\n</details>\n\n\
        <textarea id=\"notes\" aria-label=\"Notes\"></textarea>";
    let lesson = format!(
        "---\ntitle: Long lesson\n---\n\nOriginal text.\n\n{extras}\n\n{}\n",
        filler.join("\n\n")
    );
    let other = "---\ntitle: Other lesson\n---\n\nThe other lesson.\n";
    let (dir, course) = common::write_course(&[
        ("course.yaml", "title: Serve in a browser\ntheme: mine\n"),
        ("content/_index.md", "---\ntitle: Home\n---\n\nWelcome.\n"),
        ("content/01-basics/01-long.md", &lesson),
        ("content/01-basics/02-other.md", other),
        ("themes/mine/static/theme.css", "body { outline: none; }\n"),
    ]);
    let extras_file = dir.path().join("extras.md");
    std::fs::write(&extras_file, extras).unwrap();
    let server = lectern::serve::start(lectern::serve::ServeOptions {
        build: lectern::BuildOptions {
            root: course.clone(),
            drafts: false,
        },
        bind: "127.0.0.1".parse().unwrap(),
        port: 0,
        verbose: false,
    })
    .expect("the server starts");
    let base = format!("http://{}", server.addr);
    let lesson_file = course.join("content/01-basics/01-long.md");
    let css_file = course.join("themes/mine/static/theme.css");
    let other_file = course.join("content/01-basics/02-other.md");
    let vars = [
        ("LESSON_FILE", lesson_file.as_os_str()),
        ("CSS_FILE", css_file.as_os_str()),
        ("OTHER_FILE", other_file.as_os_str()),
        ("EXTRAS_FILE", extras_file.as_os_str()),
    ];
    run_script("serve.mjs", &vars, &base);
}

/// The serve overlay of an error far along a long line, on a page with the theme's stylesheet,
/// for `overlay.mjs`.
#[test]
fn the_overlay_caret_points_at_its_column_at_any_width() {
    require_tools();
    let _one = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let line = "description: A long description of what this lesson holds, then: an unquoted colon";
    let column = line.find("then:").unwrap() + 4;
    let error = lectern::Diagnostic::at(
        "content/01-m/01-a.md",
        line,
        1,
        column + 1,
        "a `key: value` is in a place where it is not allowed",
    )
    .help("put the text in quotes");
    let dir = tempfile::tempdir().unwrap();
    let css =
        std::fs::read_to_string(Path::new(ROOT).join("themes/default/static/lectern.css")).unwrap();
    std::fs::write(dir.path().join("lectern.css"), css).unwrap();
    let page = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>Overlay</title><link rel=\"stylesheet\" href=\"lectern.css\"></head><body>{}</body></html>",
        lectern::serve::reload::overlay(&lectern::Diagnostics::from(error).to_string())
    );
    std::fs::write(dir.path().join("overlay.html"), page).unwrap();
    let base = serve(dir.path().to_path_buf());
    let column = column.to_string();
    run_script("overlay.mjs", &[("OVERLAY_COLUMN", column.as_ref())], &base);
}

/// `lectern serve` on a course made by `lectern init`, without themes/ and static/ (as
/// courses started before `init` made static/ are), for `serve_new_folders.mjs`, which makes
/// a theme and files in static/ while it runs.
#[test]
fn serve_follows_a_theme_and_static_files_made_while_serving() {
    require_tools();
    let _one = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let course = dir.path().join("course");
    let init = Command::new(BIN).arg("init").arg(&course).output().unwrap();
    assert!(init.status.success(), "{init:?}");
    std::fs::remove_dir_all(course.join("static")).unwrap();
    let server = common::client::serve(&course);
    let base = format!("http://{}", server.addr);
    run_script(
        "serve_new_folders.mjs",
        &[("COURSE", course.as_os_str())],
        &base,
    );
}

/// Glossary tooltips and the glossary page, for `glossary.mjs`.
#[test]
fn glossary_terms_show_their_definition_on_focus_and_hover() {
    require_tools();
    let _one = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let built = build_copy("glossary");
    let base = serve(built.site.clone());
    run_script("glossary.mjs", &[], &base);
}

#[test]
fn learner_ui_honest_exercises_completion_date_and_partial_counts() {
    require_tools();
    let _one = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let built = build_copy("browser-exercises");
    let base = serve(built.site.clone());
    run_script(
        "learner_ui.mjs",
        &[("SITE_DIR", built.site.as_os_str())],
        &base,
    );
}

/// A course of `modules` modules of `lessons` lessons each, lesson `l` of module `m` (from 1)
/// being `lesson(m, l)`.
fn generated_course(
    modules: usize,
    lessons: usize,
    lesson: impl Fn(usize, usize) -> String,
) -> (tempfile::TempDir, PathBuf) {
    let mut files = vec![(
        "content/_index.md".to_string(),
        "---\ntitle: Big\n---\n".into(),
    )];
    for m in 1..=modules {
        let overview = format!("---\ntitle: Module {m}\n---\n");
        files.push((format!("content/m{m:03}/_index.md"), overview));
        for l in 1..=lessons {
            files.push((
                format!("content/m{m:03}/{l:03}-lesson-{l}.md"),
                lesson(m, l),
            ));
        }
    }
    let pairs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    common::write_course(&pairs)
}

/// A course past 300 lessons (four modules of 80 one-item lessons), for `progress_large.mjs`.
fn large_course() -> (tempfile::TempDir, PathBuf) {
    generated_course(4, 80, |m, l| {
        format!("---\ntitle: Lesson {m}.{l}\n---\n\n- [ ] Read lesson {m}.{l}\n")
    })
}

/// The progress page of a big course lists modules, and a module's lessons when it is opened;
/// its home page loads the modules the learner has been in (`progress_large.mjs`),
/// at a domain root, under a subpath and from file://.
#[test]
fn a_big_courses_progress_and_home_pages_load_only_the_modules_they_show() {
    require_tools();
    let _one = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let (dir, course) = large_course();
    let site = dir.path().join("site");
    build(&course, &site);
    let bases = [
        serve(site.clone()),
        format!("{}/site", serve(dir.path().to_path_buf())),
        format!("file://{}", site.display()),
    ];
    run_script(
        "progress_large.mjs",
        &[("BASES", OsStr::new(&bases.join(" ")))],
        "",
    );
}

/// A course of 1,100 lessons that all say "seller" (two in their titles), for
/// `search_common_word.mjs`.
fn common_word_course() -> (tempfile::TempDir, PathBuf) {
    generated_course(11, 100, |m, l| {
        let title = match (m, l) {
            (5, 50) => "Seller pitch".to_string(),
            (9, 1) => "Seller review".to_string(),
            _ => format!("Lesson {m}.{l}"),
        };
        format!("---\ntitle: {title}\n---\n\nA seller meets customer {m}x{l}.\n")
    })
}

/// A word in every lesson of a big course: the query loads a bounded part of the index, says
/// there are at least as many results as it kept, and shows the best first
/// (`search_common_word.mjs`), from file://.
#[test]
fn a_word_in_every_lesson_loads_a_bounded_index_and_shows_the_best_first() {
    require_tools();
    let _one = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let (dir, course) = common_word_course();
    let site = dir.path().join("site");
    build(&course, &site);
    run_script(
        "search_common_word.mjs",
        &[("SITE_DIR", site.as_os_str())],
        "",
    );
}

/// `certificate.html` before and after the course is complete, printed, and under axe.
#[test]
fn certificate_shows_the_day_of_completion_and_is_honest_before_it() {
    require_tools();
    let _one = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let built = build_copy("browser-exercises");
    let base = serve(built.site.clone());
    run_script("certificate.mjs", &[], &base);
}

#[test]
fn progress_code_import_previews_merges_and_copies() {
    require_tools();
    let _one = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let built = build_copy("browser-checklist");
    let base = serve(built.site.clone());
    let exercises = build_copy("browser-exercises");
    let exercises_url = serve(exercises.site.clone());
    run_script(
        "record_state.mjs",
        &[
            ("SITE_DIR", built.site.as_os_str()),
            ("EXERCISES_URL", OsStr::new(&exercises_url)),
        ],
        &base,
    );
}

/// Learner progress across a republish with reordered, inserted, reworded and removed items,
/// a reworded quiz, a renamed lesson file and a new course title (`republish.mjs`).
#[test]
fn republishing_keeps_ticks_on_their_items_and_tells_the_learner_what_changed() {
    run_on_copy("browser-republish", "republish.mjs", Caching::Never);
}

/// Assets served with a year's caching: after a rebuild with other items, the pages use the
/// new course data, never the cached old one (`stale_assets.mjs`).
#[test]
fn cached_old_course_data_is_never_paired_with_new_pages() {
    run_on_copy("browser-checklist", "stale_assets.mjs", Caching::Assets);
}

/// The checklist fixture packaged as `format`, unzipped under `course/` of a new folder beside
/// `blank.html` (a page to leave to); the folder.
fn unzipped_package(tmp: &Path, course: &Path, format: &str) -> PathBuf {
    let zip = tmp.join("package.zip");
    let (course, zip_path) = (course.to_str().unwrap(), zip.to_str().unwrap());
    let args = ["package", course, "--format", format, "--out", zip_path];
    let output = common::run(&args);
    assert!(output.status.success(), "{:?}", common::outputs(&output));
    let root = tmp.join("lms");
    let file = std::fs::File::open(&zip).unwrap();
    let mut archive = zip::ZipArchive::new(file).expect("a readable zip");
    archive.extract(root.join("course")).expect("unzipped");
    std::fs::write(
        root.join("blank.html"),
        "<!doctype html><title>Left</title><link rel=\"icon\" href=\"data:,\">",
    )
    .unwrap();
    root
}

/// A SCORM 1.2 package of the checklist fixture beside a test LMS page
/// (`tests/browser/scorm-lms.html`, a mock `window.API` recording every call) and run by
/// `scorm.mjs`: calls, lessons in the frame, relaunch from `suspend_data`, completion.
#[test]
fn scorm12_package_keeps_the_session_and_restores_progress_from_suspend_data() {
    require_tools();
    let _one = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let (tmp, course) = common::copy_fixture("browser-checklist");
    let root = unzipped_package(tmp.path(), &course, "scorm12");
    let lms = Path::new(ROOT).join("tests/browser/scorm-lms.html");
    std::fs::copy(lms, root.join("lms.html")).unwrap();
    let base = serve(root);
    run_script("scorm.mjs", &[], &base);
}

/// A SCORM `version` package of `fixture` (changed by `edit`) in an LMS on scorm-again's
/// runtime (`tests/browser/scorm-again-lms.html`), run by `script`.
fn in_scorm_again(fixture: &str, edit: fn(&Path), (format, version): (&str, &str), script: &str) {
    require_tools();
    let again = common::require_tool("node_modules/scorm-again");
    let _one = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let (tmp, course) = common::copy_fixture(fixture);
    edit(&course);
    let root = unzipped_package(tmp.path(), &course, format);
    let lms = Path::new(ROOT).join("tests/browser/scorm-again-lms.html");
    std::fs::copy(lms, root.join("lms.html")).unwrap();
    let runtime = again.join("dist/scorm-again.js");
    std::fs::copy(runtime, root.join("scorm-again.js")).unwrap();
    let base = serve(root);
    run_script(script, &[("VERSION", OsStr::new(version))], &base);
}

#[test]
fn scorm12_package_in_scorm_again_restores_progress_and_completes() {
    let v = ("scorm12", "12");
    in_scorm_again("browser-checklist", |_| {}, v, "scorm_again.mjs");
}

#[test]
fn scorm2004_package_in_scorm_again_restores_progress_and_completes() {
    let v = ("scorm2004", "2004");
    in_scorm_again("browser-checklist", |_| {}, v, "scorm_again.mjs");
}

/// The exercises fixture's quiz lesson as an assessment with a pass mark of 80%.
fn quiz_as_assessment(course: &Path) {
    let file = course.join("content/01-practice/01-quiz.md");
    let text = std::fs::read_to_string(&file).unwrap();
    let text = text.replacen(
        "title: Quiz\n",
        "title: Quiz\nassessment: true\npass: 80%\n",
        1,
    );
    std::fs::write(file, text).unwrap();
}

#[test]
fn scorm12_assessment_fails_then_passes_with_its_score() {
    let v = ("scorm12", "12");
    in_scorm_again(
        "browser-exercises",
        quiz_as_assessment,
        v,
        "scorm_assessment.mjs",
    );
}

#[test]
fn scorm2004_assessment_fails_then_passes_with_its_score() {
    let v = ("scorm2004", "2004");
    in_scorm_again(
        "browser-exercises",
        quiz_as_assessment,
        v,
        "scorm_assessment.mjs",
    );
}

/// A cmi5 package of the checklist fixture launched by the test LMS in `cmi5.mjs`, which
/// passes its statements on to the Ralph LRS (`.venv-lrs/bin/ralph`, installed by
/// `scripts/test.sh`).
#[test]
fn cmi5_package_reports_to_a_real_lrs_and_keeps_progress_in_the_state_api() {
    require_tools();
    let ralph = Path::new(ROOT).join(".venv-lrs/bin/ralph");
    assert!(
        ralph.is_file(),
        "this test needs the Ralph LRS at {}: run `bash scripts/test.sh`, which installs it (python3 -m venv .venv-lrs && .venv-lrs/bin/pip install 'ralph-malph[cli,lrs]' requests)",
        ralph.display()
    );
    let _one = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let (tmp, course) = common::copy_fixture("browser-checklist");
    let root = unzipped_package(tmp.path(), &course, "cmi5");
    let vars = [("SITE_DIR", root.as_os_str()), ("RALPH", ralph.as_os_str())];
    run_script("cmi5.mjs", &vars, "http://unused.invalid");
}

/// A course in English and French under a subpath and from file:// (`languages.mjs`): the
/// language switcher, per-language search and per-language progress.
#[test]
fn a_course_in_two_languages_switches_searches_and_keeps_progress_per_language() {
    require_tools();
    let _one = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let built = build_copy("languages");
    // the site is the folder `site` of the served one: a subpath
    let base = serve(built.site.parent().unwrap().to_path_buf());
    let vars = [("SITE_DIR", built.site.as_os_str())];
    run_script("languages.mjs", &vars, &format!("{base}/site"));
}

#[test]
fn an_assessment_quiz_draws_a_pool_scores_order_and_match_and_locks_after_its_attempts() {
    run_on_copy("browser-assessment", "assessment.mjs", Caching::Never);
}

#[test]
fn scorm12_pooled_assessment_scores_the_drawn_questions() {
    let v = ("scorm12", "12");
    in_scorm_again("browser-assessment", |_| {}, v, "scorm_pool.mjs");
}

#[test]
fn scorm2004_pooled_assessment_scores_the_drawn_questions() {
    let v = ("scorm2004", "2004");
    in_scorm_again("browser-assessment", |_| {}, v, "scorm_pool.mjs");
}
