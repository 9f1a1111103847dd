#!/usr/bin/env bash
# Builds everything and runs every test (unit, integration against the
# embedded PostgreSQL, Jinja conformance/differential/fuzz, fetch servers,
# the movies pipeline on the real sample). Installs packages first as root.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" = 0 ]; then bash tools/setup.sh; fi
cmake -B build -S . -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j"$(nproc)"
ctest --test-dir build --output-on-failure -j"$(nproc)"
