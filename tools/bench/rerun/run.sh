#!/usr/bin/env bash
# Rerun benchmark (issue #12 §3): what a monthly rerun costs when nothing, or
# only one file, changed, as ratios against a full build of the same drop in
# the same invocation, on a fresh copy of the movies project and its own
# embedded PostgreSQL.
#
#   tools/bench/rerun/run.sh             # full scale (45k movies, 26M ratings)
#   SCALE=0.1 tools/bench/rerun/run.sh   # smaller
#
# Steps, each timed wall clock:
#   1. full build of the drop (the reference)
#   2. the same drop again: every file skipped, every node reused
#   3. the drop with one record of ratings_small.csv changed: that file is
#      loaded again and only what reads it rebuilds (printed)
#   4. the same drop as a zip archive, built, then again (the zip's directory
#      CRC-32s say the files are unchanged without reading them)
# Environment: BUILD (build dir, default <repo>/build), WORK (scratch dir,
# default /tmp/mrun-bench-rerun), SCALE, SEED.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../../.." && pwd)
BUILD=${BUILD:-$REPO/build}
WORK=${WORK:-/tmp/mrun-bench-rerun}
SCALE=${SCALE:-1.0}
SEED=${SEED:-42}
MRUN=$BUILD/mrun
CSV_DIR=$WORK/csv-$SCALE-$SEED
PROJECT=$WORK/project
mkdir -p "$WORK"
chmod 755 "$WORK"  # the embedded server runs as postgres when we are root

if [ ! -f "$CSV_DIR/ratings.csv" ]; then
  rm -rf "$CSV_DIR.tmp"
  "$BUILD/moviegen" --scale "$SCALE" --seed "$SEED" --out-dir "$CSV_DIR.tmp"
  mv "$CSV_DIR.tmp" "$CSV_DIR"
fi
chmod -R a+rX "$CSV_DIR"
DROP=$WORK/drop
rm -rf "$DROP" && cp -r "$CSV_DIR" "$DROP"

if [ -d "$PROJECT/.mrun" ]; then "$MRUN" pg stop --project-dir "$PROJECT" >/dev/null 2>&1 || true; fi
rm -rf "$PROJECT" && mkdir -p "$PROJECT"
cp -r "$REPO/project.yml" "$REPO/models" "$REPO/macros" "$REPO/tests" "$PROJECT/"
chmod -R a+rX "$PROJECT"
unset MRUN_DATABASE_URL
"$MRUN" pg start --project-dir "$PROJECT" >/dev/null

now() { date +%s.%N; }
# build LABEL URI: runs `mrun build`, prints its wall time, keeps its output.
build() {
  local label=$1 uri=$2 t0 t1
  t0=$(now)
  "$MRUN" build --project-dir "$PROJECT" --dataset "$uri" --log-format json > "$WORK/$label.out" 2> "$WORK/$label.err" || {
    echo "mrun build ($label) failed:" >&2; tail -20 "$WORK/$label.out" "$WORK/$label.err" >&2; exit 1; }
  t1=$(now)
  echo "$t1 - $t0" | bc
}
# The models and seeds a run built (not reused), from its JSON events.
rebuilt() {
  python3 - "$WORK/$1.out" <<'PY'
import json, sys
built = []
for line in open(sys.argv[1]):
    if '"node_finished"' not in line: continue
    e = json.loads(line)
    if e["resource_type"] in ("model", "seed") and e["status"] not in ("reused", "skipped"):
        built.append(e["unique_id"].split(".")[-1])
print(" ".join(built) or "(none)")
PY
}
loaded() { grep -o '"event":"load_file_finished","file":"[^"]*"' "$WORK/$1.err" | sed 's/.*"file":"//; s/"$//' | tr '\n' ' '; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
FULL=$(build full "$DROP")
RERUN=$(build rerun "$DROP")
python3 - "$DROP/ratings_small.csv" <<'PY'
import sys
path = sys.argv[1]
lines = open(path).read().split("\n")
fields = lines[5].split(",")            # userId,movieId,rating,timestamp
fields[2] = "0.5" if fields[2] != "0.5" else "5.0"
lines[5] = ",".join(fields)
open(path, "w").write("\n".join(lines))
PY
SMALL=$(build ratings_small "$DROP")
ZIP=$WORK/drop.zip
rm -f "$ZIP" && (cd "$DROP" && zip -q -1 "$ZIP" ./*.csv)
ZIP_FIRST=$(build zip_first "$ZIP")
ZIP_RERUN=$(build zip_rerun "$ZIP")
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
"$MRUN" pg stop --project-dir "$PROJECT" >/dev/null

ratio() { echo "scale=3; $1 / $2" | bc; }
printf '%-44s %8.1f s\n' "full build (reference)" "$FULL"
printf '%-44s %8.1f s  %sx the full build\n' "rerun, unchanged directory drop" "$RERUN" "$(ratio "$RERUN" "$FULL")"
printf '%-44s %8.1f s  %sx   loaded: %s\n' "rerun, ratings_small.csv changed" "$SMALL" "$(ratio "$SMALL" "$FULL")" "$(loaded ratings_small)"
echo "    rebuilt: $(rebuilt ratings_small)"
printf '%-44s %8.1f s  %sx   loaded: %s\n' "build of the same drop as a zip" "$ZIP_FIRST" "$(ratio "$ZIP_FIRST" "$FULL")" "$(loaded zip_first)"
echo "    rebuilt: $(rebuilt zip_first)"
printf '%-44s %8.1f s  %sx\n' "rerun, unchanged zip drop" "$ZIP_RERUN" "$(ratio "$ZIP_RERUN" "$FULL")"
