//! Publishing: the search index, handouts, the progress page, sitemap/robots/404/canonical,
//! `lectern check` on every kind of broken reference, and the built sample course served by a
//! real nginx under a subpath and opened from file:// in headless Chromium.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Child, Command, Stdio};

use lectern::{build_site, BuildOptions, Site};
use scraper::{Html, Selector};
use serde_json::Value;

const FIXTURE: &str = "tests/fixtures/publish";

fn build(root: &Path) -> Site {
    let options = BuildOptions {
        root: root.to_path_buf(),
        drafts: false,
    };
    match build_site(&options) {
        Ok(built) => built.site,
        Err(e) => panic!("build failed:\n{e}"),
    }
}

fn page(site: &Site, path: &str) -> Html {
    Html::parse_document(site.text(path).unwrap_or_else(|| panic!("no page {path}")))
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

fn text(e: &scraper::ElementRef) -> String {
    e.text().collect::<String>().trim().to_string()
}

/// The data of a `lecternSearch(kind, key, data);` script.
fn script_data(site: &Site, path: &str) -> Value {
    let js = site.text(path).unwrap_or_else(|| panic!("no {path}"));
    let start = js.find('{').expect("data object");
    let end = js.rfind(");").expect("call end");
    serde_json::from_str(&js[start..end]).expect("valid JSON data")
}

/// Runs a query the way search.js does (prefix match, every word): page URLs and anchors.
fn query(site: &Site, words: &[&str]) -> Vec<(String, String)> {
    let index = script_data(site, "assets/search/index.js");
    let chunk = index["chunk"].as_u64().unwrap() as u32;
    let mut total: Option<BTreeMap<u32, ()>> = None;
    for word in words {
        let mut docs = BTreeMap::new();
        for key in index["shards"].as_array().unwrap() {
            let key = key.as_str().unwrap();
            if !(word.starts_with(key) || key.starts_with(word)) {
                continue;
            }
            let file = lectern::search::file_key(key);
            let shard = script_data(site, &format!("assets/search/shard-{file}.js"));
            for (term, postings) in shard["terms"].as_object().unwrap() {
                if term.starts_with(word) {
                    let mut v = 0;
                    for delta in postings.as_array().unwrap() {
                        v += delta.as_u64().unwrap() as u32;
                        docs.insert(v >> 2, ());
                    }
                }
            }
        }
        total = Some(match total {
            None => docs,
            Some(t) => t
                .into_iter()
                .filter(|(d, _)| docs.contains_key(d))
                .collect(),
        });
    }
    total
        .unwrap_or_default()
        .keys()
        .map(|d| {
            let c = script_data(site, &format!("assets/search/docs-{}.js", d / chunk));
            let doc = &c["d"][(d % chunk) as usize];
            let page = &c["p"][doc[0].to_string()];
            (
                page[1].as_str().unwrap().to_string(),
                doc[1].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn search_index_finds_titles_headings_and_text_by_prefix() {
    let site = build(Path::new(FIXTURE));
    let index = script_data(&site, "assets/search/index.js");
    assert_eq!(index["v"], 1);
    assert!(index["stop"].as_array().unwrap().contains(&"the".into()));
    // body text, in its section
    assert_eq!(
        query(&site, &["marmalade"]),
        [(
            "delegating/why.html".to_string(),
            "fear-of-losing-control".to_string()
        )]
    );
    // a title word: the top of the page; a prefix finds every form of the word
    let found = query(&site, &["delegat"]);
    assert!(found.contains(&("delegating/why.html".into(), String::new())));
    assert!(found.contains(&("delegating/steps.html".into(), String::new())));
    // a heading, and every word must match
    assert_eq!(
        query(&site, &["questions", "zeppelin"]),
        [(
            "coaching/what.html".to_string(),
            "questions-not-answers".to_string()
        )]
    );
    assert!(query(&site, &["zeppelin", "marmalade"]).is_empty());
    // apostrophes are joined the same way on both sides
    assert!(!query(&site, &["dont"]).is_empty());
    // stop words are not indexed (search.js drops them from queries too)
    let t = script_data(&site, "assets/search/shard-t.js");
    assert!(t["terms"].get("the").is_none() && t["terms"].get("that").is_none());
    assert!(t["terms"].get("test").is_some());
    // snippets: the start of the section's text
    let docs = script_data(&site, "assets/search/docs-0.js");
    let excerpts: Vec<&str> = docs["d"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d[3].as_str().unwrap())
        .collect();
    assert!(
        excerpts.contains(&"Handing over a key account feels risky: the marmalade test shows why. An example A manager kept every renewal call for…"),
        "{excerpts:?}"
    );
}

#[test]
fn every_page_loads_the_search_script_and_box() {
    let site = build(Path::new(FIXTURE));
    for path in ["index.html", "delegating/why.html", "handouts/course.html"] {
        let doc = page(&site, path);
        let root = if path.contains('/') { "../" } else { "" };
        let script = format!("script[src^='{root}assets/search.js?v=']");
        assert_eq!(select(&doc, &script).len(), 1);
        assert_eq!(select(&doc, "input[data-search-input]").len(), 1);
        assert_eq!(select(&doc, "div[data-search-results]").len(), 1);
    }
    assert!(site.files.contains_key("assets/search.js"));
}

#[test]
fn handouts_hold_lessons_in_order_with_empty_boxes() {
    let site = build(Path::new(FIXTURE));
    let doc = page(&site, "handouts/course.html");
    let titles: Vec<String> = select(&doc, "section.print-lesson > h2[id$='-title']")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        titles,
        [
            "Delegating",
            "Why managers don't delegate",
            "The eight steps",
            "Coaching",
            "What coaching is"
        ]
    );
    assert_eq!(
        select(&doc, "section.print-lesson input[type=checkbox]").len(),
        3
    );
    assert!(select(&doc, "input[checked]").is_empty());
    assert_eq!(select(&doc, "section.print-lesson table").len(), 1);
    assert_eq!(select(&doc, "section.print-lesson details").len(), 1);
    assert_eq!(
        select(&doc, "link[href^='../assets/print.css?v=']").len(),
        1
    );
    assert_eq!(
        select(&doc, "script[src^='../assets/print.js?v=']").len(),
        1
    );
    let module = page(&site, "handouts/coaching.html");
    let titles: Vec<String> = select(&module, "section.print-lesson > h2[id$='-title']")
        .iter()
        .map(text)
        .collect();
    assert_eq!(titles, ["Coaching", "What coaching is"]);
    let css = String::from_utf8_lossy(match &site.files["assets/print.css"] {
        lectern::Output::Bytes(b) => b,
        other => panic!("{other:?}"),
    })
    .into_owned();
    assert!(css.contains(".handout .print-lesson { break-before: page;"));
    assert!(css.contains(".quiz-feedback, .quiz-result"));
}

#[test]
fn progress_page_is_linked_from_home_and_has_item_labels() {
    let site = build(Path::new(FIXTURE));
    let home = page(&site, "index.html");
    assert_eq!(
        select(&home, ".course-progress a[href='progress.html']").len(),
        1
    );
    let doc = page(&site, "progress.html");
    assert_eq!(select(&doc, "[data-progress-report]").len(), 1);
    let scripts: Vec<&str> = select(&doc, "script[src]")
        .iter()
        .filter_map(|s| s.attr("src"))
        .map(|src| src.split('?').next().unwrap())
        .collect();
    for src in ["assets/course-data.js", "assets/print.js"] {
        assert!(scripts.contains(&src), "{scripts:?}");
    }
    // the whole course's data and labels are not loaded: a module's, when it is opened
    for src in ["assets/progress-data.js", "assets/course-pages.js"] {
        assert!(!scripts.contains(&src), "{scripts:?}");
    }
    let labels = site.text("assets/modules/delegating.labels.js").unwrap();
    let json: Value = serde_json::from_str(
        labels
            .trim()
            .trim_start_matches("window.lecternLabels(")
            .trim_end_matches(");"),
    )
    .unwrap();
    assert_eq!(
        json["delegating/why"]["i-listed-three-tasks-to-hand-over"],
        "I listed three tasks to hand over"
    );
    assert_eq!(json["delegating/steps"]["picked"], "I picked a person");
}

#[test]
fn base_url_adds_sitemap_robots_canonical_and_an_absolute_404() {
    let site = build(Path::new(FIXTURE));
    let base = "https://training.example.org/courses/delegation";
    let sitemap = Html::parse_document(site.text("sitemap.xml").unwrap());
    let locs: Vec<String> = select(&sitemap, "loc").iter().map(text).collect();
    for url in [
        format!("{base}/"),
        format!("{base}/delegating/"),
        format!("{base}/delegating/why.html"),
        format!("{base}/coaching/what.html"),
        format!("{base}/handouts/course.html"),
    ] {
        assert!(locs.contains(&url), "{url} not in {locs:?}");
    }
    assert_eq!(locs.len(), 6 + 3, "pages and handouts: {locs:?}");
    assert_eq!(
        site.text("robots.txt").unwrap(),
        format!("User-agent: *\nAllow: /\nSitemap: {base}/sitemap.xml\n")
    );
    let lesson = page(&site, "delegating/why.html");
    assert_eq!(
        select(&lesson, "link[rel=canonical]")[0].attr("href"),
        Some(format!("{base}/delegating/why.html").as_str())
    );
    let nf = page(&site, "404.html");
    let body = select(&nf, "body")[0];
    assert_eq!(body.attr("data-root"), Some(format!("{base}/").as_str()));
    for a in select(&nf, "a[href]") {
        let href = a.attr("href").unwrap();
        assert!(href.starts_with(base) || href == "#main", "{href}");
    }
    for e in select(&nf, "script[src], link[rel=stylesheet]") {
        let url = e.attr("src").or(e.attr("href")).unwrap();
        assert!(url.starts_with(base), "{url}");
    }
}

#[test]
fn without_base_url_there_is_no_sitemap_and_the_404_is_relative() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(Path::new(FIXTURE), dir.path());
    std::fs::write(
        dir.path().join("course.yaml"),
        "title: Publishing test course\n",
    )
    .unwrap();
    let site = build(dir.path());
    assert!(!site.files.contains_key("sitemap.xml"));
    assert!(!site.files.contains_key("robots.txt"));
    let lesson = page(&site, "delegating/why.html");
    assert!(select(&lesson, "link[rel=canonical]").is_empty());
    let nf = page(&site, "404.html");
    assert_eq!(select(&nf, "body")[0].attr("data-root"), Some(""));
    assert_eq!(
        select(&nf, ".not-found a")[0].attr("href"),
        Some("index.html")
    );
    let script = "script[src^='assets/search.js?v=']";
    assert_eq!(select(&nf, script).len(), 1);
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

#[test]
fn check_reports_every_broken_reference_at_once() {
    let root = Path::new("tests/fixtures/check-errors");
    let out = Command::new(env!("CARGO_BIN_EXE_lectern"))
        .args(["check", "."])
        .current_dir(root)
        .output()
        .unwrap();
    let expected = std::fs::read_to_string(root.join("expected.txt")).unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr), expected);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(
        !root.join("public").exists(),
        "check must not write anything"
    );
}

/// A real nginx on a free loopback port, serving `site` under `/training/delegation/`.
struct Nginx {
    child: Child,
    port: u16,
    _dir: tempfile::TempDir,
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_nginx(site: &Path) -> Nginx {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let d = dir.path().display();
    let conf = format!(
        "daemon off;\nworker_processes 1;\npid {d}/nginx.pid;\nerror_log {d}/error.log;\n\
         events {{ worker_connections 64; }}\n\
         http {{\n  include /etc/nginx/mime.types;\n  access_log {d}/access.log;\n\
           client_body_temp_path {d}/body; proxy_temp_path {d}/proxy; fastcgi_temp_path {d}/fastcgi;\n\
           uwsgi_temp_path {d}/uwsgi; scgi_temp_path {d}/scgi;\n\
           server {{\n    listen 127.0.0.1:{port};\n\
             location /training/delegation/ {{\n      alias {}/;\n      index index.html;\n\
               error_page 404 /training/delegation/404.html;\n    }}\n  }}\n}}\n",
        site.display()
    );
    let conf_path = dir.path().join("nginx.conf");
    std::fs::write(&conf_path, conf).unwrap();
    let child = Command::new(common::require_tool("nginx"))
        .arg("-c")
        .arg(&conf_path)
        .arg("-p")
        .arg(dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("nginx starts");
    // dropped (killed and waited for) if it never listens
    let nginx = Nginx {
        child,
        port,
        _dir: dir,
    };
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return nginx;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("nginx did not start listening on port {port}");
}

#[test]
fn sample_course_works_under_nginx_subpath_and_from_disk() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("public");
    let built = Command::new(env!("CARGO_BIN_EXE_lectern"))
        .args(["build", ".", "--quiet", "--out"])
        .arg(&site)
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "the sample course builds:\n{}",
        String::from_utf8_lossy(&built.stderr)
    );
    // missing tools fail the test with how to install them; nothing is skipped
    common::require_tool("chromium");
    common::require_tool("node_modules/playwright-core");
    let node = common::require_tool("node");
    let nginx = start_nginx(&site);
    let base = format!("http://127.0.0.1:{}/training/delegation/", nginx.port);
    let browser = Command::new(node)
        .arg("tests/browser/publish.mjs")
        .arg(&base)
        .arg(&site)
        .output()
        .expect("node runs");
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&browser.stdout),
        String::from_utf8_lossy(&browser.stderr)
    );
    println!("{log}");
    assert!(browser.status.success(), "browser checks failed:\n{log}");
}
