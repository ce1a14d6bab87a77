#!/usr/bin/env python3
"""Edit-to-browser latency of `lectern serve`.

usage: serve_latency.py LECTERN_BINARY LESSONS [EDITS]

Generates a course of LESSONS lessons (serve_gen.py), starts `lectern serve` on a free port,
holds the reload event stream open, then EDITS times: writes one lesson file, waits for the
`reload` event, and fetches the page until it shows the new text. Prints p50 and p95 of
write -> event received and of write -> new page served, in milliseconds.
Build the binary with `cargo build --release` and copy it first (the shared target folder
may be rebuilt by others while the benchmark runs).
"""
import os
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port, path):
    with socket.create_connection(("127.0.0.1", port)) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        chunks = []
        while True:
            data = s.recv(1 << 16)
            if not data:
                return b"".join(chunks).decode("utf-8", "replace")
            chunks.append(data)


def wait_event(stream, name):
    current = None
    while True:
        line = stream.readline()
        if not line:
            raise SystemExit("event stream closed")
        line = line.decode().rstrip("\r\n")
        if line.startswith("event: "):
            current = line[7:]
        elif line == "" and current == name:
            return
        elif line == "":
            current = None


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def start(binary, lessons):
    """Generates a course of `lessons` lessons and starts `binary serve` on it: (root, port,
    server process)."""
    root = tempfile.mkdtemp(prefix=f"lectern-bench-{lessons}-")
    subprocess.run([sys.executable, os.path.join(HERE, "serve_gen.py"), root, str(lessons)], check=True)
    port = free_port()
    server = subprocess.Popen([binary, "serve", root, "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    return root, port, server


def main():
    binary, lessons = sys.argv[1], int(sys.argv[2])
    edits = int(sys.argv[3]) if len(sys.argv) > 3 else 30
    root, port, server = start(binary, lessons)
    try:
        started = time.time()
        while True:
            line = server.stdout.readline().decode()
            if "Serving" in line:
                break
            if not line:
                raise SystemExit("the server did not start")
        print(f"{lessons} lessons: server ready in {time.time() - started:.1f} s")
        sock = socket.create_connection(("127.0.0.1", port))
        sock.sendall(b"GET /__lectern/events HTTP/1.1\r\nHost: x\r\n\r\n")
        stream = sock.makefile("rb")
        wait_event(stream, "hello")
        lesson = os.path.join(root, "content", "001-module-1", "0002-lesson-2.md")
        url = "/module-1/lesson-2.html"
        base = open(lesson).read()
        to_event, to_page = [], []
        for i in range(edits):
            marker = f"Benchmark edit {i} {time.time()}"
            t0 = time.perf_counter()
            with open(lesson, "w") as f:
                f.write(base + f"\n{marker}\n")
            wait_event(stream, "reload")
            t1 = time.perf_counter()
            while marker not in get(port, url):
                time.sleep(0.001)
            t2 = time.perf_counter()
            to_event.append((t1 - t0) * 1000)
            to_page.append((t2 - t0) * 1000)
            if os.environ.get("BENCH_TRACE"):
                print(f"edit {i}: event {(t1 - t0) * 1000:.1f} ms, page {(t2 - t0) * 1000:.1f} ms")
            time.sleep(0.1)
        print(f"{lessons} lessons, {edits} edits: write->event p50 {pct(to_event, 50):.0f} ms "
              f"p95 {pct(to_event, 95):.0f} ms; write->new page p50 {pct(to_page, 50):.0f} ms "
              f"p95 {pct(to_page, 95):.0f} ms")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
