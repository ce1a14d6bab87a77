//! Output grows linearly with the course: a lesson page carries a run of the modules and of its
//! own module's lessons, never the rest of the course. Generated courses of up to 2,000
//! lessons, built in memory; no timing here (bench/run.sh measures speed).

use std::fs;
use std::path::Path;

use lectern::{build_site, BuildOptions, Site};
use scraper::{Html, Selector};

/// Writes a course whose module `m` (0-based) has `lessons[m]` lessons; each lesson has
/// headings, a list, a table, a five-item checklist and a link to the next lesson.
fn generate(root: &Path, lessons: &[usize]) {
    let content = root.join("content");
    fs::create_dir_all(&content).unwrap();
    fs::write(root.join("course.yaml"), "title: Scale\n").unwrap();
    fs::write(
        content.join("_index.md"),
        "---\ntitle: Scale\n---\n\nHome.\n",
    )
    .unwrap();
    for (m, &count) in lessons.iter().enumerate() {
        let folder = content.join(format!("m{:03}", m + 1));
        fs::create_dir_all(&folder).unwrap();
        let overview = format!("---\ntitle: Module {}\n---\n\nOverview.\n", m + 1);
        fs::write(folder.join("_index.md"), overview).unwrap();
        for l in 0..count {
            let next = if l + 1 < count {
                file_name(l + 1)
            } else {
                format!("../m{:03}/{}", m + 2, file_name(0))
            };
            let has_next = l + 1 < count || m + 1 < lessons.len();
            fs::write(
                folder.join(file_name(l)),
                lesson(m, l, has_next.then_some(next.as_str())),
            )
            .unwrap();
        }
    }
}

/// `003-lesson-3.md`: the prefix orders, the rest is the page's slug (`lesson-3`).
fn file_name(l: usize) -> String {
    format!("{:03}-lesson-{}.md", l + 1, l + 1)
}

fn lesson(m: usize, l: usize, next: Option<&str>) -> String {
    let mut text = format!(
        "---\ntitle: Lesson {m}.{l}\nduration: 10 min\n---\n\n## Overview\n\nSome text.\n\n\
         ### Detail\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n## Check\n\n"
    );
    for i in 0..5 {
        text.push_str(&format!("- [ ] item {i}\n"));
    }
    if let Some(next) = next {
        text.push_str(&format!("\nGo [next]({next}).\n"));
    }
    text
}

fn build(lessons: &[usize]) -> Site {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), lessons);
    let options = BuildOptions {
        root: dir.path().to_path_buf(),
        drafts: false,
    };
    build_site(&options).unwrap_or_else(|e| panic!("{e}")).site
}

fn count(html: &str, selector: &str) -> usize {
    let selector = Selector::parse(selector).unwrap();
    Html::parse_document(html).select(&selector).count()
}

#[test]
fn a_lesson_page_does_not_grow_with_other_modules_lessons() {
    // Same modules, same first module; the other nine modules hold 3 or 30 lessons each
    // (57 or 300 lessons in all).
    let small = build(&[30, 3, 3, 3, 3, 3, 3, 3, 3, 3]);
    let large = build(&[30; 10]);
    let page = "m001/lesson-15.html";
    let (small_page, large_page) = (small.text(page).unwrap(), large.text(page).unwrap());
    // the course data's version names the whole course's data, which does differ
    assert_eq!(
        without_data_version(small_page),
        without_data_version(large_page),
        "a lesson page changed with the number of lessons in other modules"
    );
    // The sidebar lists every module (ten: one run) and the run of fifteen of the current
    // module's lessons that holds the page, with a link to the module's page for the rest.
    assert_eq!(count(large_page, ".sidebar .nav-modules > li"), 10);
    assert_eq!(count(large_page, ".sidebar .nav-lessons > li"), 15);
    assert_eq!(
        texts(large_page, ".sidebar .nav-more"),
        ["Later: 15 lessons"]
    );
    assert_eq!(
        count(large_page, ".sidebar [aria-current=page]"),
        1,
        "the page marks its own link"
    );
}

