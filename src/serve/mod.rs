//! Stage 5, serve: `lectern serve`, the live-reload authoring server.
//!
//! Startup builds the course in memory (the same pipeline as `build`), binds 127.0.0.1 (or
//! `--bind`) on the first free port from `--port`, and serves the site ([`http`]). A watcher
//! ([`watch`]) sends changed paths to a rebuild thread, which rebuilds incrementally
//! ([`incremental`]), swaps in the new site and tells open pages over server-sent events
//! ([`reload`]). A failed build keeps the last good site and shows its error in an overlay on
//! every page (and once in the terminal) until a build succeeds.

pub mod http;
pub mod incremental;
pub mod reload;
pub mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::mpsc;
use std::sync::{Arc, RwLock};
use std::time::Instant;

use crate::error::{Diagnostic, Diagnostics};
use crate::site::Site;
use crate::BuildOptions;
use http::{AppState, Current};
use incremental::Incremental;
use reload::{Change, Reloader};

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
    let mut builder = Incremental::new(options.build.clone());
    let (site, error) = match builder.rebuild(&[]) {
        Ok(built) => (built.site, None),
        Err(e) => {
            eprintln!("{e}");
            (Site::default(), Some(e.to_string()))
        }
    };
    let root = &options.build.root;
    let state = Arc::new(AppState {
        current: RwLock::new(Current {
            site: Arc::new(site),
            error,
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

/// Waits for changes, rebuilds, swaps the site in and tells the open pages.
fn rebuild_loop(
    mut builder: Incremental,
    rx: mpsc::Receiver<Vec<PathBuf>>,
    state: Arc<AppState>,
    verbose: bool,
) {
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
            Ok(built) => {
                let css_only = current.error.is_none()
                    && changed
                        .iter()
                        .all(|p| p.extension().is_some_and(|e| e == "css"));
                current.site = Arc::new(built.site);
                current.error = None;
                drop(current);
                state.reloader.send(if css_only {
                    Change::Css
                } else {
                    Change::Reload
                });
                if verbose {
                    let (hits, misses) = builder.last_reuse();
                    println!(
                        "Rebuilt in {} ms ({misses} pages rendered, {hits} reused)",
                        start.elapsed().as_millis()
                    );
                }
            }
            Err(e) => {
                let text = e.to_string();
                eprintln!("{text}");
                current.error = Some(text.clone());
                drop(current);
                state.reloader.send(Change::Error(text));
            }
        }
    }
}
