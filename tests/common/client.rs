//! A raw HTTP client for `lectern serve` tests: the server on a free port, plain requests and
//! the reload event stream.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::time::{Duration, Instant};

use lectern::serve::{start, ServeOptions, Server};
use lectern::BuildOptions;

/// How long a test waits for the server.
pub const WAIT: Duration = Duration::from_secs(20);

/// A response: status, lower-cased head, body.
pub struct Reply {
    pub status: u16,
    pub head: String,
    pub body: String,
}

/// `lectern serve` on the course at `root`, on a free port.
pub fn serve(root: &Path) -> Server {
    start(ServeOptions {
        build: BuildOptions {
            root: root.to_path_buf(),
            drafts: false,
        },
        bind: "127.0.0.1".parse().unwrap(),
        port: 0,
        verbose: false,
    })
    .unwrap()
}

/// One GET request on its own connection.
pub fn get(addr: SocketAddr, path: &str) -> Reply {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(WAIT)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap();
    let status = head[9..12].parse().unwrap();
    Reply {
        status,
        head: head.to_lowercase(),
        body: body.to_string(),
    }
}

/// An open `/__lectern/events` stream.
pub struct Events(BufReader<TcpStream>);

impl Events {
    pub fn open(addr: SocketAddr) -> Events {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream.set_read_timeout(Some(WAIT)).unwrap();
        write!(
            stream,
            "GET /__lectern/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
        )
        .unwrap();
        let mut events = Events(BufReader::new(stream));
        events.next_event("hello");
        events
    }

    /// Reads until an event named `name`; returns its data. Fails after [`WAIT`] in all (the
    /// server's keep-alive comments would otherwise restart a plain read timeout forever).
    pub fn next_event(&mut self, name: &str) -> String {
        let deadline = Instant::now() + WAIT;
        let mut current = String::new();
        let mut data = String::new();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(!left.is_zero(), "no `{name}` event within {WAIT:?}");
            self.0.get_ref().set_read_timeout(Some(left)).unwrap();
            let mut line = String::new();
            let n = self
                .0
                .read_line(&mut line)
                .unwrap_or_else(|e| panic!("no `{name}` event within {WAIT:?}: {e}"));
            assert!(n > 0, "the event stream closed");
            let line = line.trim_end_matches(['\r', '\n']);
            if let Some(e) = line.strip_prefix("event: ") {
                current = e.to_string();
            } else if let Some(d) = line.strip_prefix("data: ") {
                data.push_str(d);
                data.push('\n');
            } else if line.is_empty() && !current.is_empty() {
                if current == name {
                    return data;
                }
                current.clear();
                data.clear();
            }
        }
    }
}
