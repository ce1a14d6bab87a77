//! A timing of the search index alone on a real course, for profiling: run with
//! `LECTERN_BENCH_COURSE=<course folder> cargo test --release --lib search::bench -- --ignored
//! --nocapture`. Prints the wall and process CPU time of each of a few index builds
//! (`LECTERN_BENCH_RUNS`, 7 by default).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use crate::site::{Output, Sink};
use crate::Diagnostic;

/// A sink that only counts the bytes it is given.
#[derive(Default)]
struct Measure(AtomicUsize);

impl Sink for Measure {
    fn put(&self, _path: String, output: Output) -> Result<(), Diagnostic> {
        let len = match &output {
            Output::Text(text) => text.len(),
            _ => 0,
        };
        self.0.fetch_add(len, Ordering::Relaxed);
        Ok(())
    }
}

/// User + system CPU time of the process so far, in milliseconds.
fn cpu_ms() -> f64 {
    crate::timing::cpu_ms().expect("CPU time is read on Linux with glibc")
}

#[test]
#[ignore = "a timing, not a test: needs LECTERN_BENCH_COURSE"]
fn time_the_search_index() {
    let root = std::env::var_os("LECTERN_BENCH_COURSE")
        .expect("set LECTERN_BENCH_COURSE to the course folder to time");
    let source = crate::load::load(std::path::Path::new(&root)).expect("the course loads");
    let model_options = crate::model::ModelOptions { drafts: false };
    let course = crate::model::build(source, model_options).expect("the course models");
    let rendered: Vec<_> = (0..course.pages.len())
        .map(|i| std::sync::Arc::new(crate::render::page_markdown(&course, i)))
        .collect();
    let runs = std::env::var("LECTERN_BENCH_RUNS").map_or(7, |n| n.parse().unwrap_or(7));
    for _ in 0..runs {
        let (wall, cpu) = (Instant::now(), cpu_ms());
        let sink = Measure::default();
        super::index_files(&course, &rendered, &sink).expect("no sink errors");
        let bytes = sink.0.load(Ordering::Relaxed);
        let (wall, cpu) = (wall.elapsed().as_secs_f64() * 1e3, cpu_ms() - cpu);
        eprintln!("search index: {wall:7.1} ms wall {cpu:7.1} ms cpu, {bytes} bytes");
    }
}
