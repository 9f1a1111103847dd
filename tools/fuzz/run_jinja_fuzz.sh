#!/bin/sh
# Builds the Jinja fuzz target with clang (libFuzzer + AddressSanitizer +
# UBSan, linked against the mrun_jinja library: tools/fuzz/CMakeLists.txt)
# and runs it from the seed corpus.
#   tools/fuzz/run_jinja_fuzz.sh [RUNS] [BUILD_DIR]
# By default (CI) it runs a bounded search: a fixed seed (FUZZ_SEED, default
# 1) and a fixed number of inputs (RUNS, default 300000: 25-40 s here), at
# most FUZZ_SECONDS (default 600). The search still differs between
# machines (libFuzzer orders seeds of one size as the folder lists them, and
# coverage depends on addresses), so a find is printed at the end, with the
# input, to be reproduced by running the target on it. To search further:
# FUZZ_SEED=0 (a random seed) and RUNS=0 (until FUZZ_SECONDS have passed).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
runs=${1:-300000}
out=${2:-$root/build}/fuzz
seconds=${FUZZ_SECONDS:-600}
[ "$runs" = 0 ] && runs=-1  # libFuzzer: no limit
rm -rf "$out/corpus" && mkdir -p "$out/corpus" "$out/artifacts"
# A build tree of its own, with clang and -DMRUN_FUZZ=ON (CMakeLists.txt);
# only the fuzz target and the libraries it links are compiled.
cmake -B "$out/build" -S "$root" -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
  -DCMAKE_BUILD_TYPE=Debug -DMRUN_FUZZ=ON >"$out/configure.log" || { cat "$out/configure.log"; exit 1; }
cmake --build "$out/build" --target jinja_fuzz -j"$(nproc)" >"$out/build.log" || { tail -50 "$out/build.log"; exit 1; }
bin="$out/build/tools/fuzz/jinja_fuzz"
cp "$here"/corpus/jinja/* "$out/corpus/"
# -timeout: one input may not take longer than 30 s (a hang is a failure;
# CI runs this beside other tests, under ASan).
# Leak checking is off: templates can build reference cycles on purpose
# ({% do l.append(l) %}) that Python's GC would collect; macro scopes are
# checked for cycles by environment_test.cpp instead.
# -detect_leaks=0 covers the fuzzing loop only; LeakSanitizer still runs at
# exit unless ASan is told too.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
status=0
"$bin" "$out/corpus" -dict="$here/jinja.dict" -runs="$runs" -max_total_time="$seconds" -timeout=30 \
  -rss_limit_mb=2048 -max_len=4096 -print_final_stats=1 -detect_leaks=0 -artifact_prefix="$out/artifacts/" \
  -seed="${FUZZ_SEED:-1}" > "$out/fuzz.log" 2>&1 || status=$?
grep -E '^(Done|stat::)' "$out/fuzz.log" || true
if [ "$status" != 0 ]; then
  # What failed and on which input, last (CI shows the end of the output).
  grep -B2 -A30 -E '^==[0-9]+==|^ALARM|^libFuzzer: |SUMMARY' "$out/fuzz.log" | head -80
  for f in "$out"/artifacts/*; do
    [ -f "$f" ] || continue
    echo "input $f (reproduce: $bin $f):"
    od -c "$f" | head -40
  done
  echo "jinja_fuzz failed (exit $status); full log: $out/fuzz.log"
fi
exit "$status"
