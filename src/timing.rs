//! Phase timings for profiling a build: set `LECTERN_TIMINGS=1` and every phase boundary
//! prints the time since the process started, and on Linux the CPU time the process has used
//! (all threads, user + system) and its peak memory so far, to stderr. Off, a mark costs one
//! atomic load.

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
        let wall = t.elapsed().as_secs_f64() * 1e3;
        match usage() {
            Some((cpu, peak)) => {
                eprintln!("{wall:>8.1} ms {cpu:>8.1} ms cpu {peak:>5} MiB peak  {label}")
            }
            None => eprintln!("{wall:>8.1} ms  {label}"),
        }
    }
}

/// User + system CPU time of the whole process so far, in milliseconds, where the platform
/// tells it (Linux with glibc).
pub fn cpu_ms() -> Option<f64> {
    usage().map(|(cpu, _)| cpu)
}

/// User + system CPU time of the whole process so far, in milliseconds, and its peak resident
/// memory so far, in MiB.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn usage() -> Option<(f64, i64)> {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::uninit();
    // SAFETY: getrusage fills the struct it is given; it is read only when the call succeeded
    let usage = unsafe {
        if libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr()) != 0 {
            return None;
        }
        usage.assume_init()
    };
    let ms = |t: libc::timeval| t.tv_sec as f64 * 1e3 + t.tv_usec as f64 / 1e3;
    // ru_maxrss is in KiB on Linux
    Some((
        ms(usage.ru_utime) + ms(usage.ru_stime),
        usage.ru_maxrss / 1024,
    ))
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn usage() -> Option<(f64, i64)> {
    None
}
