#!/bin/sh
# Builds the Jinja fuzz target with clang (libFuzzer + AddressSanitizer +
# UBSan, linked against the mrun_jinja library: tools/fuzz/CMakeLists.txt)
# and runs it for a bounded time on a copy of the seed corpus.
#   tools/fuzz/run_jinja_fuzz.sh [SECONDS] [BUILD_DIR]
# FUZZ_SEED (default 1) fixes libFuzzer's random seed, so that CI repeats the
# same search instead of failing a landing on a new find at random; run it
# with other seeds (and longer) to search further: FUZZ_SEED=0 picks one at
# random.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
seconds=${1:-60}
out=${2:-$root/build}/fuzz
mkdir -p "$out/corpus"
# A build tree of its own, with clang and -DMRUN_FUZZ=ON (CMakeLists.txt);
# only the fuzz target and the libraries it links are compiled.
cmake -B "$out/build" -S "$root" -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
  -DCMAKE_BUILD_TYPE=Debug -DMRUN_FUZZ=ON >"$out/configure.log" || { cat "$out/configure.log"; exit 1; }
cmake --build "$out/build" --target jinja_fuzz -j"$(nproc)" >"$out/build.log" || { tail -50 "$out/build.log"; exit 1; }
bin="$out/build/tools/fuzz/jinja_fuzz"
cp "$here"/corpus/jinja/* "$out/corpus/" 2>/dev/null || true
# -timeout: one input may not take longer than 10 s (a hang is a failure).
# Leak checking is off: templates can build reference cycles on purpose
# ({% do l.append(l) %}) that Python's GC would collect; macro scopes are
# checked for cycles by environment_test.cpp instead.
# -detect_leaks=0 covers the fuzzing loop only; LeakSanitizer still runs at
# exit unless ASan is told too.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
exec "$bin" "$out/corpus" -dict="$here/jinja.dict" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096 -print_final_stats=1 -detect_leaks=0 \
  -seed="${FUZZ_SEED:-1}"
