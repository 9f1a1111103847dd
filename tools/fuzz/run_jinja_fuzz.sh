#!/bin/sh
# Builds the Jinja fuzz target with clang (libFuzzer + AddressSanitizer) and
# runs it for a bounded time on a copy of the seed corpus.
#   tools/fuzz/run_jinja_fuzz.sh [SECONDS] [BUILD_DIR]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../../runner/src" && pwd)
seconds=${1:-60}
out=${2:-$here/../../build}/fuzz
mkdir -p "$out/corpus"
bin="$out/jinja_fuzz"
newest=$(ls -t "$src"/jinja/*.cpp "$src"/jinja/*.h "$src"/util/*.cpp "$here/jinja_fuzz.cpp" | head -1)
if [ ! -x "$bin" ] || [ "$newest" -nt "$bin" ]; then
  sources=$(ls "$src"/jinja/*.cpp | grep -v '_test\.cpp$')
  clang++-14 -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -I"$src" $sources "$src/util/error.cpp" "$src/util/strings.cpp" "$src/util/utf8.cpp" "$here/jinja_fuzz.cpp" -o "$bin"
fi
cp "$here"/corpus/jinja/* "$out/corpus/" 2>/dev/null || true
# -timeout: one input may not take longer than 10 s (a hang is a failure).
# Leak checking is off: templates can build reference cycles on purpose
# ({% do l.append(l) %}) that Python's GC would collect; macro scopes are
# checked for cycles by environment_test.cpp instead.
# -detect_leaks=0 covers the fuzzing loop only; LeakSanitizer still runs at
# exit unless ASan is told too.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
exec "$bin" "$out/corpus" -dict="$here/jinja.dict" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096 -print_final_stats=1 -detect_leaks=0
