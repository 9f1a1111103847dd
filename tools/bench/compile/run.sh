#!/usr/bin/env bash
# Compile benchmark (issues #5 and #15): `mrun ls` and `mrun compile` of a
# generated project of 10,000 models and 20,000 schema tests (gen_project.py),
# each in a fresh process, RUNS times (median wall and median user+sys CPU
# reported: on a shared machine the CPU time is the steadier number).
# Measured three ways: ls with no target/; compile into a new target/ (the
# old one moved away before each run: 30,000 files created); compile again
# into the target/ the previous compile left (the everyday case: files whose
# SQL is unchanged are not rewritten). Targets (issue #15): ls < 0.3 s,
# compile < 1 s wall.
# Reference in the same run: Python's Jinja2 rendering the same models
# (jinja2_reference.py; REFERENCE=0 skips it).
#
#   tools/bench/compile/run.sh
#   MODELS=2000 RUNS=3 tools/bench/compile/run.sh
#
# Environment: BUILD (default <repo>/build), WORK (default /tmp/mrun-bench-compile),
# MODELS (10000), RUNS (5), REFERENCE (1).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../../.." && pwd)
BUILD=${BUILD:-$REPO/build}
WORK=${WORK:-/tmp/mrun-bench-compile}
MODELS=${MODELS:-10000}
RUNS=${RUNS:-5}
MRUN=$BUILD/mrun
PROJECT=$WORK/project-$MODELS
# compile needs no database; a dummy URL makes sure nothing starts one.
export MRUN_DATABASE_URL=${MRUN_DATABASE_URL:-postgresql:///x?host=/nonexistent}

if [ ! -f "$PROJECT/project.yml" ]; then
  rm -rf "$PROJECT.tmp"
  /usr/bin/python3 "$HERE/gen_project.py" "$PROJECT.tmp" --models "$MODELS"
  mv "$PROJECT.tmp" "$PROJECT"
fi
echo "project: $PROJECT: $(find "$PROJECT/models" -name '*.sql' | wc -l) models, $(find "$PROJECT/models" -name schema.yml | wc -l) schema.yml files"

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
time_cmd() {  # prints "wall cpu" seconds of one run of "$@" (stdout to $WORK/last.out)
  /usr/bin/time -f '%e %U %S' -o "$WORK/last.time" "$@" > "$WORK/last.out" 2> "$WORK/last.err" ||
    { echo "failed: $*" >&2; tail -5 "$WORK/last.err" >&2; exit 1; }
  awk '{printf "%.2f %.2f\n", $1, $2 + $3}' "$WORK/last.time"
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
# One measurement: "$1" is the label, "$2" the command, "$3" whether the
# previous target/ is moved away first.
measure() {
  local label=$1 cmd=$2 fresh=$3 times=() cpus=()
  for _ in $(seq "$RUNS"); do
    # Move the old target/ away, delete it after timing: deleting 30,000 files
    # on this ext4 (mounted with discard) slows file creation right after it
    # (7 s compiles became 28 s with rm -rf just before each run).
    [ "$fresh" = 1 ] && [ -d "$PROJECT/target" ] && mv "$PROJECT/target" "$WORK/old-target.$$.$RANDOM"
    read -r wall cpu <<< "$(time_cmd "$MRUN" "$cmd" --project-dir "$PROJECT")"
    times+=("$wall")
    cpus+=("$cpu")
  done
  m=$(printf '%s\n' "${times[@]}" | median)
  c=$(printf '%s\n' "${cpus[@]}" | median)
  target=$([ "$cmd" = ls ] && echo 0.3 || echo 1.0)
  verdict=$(echo "$m < $target" | bc | sed 's/1/met/;s/0/MISSED/')
  printf 'mrun %-30s median %6.2f s wall, %5.2f s CPU (user+sys)  runs: %s  (target < %s s: %s)\n' \
    "$label" "$m" "$c" "${times[*]}" "$target" "$verdict"
}
measure "ls" ls 1
echo "  ls listed $(wc -l < "$WORK/last.out") lines"
measure "compile (new target/)" compile 1
measure "compile (existing target/)" compile 0
rm -rf "$WORK"/old-target.*
echo "  compiled files: $(find "$PROJECT/target/compiled" -name '*.sql' 2>/dev/null | wc -l)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "${REFERENCE:-1}" = 1 ]; then
  echo "reference, Python Jinja2 render of the same models: $(/usr/bin/python3 "$HERE/jinja2_reference.py" "$PROJECT")"
fi
