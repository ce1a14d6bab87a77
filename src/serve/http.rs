//! HTTP: answers requests from the in-memory [`Site`] of the last good build.
//!
//! Only files of the built site are served. A request path is percent-decoded once and then
//! refused (404) if it holds `..` or `.` segments, backslashes, NUL, or an empty segment, so
//! `..`, `%2e%2e`, `%5c` and absolute paths (`//etc/passwd`) never reach the disk. Copied files
//! (`Output::Copy`) are read from disk only when their real path stays inside the course
//! folder, which also stops symbolic links that point out of it. `x/` serves `x/index.html`
//! when the site has one; there are no directory listings.

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use axum::body::Body as HttpBody;
use axum::extract::State;
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use super::reload::{self, Reloader, EVENTS_PATH};
use super::served::Served;
use crate::site::Output;

/// What the server currently serves.
pub struct Current {
    pub served: Served,
    /// The last build's errors (Display text), while it failed.
    pub error: Option<String>,
    /// Counts the site's updates, so that whole-course files made for an older version are
    /// not put in.
    pub generation: u64,
}

/// Shared between the HTTP handlers and the rebuild thread.
pub struct AppState {
    pub current: RwLock<Current>,
    pub reloader: Reloader,
    /// The course folder, resolved, for the symlink check of copied files.
    pub real_root: std::path::PathBuf,
}

pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(events))
        .route(reload::MORPH_PATH, get(morph_script))
        .fallback(get(file))
        .with_state(state)
}

async fn events(State(state): State<Arc<AppState>>) -> impl IntoResponse {
    state.reloader.events()
}

async fn morph_script() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        reload::MORPH_JS,
    )
}

async fn file(State(state): State<Arc<AppState>>, uri: Uri) -> Response {
    let path = site_path(uri.path());
    // Take what is needed under the lock (a copy of one page, or a path to read), no more.
    let (found, not_found_page, error) = {
        let current = state.current.read().unwrap_or_else(|e| e.into_inner());
        let site = &current.served.site;
        let found = path.and_then(|path| {
            let index = format!("{path}/index.html");
            let (path, output) = match site.files.get(&path) {
                Some(output) => (path, output),
                None => (index.clone(), site.files.get(&index)?),
            };
            Some((path, Body::of(output)))
        });
        let fallback = found
            .is_none()
            .then(|| site.text("404.html").map(str::to_string));
        (found, fallback.flatten(), current.error.clone())
    };
    match found.and_then(|(path, b)| Some((path, b.read(&state.real_root)?))) {
        Some((path, bytes)) => respond(StatusCode::OK, &path, bytes, error.as_deref()),
        None => not_found(not_found_page, error.as_deref()),
    }
}

/// A file's contents, taken out of the site: bytes, or a course file to read.
enum Body {
    Bytes(Vec<u8>),
    Copy(PathBuf),
}

impl Body {
    fn of(output: &Output) -> Body {
        match output {
            Output::Text(s) => Body::Bytes(s.as_bytes().to_vec()),
            Output::Bytes(b) => Body::Bytes(b.to_vec()),
            Output::Copy(path) => Body::Copy(path.clone()),
        }
    }

    /// The bytes; a copied file only when its real path stays inside the course folder.
    fn read(self, real_root: &Path) -> Option<Vec<u8>> {
        match self {
            Body::Bytes(b) => Some(b),
            Body::Copy(path) => {
                let real = std::fs::canonicalize(&path).ok()?;
                if !real.starts_with(real_root) || !real.is_file() {
                    return None;
                }
                std::fs::read(real).ok()
            }
        }
    }
}

/// The site path a request path names, or `None` when it tries to leave the site.
pub fn site_path(request: &str) -> Option<String> {
    let decoded = percent_decode(request)?;
    let path = decoded.strip_prefix('/')?;
    if path.contains('\\') || path.contains('\0') || path.starts_with('/') {
        return None;
    }
    let path = path.strip_suffix('/').map_or(path.to_string(), |p| {
        if p.is_empty() {
            "index.html".into()
        } else {
            format!("{p}/index.html")
        }
    });
    let path = if path.is_empty() {
        "index.html".into()
    } else {
        path
    };
    let bad = path
        .split('/')
        .any(|s| s.is_empty() || s == "." || s == ".." || s.contains(':'));
    (!bad).then_some(path)
}

/// Decodes `%XX` escapes; `None` for a malformed escape or a result that is not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn respond(status: StatusCode, path: &str, bytes: Vec<u8>, error: Option<&str>) -> Response {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let is_html = mime.essence_str() == "text/html";
    let bytes = if is_html {
        reload::inject(&String::from_utf8_lossy(&bytes), error).into_bytes()
    } else {
        bytes
    };
    let content_type = match mime.type_() {
        mime_guess::mime::TEXT => format!("{}; charset=utf-8", mime.essence_str()),
        _ if mime.essence_str() == "application/javascript" => {
            "text/javascript; charset=utf-8".into()
        }
        _ => mime.essence_str().to_string(),
    };
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, content_type)
        .header(header::CACHE_CONTROL, "no-store")
        .header("x-content-type-options", "nosniff")
        .body(HttpBody::from(bytes))
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

fn not_found(page: Option<String>, error: Option<&str>) -> Response {
    let page = page.unwrap_or_else(|| {
        "<!doctype html><title>Not found</title><body><h1>Not found</h1></body>".into()
    });
    respond(StatusCode::NOT_FOUND, "404.html", page.into_bytes(), error)
}

#[cfg(test)]
mod tests {
    use super::site_path;

    #[test]
    fn site_paths_stay_inside_the_site() {
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(site_path("/m/").as_deref(), Some("m/index.html"));
        assert_eq!(site_path("/m/a%20b.html").as_deref(), Some("m/a b.html"));
        for bad in [
            "/../x",
            "/%2e%2e/x",
            "/%2E%2E/x",
            "/a/..",
            "/a\\b",
            "/a%5cb",
            "//etc/passwd",
            "/%2fetc/passwd",
            "/a//b",
            "/./a",
            "/%00",
            "/%zz",
            "/C:/x",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
    }
}
