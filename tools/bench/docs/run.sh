#!/usr/bin/env bash
# Docs benchmark (issue #16): `mrun docs generate` of the generated
# 10,000-model project (tools/bench/compile/gen_project.py --buildable: every
# model a view whose SQL runs), built once on its own embedded PostgreSQL,
# then generated RUNS times (median; wall, and CPU of mrun and its children:
# not the database server's), and the overview page's time to interactive in
# headless Chromium (overview_interactive.mjs).
#
#   tools/bench/docs/run.sh
#   MODELS=2000 RUNS=3 tools/bench/docs/run.sh
#   COLD=1 tools/bench/docs/run.sh   # every model's column lineage analyzed
#   KEEP=1 tools/bench/docs/run.sh   # the site's files rewritten in place
#
# Environment: BUILD (default <repo>/build), WORK (default /tmp/mrun-bench-docs),
# MODELS (10000), RUNS (3), COLD (default 0: the column lineage cache of
# the previous generate is used, as on a user's later generates; 1: deleted
# before each run, as on a first generate), KEEP (default 0: the old site
# is moved away, every file is created anew; 1: the site is left, its files
# rewritten in place, as on a user's later generates: no file is created,
# and creating 10,000 files costs this disk 1-5 s of kernel time). The project and its database are kept in WORK
# between invocations (delete WORK to start over).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../../.." && pwd)
BUILD=${BUILD:-$REPO/build}
WORK=${WORK:-/tmp/mrun-bench-docs}
MODELS=${MODELS:-10000}
RUNS=${RUNS:-3}
MRUN=$BUILD/mrun
PROJECT=$WORK/project-$MODELS
unset MRUN_DATABASE_URL  # the project's own embedded cluster
mkdir -p "$WORK"
chmod 755 "$WORK"  # the embedded server runs as postgres when we are root

if [ ! -f "$PROJECT/built" ]; then
  [ -d "$PROJECT/.mrun" ] && { "$MRUN" pg stop --project-dir "$PROJECT" >/dev/null 2>&1 || true; }
  rm -rf "$PROJECT"
  /usr/bin/python3 "$REPO/tools/bench/compile/gen_project.py" "$PROJECT" --models "$MODELS" --buildable
  chmod -R a+rX "$PROJECT"
  "$MRUN" pg start --project-dir "$PROJECT" >/dev/null
  # Publishing 10,000 relations in one transaction takes a lock on each.
  "$MRUN" --project-dir "$PROJECT" pg psql -q -c "alter system set max_locks_per_transaction = 4096"
  "$MRUN" pg stop --project-dir "$PROJECT" >/dev/null
  "$MRUN" pg start --project-dir "$PROJECT" >/dev/null
  t0=$(date +%s.%N)
  "$MRUN" run -q --project-dir "$PROJECT" > "$WORK/run.log" 2>&1 || { tail -20 "$WORK/run.log" >&2; exit 1; }
  echo "built the $MODELS views in $(echo "$(date +%s.%N) - $t0" | bc | xargs printf '%.1f') s (mrun run, once)"
  touch "$PROJECT/built"
else
  "$MRUN" pg start --project-dir "$PROJECT" >/dev/null
fi

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
walls=() cpus=() syss=()
for _ in $(seq "$RUNS"); do
  # An old site moved away and deleted after timing (deleting many files just
  # before a run slows the file creation of the run on this disk).
  [ "${KEEP:-0}" = 1 ] || { [ -d "$PROJECT/target/docs" ] && mv "$PROJECT/target/docs" "$WORK/old-docs.$$.$RANDOM"; }
  [ "${COLD:-0}" = 1 ] && rm -f "$PROJECT/target/column_lineage_cache.json"
  /usr/bin/time -f '%e %U %S' -o "$WORK/time.out" "$MRUN" docs generate --project-dir "$PROJECT" \
    > "$WORK/generate.out" 2> "$WORK/generate.err" || { cat "$WORK/generate.err" >&2; exit 1; }
  read -r wall user sys < "$WORK/time.out"
  walls+=("$wall") cpus+=("$(echo "$user + $sys" | bc)") syss+=("$sys")
done
rm -rf "$WORK"/old-docs.*
wall=$(printf '%s\n' "${walls[@]}" | median)
cpu=$(printf '%s\n' "${cpus[@]}" | median)
sys=$(printf '%s\n' "${syss[@]}" | median)
printf 'mrun docs generate: median %.2f s wall, %.2f s CPU (user+sys of mrun and its children; sys %.2f s)  runs: %s  (target < 5 s: %s)\n' \
  "$wall" "$cpu" "$sys" "${walls[*]}" "$(echo "$wall < 5" | bc | sed 's/1/met/;s/0/MISSED/')"
echo "  $(head -1 "$WORK/generate.out")"
echo "  $(tail -1 "$WORK/generate.out")"
echo "  site: $(find "$PROJECT/target/docs" -type f | wc -l) files, $(du -sh "$PROJECT/target/docs" | cut -f1)"
node "$HERE/overview_interactive.mjs" "$PROJECT/target/docs" "$MODELS"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
