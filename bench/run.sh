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
# Each timed build writes into a new, empty folder; old outputs are removed only after a
# size's runs. On ext4 without a journal, creating files where thousands were deleted in the
# last ~30 s is several times slower (the kernel checks every recently freed inode, see
# recently_deleted() in fs/ext4/ialloc.c), which would otherwise dominate the figures.
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

printf '%-8s %5s %9s %9s %10s %9s %8s\n' lessons runs wall_s cpu_s peak_MiB edit_s out_MiB
for n in "${sizes[@]}"; do
    course=$work/course-$n
    python3 "$here/gen_course.py" "$course" "$n" "${gen_flags[@]}"
    : > "$work/runs"
    for i in $(seq "$runs"); do
        measure "$course" "$work/out-$i" >> "$work/runs"
    done
    mv "$work/out-1" "$work/out"
    rm -rf "$work"/out-*
    : > "$work/edits"
    lesson=$(find "$course/content" -name '*.md' ! -name '_index.md' | sort | sed -n 1p)
    for i in $(seq "$runs"); do
        printf '\nEdited again (%s).\n' "$i" >> "$lesson"
        measure "$course" "$work/out" >> "$work/edits"
    done
    wall=$(awk '{ print $1 }' "$work/runs" | median)
    cpu=$(awk '{ print $2 }' "$work/runs" | median)
    peak=$(awk '{ print $3 }' "$work/runs" | median)
    edit=$(awk '{ print $1 }' "$work/edits" | median)
    size=$(du -sk "$work/out" | awk '{ print $1 }')
    printf '%-8s %5s %9s %9s %10.0f %9s %8.0f\n' "$n" "$runs" "$wall" "$cpu" \
        "$(echo "$peak / 1024" | bc -l)" "$edit" "$(echo "$size / 1024" | bc -l)"
done
