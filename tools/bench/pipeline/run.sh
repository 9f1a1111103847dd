#!/usr/bin/env bash
# Pipeline benchmark (issue #6): `mrun build` of the movies project end to end
# on a fresh embedded PostgreSQL, against pandas_pipeline.py (pandas +
# SQLAlchemy, the approach users would otherwise pick) on a second fresh
# database of the same server, in the same run.
#
#   tools/bench/pipeline/run.sh            # full scale (45k movies, 26M ratings)
#   SCALE=0.1 tools/bench/pipeline/run.sh  # smaller
#
# Environment: BUILD (build dir, default <repo>/build), WORK (scratch dir,
# default /tmp/mrun-bench-pipeline), SCALE, SEED, SKIP_PANDAS=1 (mrun only),
# MRUN_FLAGS (more flags for mrun build, e.g. "--publish per_node").
# Prints per-step times (load per file, each model, tests total), the wall
# times and the ratio pandas / mrun.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../../.." && pwd)
BUILD=${BUILD:-$REPO/build}
WORK=${WORK:-/tmp/mrun-bench-pipeline}
SCALE=${SCALE:-1.0}
SEED=${SEED:-42}
MRUN=$BUILD/mrun
CSV_DIR=$WORK/csv-$SCALE-$SEED
PROJECT=$WORK/project
mkdir -p "$WORK"
chmod 755 "$WORK"  # the embedded server runs as postgres when we are root

# 1. The dataset, generated once and cached (plain CSVs: both sides read the same files).
if [ ! -f "$CSV_DIR/ratings.csv" ]; then
  MOVIEGEN=""
  for m in "$BUILD/moviegen" "$BUILD/tools/moviegen/moviegen"; do [ -x "$m" ] && MOVIEGEN=$m && break; done
  [ -n "$MOVIEGEN" ] || { echo "build moviegen first: cmake --build build --target moviegen" >&2; exit 2; }
  rm -rf "$CSV_DIR.tmp"
  "$MOVIEGEN" --scale "$SCALE" --seed "$SEED" --out-dir "$CSV_DIR.tmp"
  mv "$CSV_DIR.tmp" "$CSV_DIR"
fi
chmod -R a+rX "$CSV_DIR"

# 2. A fresh copy of the movies project (its embedded cluster lives under it).
if [ -d "$PROJECT/.mrun" ]; then "$MRUN" pg stop --project-dir "$PROJECT" >/dev/null 2>&1 || true; fi
rm -rf "$PROJECT"
mkdir -p "$PROJECT"
cp -r "$REPO/project.yml" "$REPO/models" "$REPO/macros" "$REPO/tests" "$PROJECT/"
chmod -R a+rX "$PROJECT"
unset MRUN_DATABASE_URL
rm -f "$WORK/pandas.err" "$WORK/run_results.json"
now() { date +%s.%N; }

echo "load average before mrun: $(cut -d' ' -f1-3 /proc/loadavg)"
t0=$(now)
status=0
# shellcheck disable=SC2086 # MRUN_FLAGS is a list of flags
"$MRUN" build --project-dir "$PROJECT" --vars "{dataset_uri: '$CSV_DIR'}" ${MRUN_FLAGS:-} \
  > "$WORK/mrun.out" 2> "$WORK/mrun.err" || status=$?
t1=$(now)
MRUN_S=$(echo "$t1 - $t0" | bc)
echo "load average after mrun:  $(cut -d' ' -f1-3 /proc/loadavg)"
[ "$status" = 0 ] || { echo "mrun build failed (exit $status):" >&2; tail -40 "$WORK/mrun.out" "$WORK/mrun.err" >&2; }
cp "$PROJECT/target/run_results.json" "$WORK/run_results.json" 2>/dev/null || true

# 3. pandas on a second fresh database of the same (already running) server.
PANDAS_S=""
if [ "${SKIP_PANDAS:-0}" != 1 ]; then
  URL=$("$MRUN" pg start --project-dir "$PROJECT" | tail -1)
  PANDAS_URL=$(echo "$URL" | sed -E 's#^(postgres(ql)?://[^/?]*)(/[^?]*)?#\1/pandas_bench#')
  psql "$URL" -X -q -c "DROP DATABASE IF EXISTS pandas_bench" -c "CREATE DATABASE pandas_bench"
  echo "load average before pandas: $(cut -d' ' -f1-3 /proc/loadavg)"
  t0=$(now)
  /usr/bin/python3 "$HERE/pandas_pipeline.py" --db "$PANDAS_URL" --data-dir "$CSV_DIR" 2> "$WORK/pandas.err" \
    || { cat "$WORK/pandas.err" >&2; exit 1; }
  t1=$(now)
  PANDAS_S=$(echo "$t1 - $t0" | bc)
  echo "load average after pandas:  $(cut -d' ' -f1-3 /proc/loadavg)"
fi
"$MRUN" pg stop --project-dir "$PROJECT" >/dev/null 2>&1 || true

# 4. Report.
/usr/bin/python3 "$HERE/report.py" --run-results "$WORK/run_results.json" --mrun-log "$WORK/mrun.err" \
  --mrun-log "$WORK/mrun.out" --pandas-log "$WORK/pandas.err" --mrun-seconds "$MRUN_S" \
  --pandas-seconds "${PANDAS_S:-0}" --data-dir "$CSV_DIR"
exit "$status"
