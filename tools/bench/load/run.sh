#!/usr/bin/env bash
# Load benchmark: psql \copy of the uncompressed CSVs (the reference) against
# `mrun load` of a zip of the same files (the headline: issue #4 asks for
# "mrun load of the zip" within 1.0x of psql) and of the CSV directory, in one
# run on the same PostgreSQL.
#
#   tools/bench/load/run.sh            # full scale (26M ratings, ~920 MB of CSV)
#   SCALE=0.1 tools/bench/load/run.sh  # smaller
#
# Environment: BUILD (build dir, default <repo>/build), WORK (scratch dir,
# default /tmp/mrun-bench-load), SCALE, SEED, MRUN_DATABASE_URL (else an
# embedded cluster under $WORK/pg), MRUN_LOAD (command that loads the dataset
# named by $DATASET_URI, default: $BUILD/mrun load --project-dir <repo>
# --vars '{dataset_uri: $DATASET_URI}'). Each mrun load runs under
# /usr/bin/time -v (peak memory); `cat /proc/loadavg` is printed before each
# step, since other work on the machine skews the times.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/../../.." && pwd)
BUILD=${BUILD:-$REPO/build}
WORK=${WORK:-/tmp/mrun-bench-load}
SCALE=${SCALE:-1.0}
SEED=${SEED:-42}
MRUN=$BUILD/mrun
CSV_DIR=$WORK/csv-$SCALE-$SEED
ZIP=$WORK/movies-$SCALE-$SEED.zip
mkdir -p "$WORK"
rm -f "$WORK"/server_cpu_*
chmod 755 "$WORK"  # the embedded server runs as postgres

# 1. The data: moviegen when built, else a plain ratings.csv from Python.
MOVIEGEN=""
for m in "$BUILD/moviegen" "$BUILD/tools/moviegen/moviegen"; do [ -x "$m" ] && MOVIEGEN=$m && break; done
if [ ! -f "$CSV_DIR/ratings.csv" ]; then
  if [ -n "$MOVIEGEN" ]; then
    "$MOVIEGEN" --scale "$SCALE" --seed "$SEED" --out-dir "$CSV_DIR.tmp"
  else
    mkdir -p "$CSV_DIR.tmp"
    /usr/bin/python3 - "$CSV_DIR.tmp/ratings.csv" "$SCALE" "$SEED" <<'PY'
import random, sys
out, scale, seed = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
r = random.Random(seed)
rows = int(26024289 * scale)
with open(out, "w") as f:
    f.write("userId,movieId,rating,timestamp\n")
    user, t = 1, 1100000000
    for i in range(rows):
        if r.random() < 0.01: user += 1
        t += r.randint(0, 500)
        f.write("%d,%d,%.1f,%d\n" % (user, r.randint(1, 176000), r.randint(1, 10) / 2, t))
PY
  fi
  mv "$CSV_DIR.tmp" "$CSV_DIR"
fi
chmod -R a+rX "$CSV_DIR"
# The same files as one zip: moviegen writes it from the same seed; without
# moviegen, zip the directory.
if [ ! -f "$ZIP" ]; then
  if [ -n "$MOVIEGEN" ]; then
    "$MOVIEGEN" --scale "$SCALE" --seed "$SEED" --out "$ZIP.tmp"
  else
    (cd "$CSV_DIR" && zip -q -r "$ZIP.tmp" .)
  fi
  mv "$ZIP.tmp" "$ZIP"
fi

URL=${MRUN_DATABASE_URL:-$("$MRUN" pg start --project-dir "$WORK/pg")}
# Autovacuum off on the bench's own cluster: a worker vacuuming and analyzing
# the 26M rows a previous step just loaded (psql's, whose rows are not frozen,
# cost it most) would run inside the next step's timing and CPU counters.
if [ -z "${MRUN_DATABASE_URL:-}" ]; then
  psql "$URL" -X -q -c "ALTER SYSTEM SET autovacuum = off" -c "SELECT pg_reload_conf()" > /dev/null
fi
# Server CPU seconds so far: the embedded postmaster's reaped children (the
# backends of finished connections); empty with an external server.
POSTMASTER_PID=""
[ -z "${MRUN_DATABASE_URL:-}" ] && POSTMASTER_PID=$(head -1 "$WORK/pg/.mrun/postgres/postmaster.pid")
server_cpu() {
  [ -n "$POSTMASTER_PID" ] || return 0
  awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f\n", ($16 + $17) / hz}' "/proc/$POSTMASTER_PID/stat"
}
PSQL=(psql "$URL" -X -q -v ON_ERROR_STOP=1)

# 2. The reference: psql \copy of each file into a table of the same columns
# and types (created in the same transaction, as mrun does; Python-literal
# columns are text, since psql cannot convert them to jsonb).
/usr/bin/python3 - "$REPO/models/sources.yml" "$CSV_DIR" > "$WORK/psql_copy.sql" <<'PY'
import csv, os, re, sys, yaml
spec, csv_dir = yaml.safe_load(open(sys.argv[1])), sys.argv[2]
NUMBER = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")

def psql_can_load(path, header, types):
    """COPY stops at the first bad record: check smaller files (ratings is clean)."""
    if os.path.getsize(path) > 100_000_000:
        return True
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = csv.reader(f)
        next(rows)
        for r in rows:
            if len(r) != len(header):
                return False
            for name, value in zip(header, r):
                if value and types[name] != "text" and not NUMBER.match(value):
                    return False
    return True