fn texts(html: &str, selector: &str) -> Vec<String> {
    let selector = Selector::parse(selector).unwrap();
    Html::parse_document(html)
        .select(&selector)
        .map(|el| el.text().collect())
        .collect()
}

fn links(html: &str, selector: &str) -> Vec<String> {
    let selector = Selector::parse(selector).unwrap();
    Html::parse_document(html)
        .select(&selector)
        .map(|el| el.value().attr("href").unwrap().to_string())
        .collect()
}

#[test]
fn a_sidebar_lists_a_run_of_modules_and_lessons_and_links_the_rest() {
    // 25 modules of 3 lessons, the 14th of 40
    let mut sizes = [3; 25];
    sizes[13] = 40;
    let site = build(&sizes);
    let page = site.text("m014/lesson-20.html").unwrap();
    // modules 11 to 20: the run of ten that holds module 14
    let modules = links(page, ".sidebar .nav-modules > li > a:first-child");
    let expected: Vec<String> = (11..=20)
        .map(|m| format!("../m{m:03}/index.html"))
        .collect();
    assert_eq!(modules, expected);
    // lessons 16 to 30: the run of fifteen that holds lesson 20
    let lessons = links(page, ".sidebar .nav-lessons a");
    let expected: Vec<String> = (16..=30).map(|l| format!("lesson-{l}.html")).collect();
    assert_eq!(lessons, expected);
    assert_eq!(
        texts(page, ".sidebar .nav-more"),
        [
            "Earlier: 10 modules",
            "Earlier: 15 lessons",
            "Later: 10 lessons",
            "Later: 5 modules"
        ]
    );
    assert_eq!(
        links(page, ".sidebar .nav-more a, .sidebar a.nav-more"),
        [
            "../index.html#modules-title",
            "../m014/index.html#lessons-title",
            "../m014/index.html#lessons-title",
            "../index.html#modules-title"
        ]
    );
    // the links lead to lists of every module and every lesson of the module
    let home = site.text("index.html").unwrap();
    assert_eq!(count(home, "#modules-title + .module-list > li"), 25);
    let module = site.text("m014/index.html").unwrap();
    assert_eq!(count(module, "#lessons-title + .lesson-list > li"), 40);
    // the module's page and its first lessons show the first run
    for page in [
        "m014/index.html",
        "m014/lesson-1.html",
        "m014/lesson-15.html",
    ] {
        let lessons = links(site.text(page).unwrap(), ".sidebar .nav-lessons a");
        assert_eq!(
            lessons.first().map(String::as_str),
            Some("lesson-1.html"),
            "{page}"
        );
        assert_eq!(lessons.len(), 15, "{page}");
    }
    let last = site.text("m014/lesson-40.html").unwrap();
    assert_eq!(links(last, ".sidebar .nav-lessons a").len(), 10);
    assert_eq!(count(last, ".sidebar [aria-current=page]"), 1);
    // a root page lists the first run of modules
    let modules = links(home, ".sidebar .nav-modules > li > a");
    assert_eq!(modules.len(), 10);
    assert_eq!(modules[0], "m001/index.html");
}

/// `page` with the `?v=` of its `course-data.js` URL blanked out.
fn without_data_version(page: &str) -> String {
    const URL: &str = "course-data.js?v=";
    let at = page.find(URL).expect("the page loads the course data") + URL.len();
    let len = page[at..].find('"').expect("a quoted URL");
    format!("{}{}", &page[..at], &page[at + len..])
}

#[test]
fn lesson_pages_grow_with_their_module_only() {
    let site = build(&[30; 10]);
    let sizes: Vec<usize> = (1..=10)
        .map(|m| site.text(&format!("m{m:03}/lesson-15.html")).unwrap().len())
        .collect();
    let (min, max) = (sizes.iter().min().unwrap(), sizes.iter().max().unwrap());
    // Pages of equally sized modules differ only by a few characters of their titles and
    // ids, whatever their position in the course.
    assert!(
        max - min < 200,
        "lesson page sizes vary too much: {sizes:?}"
    );
}

