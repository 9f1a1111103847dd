#!/usr/bin/env bash
# End-to-end check of the movies project on the real sample, without the C++ engine:
# generate ratings, load raw.*, build with the naive renderer (+ data tests), compare
# every mart with the independent computation; then append a second ratings batch,
# rebuild (fct_rating included: it is rebuilt from every rating) and compare again.
#
# usage: tools/reference/check_sample.sh SERVER_URI [DATA_DIR]
#   SERVER_URI  libpq URI of a server (its database is used to create a scratch one)
#   DATA_DIR    the raw CSV files (default runner/tests/data/real-sample)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
server="$1"
data="${2:-$root/runner/tests/data/real-sample}"
py=/usr/bin/python3
scratch="movies_check_$$"
work="$(mktemp -d)"
trap 'rm -rf "$work"; psql "$server" -qc "drop database if exists $scratch" >/dev/null 2>&1 || true' EXIT

psql "$server" -qc "create database $scratch"
db="$(sed -E "s#^(postgres(ql)?://[^/?]*)/?[^?]*#\\1/$scratch#" <<<"$server")"

$py "$here/gen_ratings.py" --data-dir "$data" --out "$work"
$py "$here/load_raw.py" --db "$db" --data-dir "$data" --ratings-dir "$work"
$py "$here/render_naive.py" --db "$db" --full-refresh
$py "$here/compare_marts.py" --db "$db" --data-dir "$data" --ratings "$work/ratings.csv"

echo "--- second ratings batch, second run"
$py "$here/load_raw.py" --db "$db" --data-dir "$data" --append "ratings=$work/ratings_batch2.csv"
$py "$here/render_naive.py" --db "$db"
$py "$here/compare_marts.py" --db "$db" --data-dir "$data" --ratings "$work/ratings.csv" "$work/ratings_batch2.csv"
echo "check_sample: all marts match the reference"