q = lambda n: '"' + n.replace('"', '""') + '"'
print("CREATE SCHEMA IF NOT EXISTS bench_psql;")
for source in spec["sources"]:
    for t in source["tables"]:
        path = os.path.join(csv_dir, t["meta"]["file"])
        if not os.path.exists(path):
            continue
        # psql cannot convert Python literals: those columns stay text.
        types = {c["name"]: "text" if (c.get("meta") or {}).get("transform") else c.get("data_type", "text")
                 for c in t["columns"]}
        header = next(csv.reader(open(path, newline="", encoding="utf-8-sig")))
        print("BEGIN;")
        print("DROP TABLE IF EXISTS bench_psql.%s;" % q(t["name"]))
        if psql_can_load(path, header, types):
            print("CREATE TABLE bench_psql.%s (%s);" % (q(t["name"]), ", ".join("%s %s" % (q(c), types[c]) for c in header)))
            print("\\copy bench_psql.%s (%s) from '%s' with (format csv, header true)" % (q(t["name"]), ", ".join(map(q, header)), path))
        else:
            # Dirty records (as in the real file) stop COPY: send every line as one text value instead.
            print("\\echo %s has records COPY rejects: loaded line by line into one text column" % t["meta"]["file"])
            print("CREATE TABLE bench_psql.%s (line text);" % q(t["name"]))
            print("\\copy bench_psql.%s from '%s' with (format csv, header true, delimiter E'\\x01', quote E'\\x02')" % (q(t["name"]), path))
        print("COMMIT;")
PY
BYTES=$(cat "$CSV_DIR"/*.csv | wc -c)
ROWS=$(( $(cat "$CSV_DIR"/*.csv | wc -l) ))
now() { date +%s.%N; }

echo "loadavg before psql: $(cat /proc/loadavg)"
c0=$(server_cpu)
t0=$(now)
/usr/bin/time -f "%U %S" -o "$WORK/time_psql.log" "${PSQL[@]}" -f "$WORK/psql_copy.sql" > "$WORK/psql.log" 2>&1 ||
  { cat "$WORK/psql.log"; exit 1; }
t1=$(now)
PSQL_S=$(echo "$t1 - $t0" | bc)
sleep 0.5  # the backend is reaped
[ -n "$c0" ] && echo "$(server_cpu) - $c0" | bc > "$WORK/server_cpu_psql"

# 3. mrun load of the zip and of the directory, each under /usr/bin/time -v.
run_mrun() {  # $1: dataset URI, $2: log name
  echo "loadavg before mrun load $2: $(cat /proc/loadavg)"
  local t0 t1 c0
  c0=$(server_cpu)
  t0=$(now)
  local load=("$MRUN" load --project-dir "$REPO" --vars "{dataset_uri: $1}")
  [ -n "${MRUN_LOAD:-}" ] && read -r -a load <<< "$MRUN_LOAD"
  MRUN_DATABASE_URL=$URL DATASET_URI=$1 /usr/bin/time -v -o "$WORK/time_$2.log" "${load[@]}" 2> "$WORK/mrun_$2.log" ||
    { cat "$WORK/mrun_$2.log"; exit 1; }
  t1=$(now)
  echo "$t1 - $t0" | bc > "$WORK/seconds_$2"
  sleep 0.5
  [ -n "$c0" ] && echo "$(server_cpu) - $c0" | bc > "$WORK/server_cpu_$2"
}
run_mrun "$ZIP" zip
run_mrun "$CSV_DIR" dir
echo "loadavg after: $(cat /proc/loadavg)"
grep -v NOTICE "$WORK/psql.log" || true
cat "$WORK/mrun_zip.log"

"${PSQL[@]}" -c "DROP SCHEMA bench_psql CASCADE" > /dev/null
MB=$(echo "scale=1; $BYTES / 1000000" | bc)
printf 'data: %s files, %s MB, %s lines (scale %s, seed %s); zip %s MB\n' "$(ls "$CSV_DIR"/*.csv | wc -l)" "$MB" "$ROWS" \
  "$SCALE" "$SEED" "$(echo "scale=1; $(stat -c %s "$ZIP") / 1000000" | bc)"
line() {  # $1: label, $2: seconds, $3: run name (time and CPU logs)
  printf '%-16s %6.1f s  %8.0f rows/s  %6.1f MB/s' "$1" "$2" "$(echo "$ROWS / $2" | bc -l)" "$(echo "$MB / $2" | bc -l)"
  printf '  client CPU %5.1f s' "$(client_cpu "$3")"
  [ -f "$WORK/server_cpu_$3" ] && printf '  server CPU %5.1f s' "$(cat "$WORK/server_cpu_$3")"
  [ "$3" != psql ] && printf '  peak RSS %s MB' "$(( $(rss "$3") / 1024 ))"
  printf '\n'
}
rss() { awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time_$1.log"; }
client_cpu() {  # user + system seconds
  if [ "$1" = psql ]; then awk '{print $1 + $2}' "$WORK/time_psql.log"; else
    awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$WORK/time_$1.log"; fi
}
ZIP_S=$(cat "$WORK/seconds_zip")
DIR_S=$(cat "$WORK/seconds_dir")
line 'psql \copy:' "$PSQL_S" psql
line 'mrun load zip:' "$ZIP_S" zip
line 'mrun load dir:' "$DIR_S" dir
printf 'ratio mrun zip/psql: %.2f (target <= 1.00)\n' "$(echo "$ZIP_S / $PSQL_S" | bc -l)"
printf 'ratio mrun dir/psql: %.2f\n' "$(echo "$DIR_S / $PSQL_S" | bc -l)"
