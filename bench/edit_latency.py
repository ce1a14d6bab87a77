#!/usr/bin/env python3
"""Edit-to-served latency of `lectern serve` for every kind of change an author makes.

usage: edit_latency.py LECTERN_BINARY LESSONS [EDITS]

Generates a course of LESSONS lessons (serve_gen.py), starts `lectern serve` on a free port,
then for each kind of change writes the files EDITS times and polls over HTTP until the change
is served (the edited page shows the marker, a new page answers, a deleted one is gone).
Prints p50 and p95 of file write -> change served per kind, in milliseconds. BENCH_KINDS
(comma-separated names as printed) measures only those kinds.
Build the binary with `cargo build --release` and copy it first (the shared target folder
may be rebuilt by others while the benchmark runs). For write -> new text in the browser's
DOM, see edit_visible.mjs.
"""
import os
import sys
import time

from serve_latency import get, pct, start

HERE = os.path.dirname(os.path.abspath(__file__))
TIMEOUT = 30.0


def status_and_body(port, path):
    """(status, body) of GET path."""
    text = get(port, path)
    return int(text.split(" ", 2)[1]), text


def write(path, text):
    with open(path, "w") as f:
        f.write(text)


class Course:
    """The generated course and the edits made to it."""

    def __init__(self, root):
        self.root = root
        self.m1 = os.path.join(root, "content", "001-module-1")
        self.lesson = os.path.join(self.m1, "0002-lesson-2.md")
        self.base = open(self.lesson).read()
        self.table = os.path.join(root, "content", "tables", "roles.yaml")
        self.table_base = open(self.table).read()
        self.config = os.path.join(root, "course.yaml")
        self.config_base = open(self.config).read()
        self.css = os.path.join(root, "themes", "bench", "static", "theme.css")
        self.template = os.path.join(root, "themes", "bench", "templates", "lesson.html")
        default = os.path.join(HERE, "..", "themes", "default", "templates", "lesson.html")
        self.template_base = open(default).read()
        os.makedirs(os.path.dirname(self.template), exist_ok=True)

    def kinds(self):
        """(name, edit(marker) -> (url, served(status, body) -> bool))."""
        return [
            ("lesson body", self.body),
            ("lesson title", self.title),
            ("table", self.table_row),
            ("course.yaml", self.course_title),
            ("theme CSS", self.stylesheet),
            ("theme template", self.lesson_template),
            ("add lesson", self.add),
            ("rename lesson", self.rename),
            ("delete lesson", self.delete),
            ("static file", self.static),
        ]

    def body(self, marker):
        write(self.lesson, self.base + f"\n{marker}\n")
        return "/module-1/lesson-2.html", lambda s, b: marker in b

    def title(self, marker):
        write(self.lesson, self.base.replace("title: Lesson 1.2", f"title: Lesson {marker}", 1))
        return "/module-1/lesson-3.html", lambda s, b: marker in b

    def table_row(self, marker):
        write(self.table, self.table_base.replace("owner: Seller", f"owner: Seller {marker}"))
        return "/module-1/lesson-1.html", lambda s, b: marker in b

    def course_title(self, marker):
        write(self.config, self.config_base.replace("title: Generated", f"title: {marker} Generated"))
        return "/module-1/lesson-2.html", lambda s, b: marker in b

    def stylesheet(self, marker):
        write(self.css, f"body {{ outline: none; }} /* {marker} */\n")
        return "/assets/theme.css", lambda s, b: marker in b

    def lesson_template(self, marker):
        write(self.template, self.template_base.replace("</article>", f"<!-- {marker} --></article>"))
        return "/module-1/lesson-2.html", lambda s, b: marker in b

    def add(self, marker):
        slug = "added-" + marker.split()[-1].replace(".", "")
        write(os.path.join(self.m1, f"9000-{slug}.md"), f"---\ntitle: {marker}\n---\n\nNew.\n")
        self.added = slug
        return f"/module-1/{slug}.html", lambda s, b: s == 200 and marker in b

    def rename(self, marker):
        slug = "renamed-" + marker.split()[-1].replace(".", "")
        os.rename(os.path.join(self.m1, f"9000-{self.added}.md"), os.path.join(self.m1, f"9000-{slug}.md"))
        self.added = slug
        return f"/module-1/{slug}.html", lambda s, b: s == 200

    def delete(self, marker):
        os.remove(os.path.join(self.m1, f"9000-{self.added}.md"))
        return f"/module-1/{self.added}.html", lambda s, b: s == 404

    def static(self, marker):
        name = "file-" + marker.split()[-1].replace(".", "") + ".txt"
        write(os.path.join(self.root, "static", name), marker)
        return f"/{name}", lambda s, b: s == 200 and marker in b


def measure(port, course, name, edit, edits):
    times = []
    for i in range(edits):
        marker = f"Bench {name.replace(' ', '-')} {i} {time.time():.6f}"
        t0 = time.perf_counter()
        url, served = edit(marker)
        while not served(*status_and_body(port, url)):
            if time.perf_counter() - t0 > TIMEOUT:
                raise SystemExit(f"{name}: not served after {TIMEOUT} s")
            time.sleep(0.001)
        times.append((time.perf_counter() - t0) * 1000)
        time.sleep(0.15)
    return times


def main():
    binary, lessons = sys.argv[1], int(sys.argv[2])
    edits = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    root, port, server = start(binary, lessons)
    try:
        while "Serving" not in (line := server.stdout.readline().decode()):
            if not line:
                raise SystemExit("the server did not start")
        course = Course(root)
        print(f"{lessons} lessons, {edits} edits each: file write -> change served")
        print("| change | p50 ms | p95 ms |\n|---|---|---|")
        only = os.environ.get("BENCH_KINDS")  # e.g. "lesson body,lesson title"
        for name, edit in course.kinds():
            if only and name not in only.split(","):
                continue
            if name in ("rename lesson", "delete lesson"):
                # each of these needs the lesson the previous kind made, so they go in turns
                continue
            if name == "add lesson":
                times = {"add lesson": [], "rename lesson": [], "delete lesson": []}
                for _ in range(edits):
                    for kind, fn in (("add lesson", course.add), ("rename lesson", course.rename),
                                     ("delete lesson", course.delete)):
                        times[kind] += measure(port, course, kind, fn, 1)
                for kind, t in times.items():
                    print(f"| {kind} | {pct(t, 50):.0f} | {pct(t, 95):.0f} |")
                continue
            t = measure(port, course, name, edit, edits)
            print(f"| {name} | {pct(t, 50):.0f} | {pct(t, 95):.0f} |")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
