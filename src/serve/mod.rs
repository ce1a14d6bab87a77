//! Stage 5, serve: `lectern serve`, the live-reload authoring server.
//!
//! Startup builds the course in memory (the same pipeline as `build`), binds 127.0.0.1 (or
//! `--bind`) on the first free port from `--port`, and serves the site ([`http`]). A watcher
//! ([`watch`]) sends changed paths to a rebuild thread, which rebuilds through the library's
//! incremental build API ([`crate::build::Session`]), swaps in the new site ([`served`]) and tells open pages over server-sent events
//! ([`reload`]). A failed build keeps the last good site and shows its error in an overlay on
//! every page (and once in the terminal) until a build succeeds.

pub mod http;
pub mod reload;
pub mod served;
pub mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::mpsc;
use std::sync::{Arc, RwLock};
use std::time::Instant;

use crate::build::{Aggregates, Session, Update};
use crate::error::{Diagnostic, Diagnostics};
use crate::BuildOptions;
use http::{AppState, Current};
use reload::{Change, Reloader};
use served::Served;

/// How `lectern serve` runs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub build: BuildOptions,
    pub bind: IpAddr,
    /// The first port to try; the next free one is taken when it is busy (0: any free port).
    pub port: u16,
    /// Print what each rebuild did.
    pub verbose: bool,
}

/// A running server: where it listens; dropping it does not stop it.
pub struct Server {
    pub addr: SocketAddr,
    runtime: tokio::runtime::Runtime,
    _watch: watch::Watch,
}

impl Server {
    /// The URL of the course home.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// Serves until Ctrl-C.
    pub fn wait(self) {
        self.runtime.block_on(async {
            let _ = tokio::signal::ctrl_c().await;
        });
    }
}