/// The bytes of lesson `page` and of every file it loads: what its `src` and `href`
/// attributes name under `assets/`, and its module's data file (which `course-data.js` adds).
fn lesson_cost(site: &Site, page: &str) -> Vec<(String, usize)> {
    let mut files = page_cost(site, page);
    let module = page.split('/').next().unwrap();
    let data = format!("assets/modules/{module}.js");
    files.push((data.clone(), site.text(&data).unwrap().len()));
    files
}

/// The bytes of `page` and of what its `src` and `href` attributes name under `assets/`.
fn page_cost(site: &Site, page: &str) -> Vec<(String, usize)> {
    let html = site.text(page).unwrap();
    let doc = Html::parse_document(html);
    let selector = Selector::parse("script[src], link[rel=stylesheet][href]").unwrap();
    let mut files = vec![(page.to_string(), html.len())];
    for el in doc.select(&selector) {
        let url = el.value().attr("src").or(el.value().attr("href")).unwrap();
        let path = url.trim_start_matches("../").split('?').next().unwrap();
        files.push((path.to_string(), site.text(path).unwrap().len()));
    }
    files
}

/// Checks that `page` and the files it loads (`cost`) in `small` and `large` are the same files
/// and grow by at most `per_page_module` bytes of the page and 250 of `course-data.js` per
/// module `large` adds (`added`), plus 120 bytes of the page (the sidebar's link to the
/// modules after its run) and 16 of any file (numbers with more digits); returns the large
/// course's files.
fn grows_by_module(
    (small, large): (&Site, &Site),
    page: &str,
    cost: fn(&Site, &str) -> Vec<(String, usize)>,
    per_page_module: usize,
    added: usize,
) -> Vec<(String, usize)> {
    let (a, b) = (cost(small, page), cost(large, page));
    let names = |f: &[(String, usize)]| f.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
    assert_eq!(names(&a), names(&b));
    for ((file, n), (_, m)) in a.iter().zip(&b) {
        // the summary and the page's module list hold a line per module; nothing else grows
        let per_module = match file.as_str() {
            "assets/course-data.js" => 250,
            f if f == page => per_page_module,
            _ => 0,
        };
        let constant = if file == page { 120 } else { 0 };
        assert!(
            m - n <= per_module * added + constant + 16,
            "{file}: {n} bytes in the small course, {m} in the large one"
        );
    }
    b
}

#[test]
fn a_big_courses_home_page_and_what_it_loads_grow_by_module_only() {
    // modules of 10 lessons: 40 of them (400 lessons) or 200 (2,000 lessons); a module card
    // on the page and a line in the summary
    let (small, large) = (build(&[10; 40]), build(&[10; 200]));
    let b = grows_by_module((&small, &large), "index.html", page_cost, 400, 160);
    let whole = ["course-pages", "progress-index", "progress-data"];
    assert!(
        !b.iter().any(|(f, _)| whole.iter().any(|w| f.contains(w))),
        "{b:?}"
    );
    // named for a progress code, which loads them when the learner makes or reads one
    let home = Html::parse_document(large.text("index.html").unwrap());
    let el = home
        .select(&Selector::parse("[data-course-pages]").unwrap())
        .next();
    let urls = el
        .expect("the whole course's files, named")
        .value()
        .attr("data-course-pages");
    let urls: Vec<&str> = urls
        .unwrap()
        .split(' ')
        .map(|u| u.split('?').next().unwrap())
        .collect();
    assert_eq!(urls, ["assets/course-pages.js", "assets/progress-index.js"]);
}

#[test]
fn the_progress_page_and_what_it_loads_do_not_grow_with_the_course() {
    // modules of 10 lessons: 10 of them (100 lessons) or 200 (2,000 lessons)
    let (small, large) = (build(&[10; 10]), build(&[10; 200]));
    let b = grows_by_module((&small, &large), "progress.html", page_cost, 0, 190);
    assert!(!b
        .iter()
        .any(|(f, _)| f.contains("course-pages") || f.contains("progress-data")));
    // a module's labels are in its own file, which the page loads when the module is opened
    let labels = large.text("assets/modules/m001.labels.js").unwrap();
    assert!(labels.starts_with("window.lecternLabels({\"m001/lesson-1\":{\"item-0\":\"item 0\""));
    let data = large.text("assets/modules/m001.js").unwrap();
    assert!(
        data.contains(", \"assets/modules/m001.labels.js?v="),
        "{data}"
    );
}

