//! Phase timings for profiling a build: set `LECTERN_TIMINGS=1` and every phase boundary
//! prints the time since the process started to stderr. Off, a mark costs one atomic load.

use std::sync::OnceLock;
use std::time::Instant;

fn start() -> Option<&'static Instant> {
    static START: OnceLock<Option<Instant>> = OnceLock::new();
    START
        .get_or_init(|| std::env::var_os("LECTERN_TIMINGS").map(|_| Instant::now()))
        .as_ref()
}

/// Starts the clock (call first thing in `main`); later marks are measured from here.
pub fn begin() {
    let _ = start();
}

/// Prints `label` with the milliseconds since [`begin`], when timings are on.
pub fn mark(label: &str) {
    if let Some(t) = start() {
        eprintln!("{:>8.1} ms  {label}", t.elapsed().as_secs_f64() * 1e3);
    }
}
