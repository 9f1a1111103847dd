#!/usr/bin/env python3
"""The movies project end to end on the real sample, checked independently.

1. Builds a dataset directory from runner/tests/data/real-sample (plus generated
   ratings, and links_small/ratings_small cut from them).
2. `mrun build` loads it, builds every model and runs every data test: exit 0.
3. Every record is loaded or rejected with a reason (read = loaded + rejected).
4. tools/reference/compare_marts.py compares every mart row by row with a
   computation written separately (pandas + ast.literal_eval).
5. A second monthly drop with more ratings: fct_rating is rebuilt from it and
   the marts still match (runner/tests/integration/drops_test.cpp checks drops
   that change and remove rows).
6. Adding a mart is one SQL file: `mrun build -s <name>` builds it.
7. A reload alone (`mrun load`) keeps the staging views working over the new
   raw tables: no `mrun run` needed to query them.

usage: movies_pipeline_test.py MRUN_BINARY SOURCE_DIR BUILD_DIR
"""
import os
import shutil
import subprocess
import sys

import psycopg2

mrun, source_dir, build_dir = sys.argv[1:4]
py = "/usr/bin/python3"
reference = os.path.join(source_dir, "tools", "reference")
sample = os.path.join(source_dir, "runner", "tests", "data", "real-sample")
work = os.path.join(build_dir, "test-projects", "movies_pipeline")
data = os.path.join(work, "data")
project = os.path.join(work, "project")


def run(cmd, env=None, expect=0):
    print("$", " ".join(cmd), flush=True)
    r = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    print(r.stdout[-6000:], flush=True)
    if r.returncode != expect:
        sys.exit(f"FAILED: exit {r.returncode}, expected {expect}: {' '.join(cmd)}")
    return r.stdout


def fresh_database(name):
    server = run([mrun, "pg", "start", "--project-dir", os.path.join(build_dir, "test-pg")]).strip()
    conn = psycopg2.connect(server)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f"drop database if exists {name} with (force)")
        cur.execute(f"create database {name}")
    conn.close()
    return server.replace("/mrun?", f"/{name}?")


def scalar(url, sql):
    with psycopg2.connect(url) as conn, conn.cursor() as cur:
        cur.execute(sql)
        return cur.fetchone()[0]


def cut_csv(src, dst, rows):
    with open(src, newline="") as f, open(dst, "w", newline="") as out:
        for i, line in enumerate(f):
            if i > rows:
                break
            out.write(line)


shutil.rmtree(work, ignore_errors=True)
os.makedirs(data)
os.makedirs(project)
for f in ("movies_metadata.csv", "credits.csv", "keywords.csv", "links.csv"):
    shutil.copy(os.path.join(sample, f), data)
run([py, os.path.join(reference, "gen_ratings.py"), "--data-dir", sample, "--out", work])
shutil.copy(os.path.join(work, "ratings.csv"), os.path.join(data, "ratings.csv"))
cut_csv(os.path.join(sample, "links.csv"), os.path.join(data, "links_small.csv"), 9000)
cut_csv(os.path.join(work, "ratings.csv"), os.path.join(data, "ratings_small.csv"), 5000)
for part in ("project.yml", "models", "macros", "tests"):
    src = os.path.join(source_dir, part)
    (shutil.copytree if os.path.isdir(src) else shutil.copy)(src, os.path.join(project, part))

url = fresh_database("it_movies_pipeline")
env = dict(os.environ, MRUN_DATABASE_URL=url)
vars_arg = "{dataset_uri: '%s'}" % data

# 2. Build everything.
out = run([mrun, "build", "--project-dir", project, "--vars", vars_arg], env=env)
assert "Completed successfully" in out, "build did not complete"

# 3. Nothing lost: every record is loaded or rejected, and every reject says why.
for table, file in (("movies_metadata", "movies_metadata.csv"), ("links", "links.csv"), ("ratings", "ratings.csv")):
    loaded = scalar(url, f"select count(*) from raw.{table}")
    rejected = scalar(url, f"select count(*) from raw.load_rejects where file_name = '{file}'")
    line = [l for l in out.splitlines() if l.startswith(f"load {file}:")]
    assert line, f"no summary line for {file}"
    read = int(line[-1].split(" read ")[1].split()[0])
    assert read == loaded + rejected, f"{file}: read {read} != loaded {loaded} + rejected {rejected}"
assert scalar(url, "select count(*) from raw.load_rejects where coalesce(reason, '') = ''") == 0
assert scalar(url, "select count(*) from raw.movies_metadata where id = 105045") == 2, "duplicate id must be kept in raw"
assert scalar(url, "select count(*) from staging.stg_movies where movie_id = 105045") == 1, "one movie per id"

# 4. Every mart equals the independent computation.
run([py, os.path.join(reference, "compare_marts.py"), "--db", url, "--data-dir", data,
     "--ratings", os.path.join(data, "ratings.csv")])

# 5. Next month's drop: the ratings file grows; fct_rating is rebuilt from it.
before = scalar(url, "select count(*) from core.fct_rating")
with open(os.path.join(data, "ratings.csv"), "a", newline="") as f, \
        open(os.path.join(work, "ratings_batch2.csv"), newline="") as batch:
    next(batch)  # header
    f.writelines(batch)
out = run([mrun, "build", "--project-dir", project, "--vars", vars_arg], env=env)
assert "SELECT" in [l for l in out.splitlines() if "core.fct_rating" in l and " OK " in l][0], "fct_rating not rebuilt"
assert scalar(url, "select count(*) from core.fct_rating") > before
run([py, os.path.join(reference, "compare_marts.py"), "--db", url, "--data-dir", data,
     "--ratings", os.path.join(data, "ratings.csv")])

# 6. A new mart is one file, no registration.
with open(os.path.join(project, "models", "marts", "mart_language_year.sql"), "w") as f:
    f.write("select m.original_language, f.release_year, count(*) as movie_count\n"
            "from {{ ref('fct_movie') }} f join {{ ref('dim_movie') }} m using (movie_id)\n"
            "where f.release_year is not null group by 1, 2\n")
run([mrun, "build", "-s", "mart_language_year", "--project-dir", project, "--vars", vars_arg], env=env)
assert scalar(url, "select count(*) from marts.mart_language_year") > 0
assert scalar(url, "select sum(movie_count) from marts.mart_language_year") == \
    scalar(url, "select count(*) from core.fct_movie where release_year is not null")
# 7. Reloading the raw tables keeps the views over them (staging) working.
views = scalar(url, "select string_agg(schemaname || '.' || viewname, ',' order by viewname) from pg_views"
                    " where schemaname = 'staging'")
assert "staging.stg_ratings" in views, views
out = run([mrun, "load", "--project-dir", project, "--vars", vars_arg], env=env)
assert "warning:" not in out, "a view was lost"
assert scalar(url, "select string_agg(schemaname || '.' || viewname, ',' order by viewname) from pg_views"
                   " where schemaname = 'staging'") == views
load_id = scalar(url, "select max(_load_id) from raw.ratings")
assert scalar(url, "select count(*) from staging.stg_ratings") == scalar(url, "select count(*) from raw.ratings")
assert scalar(url, "select count(*) from raw.ratings where _load_id <> %s" % repr(load_id)) == 0
print("movies pipeline: 1 passed, 0 failed")