#[test]
fn a_lesson_page_and_what_it_loads_do_not_grow_with_the_course() {
    // modules of 10 lessons: 10 of them (100 lessons) or 200 (2,000 lessons)
    let (small, large) = (build(&[10; 10]), build(&[10; 200]));
    let page = "m001/lesson-5.html";
    let b = grows_by_module((&small, &large), page, lesson_cost, 0, 190);
    let total = |f: &[(String, usize)]| f.iter().map(|(_, n)| n).sum::<usize>();
    assert!(
        total(&b) < 150_000,
        "a lesson page loads {} bytes at 2,000 lessons: {b:?}",
        total(&b)
    );
    // the whole course's data is in files only the pages that show all of it load
    let all = large.text("assets/course-pages.js").unwrap().len();
    assert!(all > total(&b), "course-pages.js: {all} bytes");
    assert!(!b.iter().any(|(f, _)| f.contains("course-pages")));
}

#[test]
fn a_build_to_disk_writes_what_the_in_memory_build_makes() {
    let dir = tempfile::tempdir().unwrap();
    let course = dir.path().join("course");
    generate(&course, &[4, 4, 4]);
    let options = BuildOptions {
        root: course.clone(),
        drafts: false,
    };
    let site = build_site(&options).unwrap().site;
    let out = dir.path().join("public");
    let summary = lectern::build_to(&options, &out).unwrap();
    assert_eq!(summary.pages, site.page_count());
    for (path, output) in &site.files {
        let on_disk = fs::read(out.join(path)).unwrap();
        if let lectern::Output::Text(text) = output {
            assert_eq!(on_disk, text.as_bytes(), "{path} differs on disk");
        }
    }
    let written = walk(&out);
    assert_eq!(written, site.files.len(), "files on disk vs in memory");
}

#[test]
fn a_failed_streamed_build_leaves_the_previous_output() {
    let dir = tempfile::tempdir().unwrap();
    let course = dir.path().join("course");
    generate(&course, &[3, 3]);
    let options = BuildOptions {
        root: course.clone(),
        drafts: false,
    };
    let out = dir.path().join("public");
    lectern::build_to(&options, &out).unwrap();
    let before = fs::read(out.join("m001/lesson-1.html")).unwrap();
    // A template error happens while pages are being written into the staging folder.
    let templates = course.join("themes/broken/templates");
    fs::create_dir_all(&templates).unwrap();
    fs::write(templates.join("lesson.html"), "{{ no_such_variable }}").unwrap();
    fs::write(course.join("course.yaml"), "title: Scale\ntheme: broken\n").unwrap();
    assert!(lectern::build_to(&options, &out).is_err());
    assert_eq!(fs::read(out.join("m001/lesson-1.html")).unwrap(), before);
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".lectern-"))
        .collect();
    assert!(leftovers.is_empty(), "staging folders left: {leftovers:?}");
}

fn walk(dir: &Path) -> usize {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                walk(&e.path())
            } else {
                1
            }
        })
        .sum()
}

#[test]
fn the_home_page_lists_every_lesson_only_for_a_modest_course() {
    let modest = build(&[30; 10]);
    let home = modest.text("index.html").unwrap();
    assert_eq!(count(home, ".module-card li[data-lesson]"), 300);
    // Past 300 lessons the module cards give counts; the module pages list the lessons.
    let big = build(&[31; 10]);
    let home = big.text("index.html").unwrap();
    assert_eq!(count(home, ".module-card li[data-lesson]"), 0);
    assert_eq!(count(home, ".module-card .lesson-count"), 10);
    let module = big.text("m001/index.html").unwrap();
    assert_eq!(count(module, ".lesson-list li[data-lesson]"), 31);
}
