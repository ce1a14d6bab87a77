#!/usr/bin/env python3
"""Generates a synthetic course for the serve latency benchmark.

usage: serve_gen.py DIR LESSONS [LESSONS_PER_MODULE]

Each lesson has front matter, headings, a link to the previous lesson and to a heading, a
callout and a task list, so an edit exercises the same passes as a real course. A table
under content/tables/ is written too (the first lesson of each module shows it), a theme
`bench` with its own stylesheet, and a file in static/.
"""
import os
import sys


def lesson(m, l, per_module):
    prev = f"{l - 1:04d}-lesson-{l - 1}.md" if l > 1 else "_index.md"
    table = "```table\nsrc: tables/roles.yaml\n```\n" if l == 1 else ""
    return f"""---
title: Lesson {m}.{l}
description: Synthetic lesson {l} of module {m}.
duration: 5 min
objectives:
  - Read lesson {m}.{l}
---

## Overview

This is lesson {l} of module {m}. It follows [the previous page]({prev}) and comes before the
next one. *Emphasis*, **strong** and `code` keep the inline passes busy.

## Details

- First point of lesson {l}
- Second point with a [link to the overview](#overview)

> [!TIP]
> A callout in lesson {l}.

## Checklist

- [ ] I read lesson {m}.{l}
- [ ] I tried the exercise

{table}"""


def main():
    root, lessons = sys.argv[1], int(sys.argv[2])
    per_module = int(sys.argv[3]) if len(sys.argv) > 3 else 50
    content = os.path.join(root, "content")
    os.makedirs(os.path.join(content, "tables"), exist_ok=True)
    with open(os.path.join(root, "course.yaml"), "w") as f:
        f.write(f"id: generated-course-of-{lessons}-lessons\ntitle: Generated course of {lessons} lessons\nlanguage: en\ntheme: bench\n")
    os.makedirs(os.path.join(root, "themes", "bench", "static"), exist_ok=True)
    with open(os.path.join(root, "themes", "bench", "static", "theme.css"), "w") as f:
        f.write("body { outline: none; }\n")
    os.makedirs(os.path.join(root, "static"), exist_ok=True)
    with open(os.path.join(root, "static", "notes.txt"), "w") as f:
        f.write("Shared notes.\n")
    with open(os.path.join(content, "_index.md"), "w") as f:
        f.write("---\ntitle: Generated course\n---\n\nWelcome.\n")
    with open(os.path.join(content, "tables", "roles.yaml"), "w") as f:
        f.write("title: Roles\nkey: task\ncolumns:\n  - { id: task, label: Task }\n"
                "  - { id: owner, label: Owner }\nrows:\n"
                "  - { task: Plan, owner: Manager }\n  - { task: Sell, owner: Seller }\n")
    modules = (lessons + per_module - 1) // per_module
    n = 0
    for m in range(1, modules + 1):
        folder = os.path.join(content, f"{m:03d}-module-{m}")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "_index.md"), "w") as f:
            f.write(f"---\ntitle: Module {m}\n---\n\nModule {m} overview.\n")
        for l in range(1, per_module + 1):
            if n == lessons:
                break
            n += 1
            with open(os.path.join(folder, f"{l:04d}-lesson-{l}.md"), "w") as f:
                f.write(lesson(m, l, per_module))


if __name__ == "__main__":
    main()
