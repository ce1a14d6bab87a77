#!/usr/bin/env python3
"""Where the bytes of a built Lectern site go.

    python3 bench/output_size.py SITE_DIR [--page PATH]

Prints the output folder's total bytes (as `du -sb` counts file contents: the sum of the files'
sizes), the bytes and file count of each kind of file, and, for lesson pages, the average bytes
of each part of a page: head, header, sidebar, main content, pager, footer and inline data
(`<script>` elements without `src`). `--page` breaks down one page instead of the average.

Kinds: lesson pages (`<module>/<page>.html` other than `index.html`), module pages
(`<module>/index.html`), root pages (`index.html`, `progress.html`, ...), handouts
(`handouts/`), search shards (`assets/search/`), module data (`assets/modules/`), other
assets (scripts, styles), and anything else (files copied beside lessons, `static/`).
"""

import argparse
import os
import re
import sys


def kind(rel):
    parts = rel.split("/")
    if parts[0] == "handouts":
        return "handouts"
    if parts[0] == "assets":
        if len(parts) > 2 and parts[1] == "search":
            return "search shards"
        if len(parts) > 2 and parts[1] == "modules":
            return "module data (assets/modules)"
        return "assets (scripts, styles)"
    if len(parts) == 1:
        return "root pages" if rel.endswith(".html") else "other"
    if rel.endswith("/index.html") and len(parts) == 2:
        return "module pages"
    if rel.endswith(".html"):
        return "lesson pages"
    return "other"


# A page's parts, in order: each starts where its marker is first found (after the previous).
PARTS = [
    ("head", "<!doctype"),
    ("header", "<body"),
    ("sidebar", '<nav id="sidebar"'),
    ("content", "<main"),
    ("pager", '<nav class="pager"'),
    ("footer", "</main>"),
]
INLINE = re.compile(rb"<script(?![^>]*\ssrc=)[^>]*>.*?</script>", re.S)


def page_parts(data):
    """Bytes of each part of a page (the inline data is also counted in its part)."""
    starts = []
    at = 0
    for name, marker in PARTS:
        found = data.find(marker.encode(), at)
        if found >= 0:
            starts.append((name, found))
            at = found
    out = {name: 0 for name, _ in PARTS}
    for i, (name, start) in enumerate(starts):
        end = starts[i + 1][1] if i + 1 < len(starts) else len(data)
        out[name] = end - start
    out["inline data"] = sum(len(m.group(0)) for m in INLINE.finditer(data))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("site")
    ap.add_argument("--page", help="a page's path in the site, to break down alone")
    args = ap.parse_args()
    site = args.site.rstrip("/")

    kinds = {}
    lessons = []
    total = 0
    for dirpath, _, files in os.walk(site):
        for f in files:
            path = os.path.join(dirpath, f)
            rel = os.path.relpath(path, site).replace(os.sep, "/")
            size = os.path.getsize(path)
            total += size
            k = kind(rel)
            n, b = kinds.get(k, (0, 0))
            kinds[k] = (n + 1, b + size)
            if k == "lesson pages":
                lessons.append(path)

    print(f"total {total:>15,} bytes  ({total / 1e6:.1f} MB)")
    print(f"{'kind':<32} {'files':>7} {'bytes':>15} {'share':>6} {'per file':>10}")
    for k, (n, b) in sorted(kinds.items(), key=lambda kv: -kv[1][1]):
        print(f"{k:<32} {n:>7,} {b:>15,} {b / total:>6.1%} {b // n:>10,}")

    if args.page:
        pages, label = [os.path.join(site, args.page)], args.page
    else:
        pages, label = lessons, f"average of {len(lessons):,} lesson pages"
    if not pages:
        return
    sums = {}
    size = 0
    for p in pages:
        with open(p, "rb") as fh:
            data = fh.read()
        size += len(data)
        for name, b in page_parts(data).items():
            sums[name] = sums.get(name, 0) + b
    n = len(pages)
    print(f"\nlesson page, {label}: {size / n:,.0f} bytes")
    for name, b in sums.items():
        note = " (within the parts above)" if name == "inline data" else ""
        print(f"  {name:<12} {b / n:>10,.0f}  {b / size:>6.1%}{note}")


if __name__ == "__main__":
    sys.exit(main())