/// Builds the course, starts watching and serving in the background, and returns.
pub fn start(options: ServeOptions) -> Result<Server, Diagnostics> {
    let mut builder = Session::new(options.build.clone());
    let mut served = Served::default();
    let error = match builder.rebuild(&[]) {
        Ok(update) => {
            print_new_warnings(&update, &served);
            drop(served.apply(update));
            None
        }
        Err(e) => {
            eprintln!("{e}");
            Some(e.to_string())
        }
    };
    let root = &options.build.root;
    let state = Arc::new(AppState {
        current: RwLock::new(Current {
            served,
            error,
            generation: 0,
        }),
        reloader: Reloader::default(),
        real_root: std::fs::canonicalize(root).unwrap_or_else(|_| root.clone()),
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Diagnostic::file(root, format!("cannot start the server: {e}")))?;
    let listener = runtime.block_on(bind(options.bind, options.port))?;
    let addr = listener
        .local_addr()
        .map_err(|e| Diagnostic::file(root, format!("cannot start the server: {e}")))?;
    let app = http::router(state.clone());
    runtime.spawn(async move {
        if let Err(e) = axum::serve(listener, app).await {
            eprintln!("error: the server stopped: {e}");
        }
    });
    let (tx, rx) = mpsc::channel();
    let watch = watch::watch(root, tx).map_err(|e| {
        Diagnostic::file(root, format!("cannot watch the course folder: {e}"))
            .help("check that the folder exists and that you may read it")
    })?;
    let verbose = options.verbose;
    std::thread::spawn(move || rebuild_loop(builder, rx, state, verbose));
    Ok(Server {
        addr,
        runtime,
        _watch: watch,
    })
}

/// Binds `port`, or the next free port after it.
async fn bind(ip: IpAddr, port: u16) -> Result<tokio::net::TcpListener, Diagnostic> {
    let last = if port == 0 {
        0
    } else {
        port.saturating_add(100)
    };
    let mut tried = port;
    loop {
        match tokio::net::TcpListener::bind((ip, tried)).await {
            Ok(listener) => return Ok(listener),
            Err(e) if tried >= last => {
                return Err(Diagnostic::file(
                    "(server)",
                    format!("cannot listen on {ip} ports {port}–{last}: {e}"),
                )
                .help("pass a free port with --port, or --bind another address"))
            }
            Err(_) => tried += 1,
        }
    }
}

/// Prints the warnings of a full rebuild, unless they were printed already.
fn print_new_warnings(update: &Update, served: &Served) {
    if let Update::Full { warnings, .. } = update {
        if *warnings != served.warnings {
            for warning in warnings {
                eprintln!("{}\n", warning.as_warning());
            }
        }
    }
}

/// Waits for changes, rebuilds, puts the new pages in, tells the open pages, and has the
/// whole-course files made on another thread.
fn rebuild_loop(
    mut builder: Session,
    rx: mpsc::Receiver<Vec<PathBuf>>,
    state: Arc<AppState>,
    verbose: bool,
) {
    let (jobs, queue) = mpsc::channel();
    let aggregator = state.clone();
    std::thread::spawn(move || aggregate_loop(queue, aggregator));
    while let Ok(mut changed) = rx.recv() {
        // Changes that arrived while the last build ran go into this one.
        while let Ok(more) = rx.try_recv() {
            changed.extend(more);
        }
        changed.sort();
        changed.dedup();
        let start = Instant::now();
        let result = builder.rebuild(&changed);
        let mut current = state.current.write().unwrap_or_else(|e| e.into_inner());
        match result {
            Ok(update) => {
                let css_only = current.error.is_none()
                    && changed
                        .iter()
                        .all(|p| p.extension().is_some_and(|e| e == "css"));
                let partial = update.aggregates_pending();
                // copied files alone leave the pages and whole-course files as they are, and
                // the job making them (unless it failed: it is made again)
                let files_only = matches!(
                    update,
                    Update::Files {
                        pages_stale: false,
                        ..
                    }
                );
                let quiet = files_only && current.error.is_none();
                print_new_warnings(&update, &current.served);
                let applied = current.served.apply(update);
                let change = if css_only {
                    Change::Css
                } else {
                    Change::Reload(reload::pages_changed(
                        &applied.changed,
                        &current.served.site,
                    ))
                };
                let recovered = current.error.take().is_some();
                current.generation += u64::from(!quiet);
                let generation = current.generation;
                drop(current);
                state.reloader.send(change);
                let took = start.elapsed();
                drop(applied);
                if let Some(job) = builder
                    .aggregates()
                    .filter(|_| partial || (files_only && !quiet))
                {
                    let _ = jobs.send((generation, job));
                }
                if recovered {
                    println!("Fixed: the course builds again, the pages show it now.");
                }
                if verbose {
                    let (reused, rendered) = builder.last_reuse();
                    let rendered = match rendered {
                        1 => "1 page".to_string(),
                        n => format!("{n} pages"),
                    };
                    println!(
                        "Rebuilt in {} ms ({rendered} rendered, {reused} reused)",
                        took.as_millis()
                    );
                }
            }
            Err(e) => show_error(&e, current, &state),
        }
    }
}

/// Makes the whole-course files for the latest partial rebuild and puts them in, unless the
/// site changed again meanwhile (then a newer job follows).
fn aggregate_loop(queue: mpsc::Receiver<(u64, Aggregates)>, state: Arc<AppState>) {
    // One thread, so that the other core stays free for the next edit and for serving.
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build();
    while let Ok(mut job) = queue.recv() {
        while let Ok(newer) = queue.try_recv() {
            job = newer;
        }
        let (generation, aggregates) = job;
        let make = || {
            let pages = aggregates.pages().transpose()?;
            Ok::<_, Diagnostics>((pages, aggregates.render()?))
        };
        let result = match &pool {
            Ok(pool) => pool.install(make),
            Err(_) => make(),
        };
        let mut current = state.current.write().unwrap_or_else(|e| e.into_inner());
        if current.generation != generation {
            continue;
        }
        let (pages, files) = match result {
            Ok(made) => made,
            Err(e) => {
                show_error(&e, current, &state);
                continue;
            }
        };
        current.served.set_aggregates(files);
        let Some(pages) = pages else { continue };
        // the pages name a theme file's new version: open pages follow
        let applied = current.served.set_pages(pages);
        aggregates.served();
        let change = Change::Reload(reload::pages_changed(
            &applied.changed,
            &current.served.site,
        ));
        drop(current);
        state.reloader.send(change);
        drop(applied);
    }
}

/// A failed build: printed once, kept for the overlay, and pushed to open pages. The lock is
/// released before the event goes out.
fn show_error(
    e: &Diagnostics,
    mut current: std::sync::RwLockWriteGuard<'_, Current>,
    state: &AppState,
) {
    let text = e.to_string();
    eprintln!("{text}");
    current.error = Some(text.clone());
    drop(current);
    state.reloader.send(Change::Error(text));
}
