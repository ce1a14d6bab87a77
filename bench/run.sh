#!/usr/bin/env bash
# Lectern scale benchmark.
#
#   bench/run.sh [RUNS] [SIZES...]      e.g. bench/run.sh 5 1000 10000 (the defaults)
#
# Builds lectern in release mode, generates a course of each size with bench/gen_course.py
# (about sqrt(N) modules, ~600-word lessons with headings, a list, a GFM table, an embedded
# YAML table, a five-item checklist and a link to the next lesson) into a temporary folder,
# then builds each course RUNS times into an empty output folder and prints the median of:
#   wall   elapsed time of `lectern build`
#   cpu    user + system CPU time
#   peak   maximum resident memory
#   edit   a full rebuild after one lesson was edited (build has no cache: it is a full build
#          into the existing output folder, as an author would run it)
#   out    size of the output folder
# Measured with GNU time (`apt-get install -y time` if /usr/bin/time is missing).
#
# Nothing is deleted until every build has been timed: fresh builds of every size first, then
# the rebuilds (each of which replaces, and so deletes, a whole output folder), then cleanup.
# On ext4 without a journal (this project's machine), the kernel skips every inode freed in the
# last 60 s, or 360 s while its inode-table block is still dirty, each time it allocates one
# (recently_deleted() in fs/ext4/ialloc.c): after thousands of deletions, creating files is
# several times slower for minutes. Wait ~6 minutes after deleting a big output folder
# (including a previous run of this script cleaning up) before timing builds on such a disk.
# Set NO_TABLE_DIRECTIVE=1 to leave the ```table directive out of the generated lessons.
set -euo pipefail

runs=${1:-5}
shift || true
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000 10000)

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
target=${CARGO_TARGET_DIR:-$repo/target}
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install -y time" >&2; exit 2; }
(cd "$repo" && cargo build --release --quiet)
lectern=$target/release/lectern
work=$(mktemp -d "${TMPDIR:-/tmp}/lectern-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
gen_flags=()
[ -n "${NO_TABLE_DIRECTIVE:-}" ] && gen_flags+=(--no-table-directive)

# Runs a build under GNU time; prints "wall cpu peak_kib".
measure() {
    /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$lectern" build "$1" --out "$2" --quiet
    awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$work/time"
}

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# Times RUNS builds of course $1 (of $2 lessons) into new, empty folders: a line each in runs-$2.
fresh_builds() {
    for i in $(seq "$runs"); do
        measure "$1" "$work/out-$2-$i" >> "$work/runs-$2"
    done
}

# Times RUNS rebuilds into the first fresh output, each after editing one lesson: edits-$2.
rebuilds() {
    local lesson
    lesson=$(find "$1/content" -name '*.md' ! -name '_index.md' | sort | sed -n 1p)
    for i in $(seq "$runs"); do
        printf '\nEdited again (%s).\n' "$i" >> "$lesson"
        measure "$1" "$work/out-$2-1" >> "$work/edits-$2"
    done
}

col() { awk -v c="$1" '{ print $c }' "$2" | median; }

for n in "${sizes[@]}"; do
    python3 "$here/gen_course.py" "$work/course-$n" "$n" "${gen_flags[@]}"
    fresh_builds "$work/course-$n" "$n"
done
for n in "${sizes[@]}"; do
    rebuilds "$work/course-$n" "$n"
done
printf '%-8s %5s %9s %9s %10s %9s %8s\n' lessons runs wall_s cpu_s peak_MiB edit_s out_MiB
for n in "${sizes[@]}"; do
    size=$(du -sk "$work/out-$n-1" | awk '{ print $1 }')
    printf '%-8s %5s %9s %9s %10.0f %9s %8.0f\n' "$n" "$runs" "$(col 1 "$work/runs-$n")" \
        "$(col 2 "$work/runs-$n")" "$(echo "$(col 3 "$work/runs-$n") / 1024" | bc -l)" \
        "$(col 1 "$work/edits-$n")" "$(echo "$size / 1024" | bc -l)"
done
