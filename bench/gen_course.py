#!/usr/bin/env python3
"""Generate a synthetic Lectern course for benchmarks.

    python3 bench/gen_course.py OUT_DIR LESSONS [--seed N] [--no-table-directive]

Writes OUT_DIR/course.yaml and OUT_DIR/content/ with LESSONS lessons spread over about
sqrt(LESSONS) modules (m001/, m002/, ...). Each lesson is about 600 words with ## and ###
headings, a bullet list, a five-item task-list checklist, a GFM table, an embedded YAML table
(a ```table directive reading tables/bench.yaml; leave it out with --no-table-directive on
builds that do not know the directive yet) and a link to the next lesson. The same arguments
always produce the same files (the word stream is seeded).
"""

import argparse
import math
import os
import random
import shutil

WORDS = (
    "seller manager team coach delegate goal pipeline forecast account deal quota review "
    "feedback trust skill habit practice question listen observe support recognise result "
    "customer territory meeting plan week month quarter target growth learning confidence "
    "decision authority protocol check resource progress outcome effort risk win call visit "
    "proposal margin price value need problem solution follow change role responsibility"
).split()

TABLE_YAML = """title: Who does what
caption: A benchmark table embedded in every lesson
key: activity
columns:
  - { id: activity, label: Activity }
  - { id: sellers, label: Sellers }
  - { id: managers, label: Managers }
rows:
  - activity: Prospecting
    sellers: Find and qualify new accounts.
    managers: Set territory priorities.
  - activity: Forecasting
    sellers: Report the state of each deal.
    managers: Roll up and challenge the forecast.
  - activity: Coaching
    sellers: Ask for feedback after calls.
    managers: Observe, ask questions, develop skills.
"""


def sentence(rng, lo=8, hi=16):
    words = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def paragraph(rng, sentences=5):
    return " ".join(sentence(rng) for _ in range(sentences))


def title(rng, words=4):
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


def lesson(rng, number, next_link, directive):
    """One lesson of about 600 words."""
    parts = [
        "---",
        f"title: Lesson {number} — {title(rng)}",
        f"description: {sentence(rng)}",
        "objectives:",
        f"  - {sentence(rng, 5, 8)}",
        f"  - {sentence(rng, 5, 8)}",
        f"duration: {rng.randint(5, 20)} min",
        "---",
        "",
        f"## {title(rng, 3)} overview",
        "",
        paragraph(rng),
        "",
        paragraph(rng),
        "",
        f"### {title(rng, 2)} in practice",
        "",
        paragraph(rng),
        "",
    ]
    parts += [f"- {sentence(rng, 4, 9)}" for _ in range(4)]
    parts += ["", f"## {title(rng, 3)} by role", "", paragraph(rng, 4), ""]
    parts += [
        "| Step | Who | What |",
        "|---|---|---|",
    ]
    for step in range(1, 5):
        parts.append(f"| {step} | {rng.choice(WORDS)} | {sentence(rng, 4, 7)} |")
    parts.append("")
    if directive:
        parts += ["```table", "src: tables/bench.yaml", "```", ""]
    parts += [f"### {title(rng, 2)} details", "", paragraph(rng), "", paragraph(rng, 4), ""]
    parts += ["## Check yourself", ""]
    parts += [f"- [ ] {sentence(rng, 4, 8)}" for _ in range(5)]
    parts += ["", paragraph(rng, 4), ""]
    if next_link:
        parts += [f"Continue with the [next]({next_link}) lesson.", ""]
    return "\n".join(parts)


def lesson_file(position, number, width):
    """`03-lesson-0042.md`: the prefix orders, the number keeps slugs unique in a module."""
    return f"{position + 1:0{width}}-lesson-{number + 1:05}.md"


def generate(out, lessons, seed, directive):
    rng = random.Random(seed)
    if os.path.exists(out):
        shutil.rmtree(out)
    content = os.path.join(out, "content")
    os.makedirs(os.path.join(content, "tables"))
    with open(os.path.join(out, "course.yaml"), "w") as f:
        f.write(f"id: benchmark-course-of-{lessons}-lessons\ntitle: Benchmark course of {lessons} lessons\nlanguage: en\n")
    with open(os.path.join(content, "_index.md"), "w") as f:
        f.write(f"---\ntitle: Benchmark course\n---\n\n{paragraph(rng)}\n")
    with open(os.path.join(content, "tables", "bench.yaml"), "w") as f:
        f.write(TABLE_YAML)
    per_module = max(1, round(math.sqrt(lessons)))
    modules = math.ceil(lessons / per_module)
    width = max(2, len(str(per_module)))
    for m in range(modules):
        first = m * per_module
        count = min(per_module, lessons - first)
        folder = os.path.join(content, f"m{m + 1:03}")
        os.makedirs(folder)
        with open(os.path.join(folder, "_index.md"), "w") as f:
            f.write(f"---\ntitle: Module {m + 1} — {title(rng)}\n---\n\n{paragraph(rng)}\n")
        for i in range(count):
            if i + 1 < count:
                next_link = lesson_file(i + 1, first + i + 1, width)
            elif first + count < lessons:
                next_link = f"../m{m + 2:03}/" + lesson_file(0, first + count, width)
            else:
                next_link = None
            path = os.path.join(folder, lesson_file(i, first + i, width))
            with open(path, "w") as f:
                f.write(lesson(rng, first + i + 1, next_link, directive))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("lessons", type=int)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-table-directive", action="store_true")
    args = parser.parse_args()
    generate(args.out, args.lessons, args.seed, not args.no_table_directive)


if __name__ == "__main__":
    main()
