#!/usr/bin/env bash
# Builds everything and runs every test (unit, integration against the
# embedded PostgreSQL, Jinja conformance/differential/fuzz, fetch servers,
# the movies pipeline on the real sample). Installs packages first as root.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" = 0 ]; then bash tools/setup.sh; fi
cmake -B build -S . -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j"$(nproc)"
status=0
ctest --test-dir build --output-on-failure -j"$(nproc)" || status=$?
if [ "$status" != 0 ]; then
  # The end of each failed test's output once more, last: CI logs are often
  # read from their end, where ctest's summary names the tests but not why.
  log=build/Testing/Temporary/LastTest.log
  while IFS=: read -r _ name; do
    echo "---- end of the output of failed test '$name' ----"
    awk -v name="$name" 'match($0, /^[0-9]+\/[0-9]+ Test: /) && substr($0, RLENGTH + 1) == name {on = 1; next}
      on && $0 == "<end of output>" {exit} on' "$log" |
      tail -40
  done < build/Testing/Temporary/LastTestsFailed.log
fi
exit "$status"
