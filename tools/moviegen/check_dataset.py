"""Checks moviegen's output against the real dataset's format (ctest).

Runs the generator at a small scale and asserts: same seed -> same bytes,
other seed -> other bytes; --out-dir writes the same bytes as the zip;
--files limits the files; headers equal the real sample's; row counts follow
the scale; every Python literal parses with ast.literal_eval and is exactly
Python's repr of what it parses to (keys in the real order); the real quirks
are present; pandas reads every file.
"""
import argparse
import ast
import csv
import datetime
import io
import math
import os
import re
import shutil
import subprocess
import sys
import zipfile

import pandas as pd

FILES = ["credits.csv", "keywords.csv", "links.csv", "links_small.csv",
         "movies_metadata.csv", "ratings.csv", "ratings_small.csv"]
LITERALS = {
    "movies_metadata.csv": ["belongs_to_collection", "genres", "production_companies",
                            "production_countries", "spoken_languages"],
    "keywords.csv": ["keywords"],
    "credits.csv": ["cast", "crew"],
}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL:", what, flush=True)


def scaled(n, scale):
    return int(math.floor(n * scale + 0.5))


def users_for(ratings, movies, wanted):
    # Mirrors catalog.cpp: each user rates at most 60% of the movies.
    if ratings == 0:
        return 0
    cap = max(1, movies * 3 // 5)
    half = max(1, cap // 2)
    return max(wanted, (ratings + cap // 2) // half, 1)


def expected_counts(scale):
    movies = scaled(45466, scale)
    dups = scaled(30, scale) or (1 if movies > 100 else 0)
    broken = scaled(3, scale) or (1 if movies > 1000 else 0)
    links, links_small = scaled(45843, scale), scaled(9125, scale)
    ratings, ratings_small = scaled(26024289, scale), scaled(100004, scale)
    return {
        "movies_metadata.csv": movies, "dups": dups, "broken": broken,
        "keywords.csv": scaled(46419, scale), "credits.csv": scaled(45476, scale),
        "links.csv": links, "links_small.csv": links_small,
        "ratings.csv": ratings, "ratings_small.csv": ratings_small,
        "users": users_for(ratings, links, scaled(270896, scale)),
        "users_small": users_for(ratings_small, links_small, scaled(671, scale)),
    }


def valid_date(text):
    try:
        return DATE.match(text) is not None and datetime.date.fromisoformat(text) is not None
    except ValueError:
        return False


def run(moviegen, *args):
    subprocess.run([moviegen, *args], check=True)


def first_line(data):
    return data[:data.index(b"\n") + 1]


def literal_key_orders(real_dir):
    """Dict key order per literal column, taken from the real sample."""
    orders = {}
    for name, columns in LITERALS.items():
        frame = pd.read_csv(os.path.join(real_dir, name), dtype=str, keep_default_na=False)
        for col in columns:
            for text in frame[col]:
                value = ast.literal_eval(text) if text else None
                if isinstance(value, dict):
                    orders[col] = list(value)
                    break
                if isinstance(value, list) and value:
                    orders[col] = list(value[0])
                    break
    return orders


def check_literals(name, frame, orders, skip_rows):
    for col in LITERALS[name]:
        count = 0
        for row, text in enumerate(frame[col]):
            if row in skip_rows or (text == "" and col == "belongs_to_collection"):
                continue
            try:
                value = ast.literal_eval(text)
            except (ValueError, SyntaxError) as e:
                check(False, f"{name}:{col} row {row} does not parse: {e}: {text[:200]}")
                continue
            check(repr(value) == text, f"{name}:{col} row {row} is not Python's repr: {text[:200]}")
            items = [value] if isinstance(value, dict) else value
            check(isinstance(items, list), f"{name}:{col} row {row} is not a list or dict")
            for item in items:
                if list(item) != orders[col]:
                    check(False, f"{name}:{col} row {row} keys {list(item)} != real {orders[col]}")
                    break
            count += 1
        check(count > 0, f"{name}:{col} has no literal values")


def check_movies(frame, raw, exp):
    ids = frame["id"]
    shifted = ids.str.match(DATE.pattern)
    check(shifted.sum() == exp["broken"], f"shifted records {shifted.sum()} != {exp['broken']}")
    for pop in frame.loc[shifted, "popularity"]:
        check(not re.match(r"^[0-9.e-]+$", pop), f"shifted record has numeric popularity {pop!r}")
    # The head half of a broken record ends at the overview: no popularity.
    heads = frame["popularity"] == ""
    check(heads.sum() == exp["broken"], f"broken record heads {heads.sum()} != {exp['broken']}")
    good = frame[~shifted & ~heads]
    check(good["id"].str.match(r"^[1-9]\d*$").all(), "non-numeric id outside the broken records")
    dups = len(good) - good["id"].nunique()
    check(dups == exp["dups"], f"duplicated ids {dups} != {exp['dups']}")
    for col, pattern in [("budget", r"^\d+$"), ("revenue", r"^\d+$"), ("runtime", r"^(\d+\.0)?$"),
                         ("vote_average", r"^\d+\.\d$"), ("vote_count", r"^\d+$"),
                         ("imdb_id", r"^(tt\d{7})?$"), ("adult", r"^(True|False)$"),
                         ("video", r"^(True|False)$"), ("popularity", r"^\d+(\.\d+)?(e-0\d)?$")]:
        bad = good[~good[col].str.match(pattern)]
        check(bad.empty, f"movies_metadata {col} format: {bad[col].head(3).tolist()}")
    zero_budget = (good["budget"] == "0").mean()
    check(0.7 < zero_budget < 0.9, f"zero budget share {zero_budget:.2f} not about 80%")
    dates = good["release_date"]
    check((dates == "").sum() >= 1, "no empty release date")
    check(sum(1 for d in dates if d and not valid_date(d)) >= 1, "no malformed release date")
    check(good["overview"].str.contains("\n").sum() >= 1, "no multi-line overview")
    check(b'""' in raw, "no doubled double quote in a quoted field")
    check(good["title"].str.contains("'s ").any(), "no title with an apostrophe")
    check("é" in raw.decode("utf-8"), "no accented text in movies")
    check(re.search(rb"'name': \"\"[^\"]*'[^\"]*\"\"", raw) is not None,
          "no double-quoted Python string (apostrophe) in a literal")


def check_ratings(frame, links, users, name):
    check(list(frame.columns) == ["userId", "movieId", "rating", "timestamp"], f"{name} columns")
    r = frame.astype({"userId": int, "movieId": int, "rating": float, "timestamp": int})
    check(r["userId"].min() == 1 and r["userId"].max() == users,
          f"{name} userId range {r['userId'].min()}..{r['userId'].max()} != 1..{users}")
    check(set(r["rating"].unique()) <= {x / 2 for x in range(1, 11)}, f"{name} rating not in 0.5 steps")
    check(r["timestamp"].between(789652009, 1501829870).all(), f"{name} timestamps out of range")
    early = r[r["timestamp"] < 1045526400]["rating"]  # MovieLens had no half stars before 2003-02-18
    check(len(early) > 0 and (early * 2 % 2 == 0).all(), f"{name}: half stars before 2003 or no early ratings")
    keys = list(zip(r["userId"], r["movieId"]))
    check(keys == sorted(keys) and len(set(keys)) == len(keys), f"{name} not sorted/unique by user, movie")
    known = r["movieId"].isin(set(links["movieId"].astype(int)))
    check(known.mean() > 0.99, f"{name}: only {known.mean():.3f} of movieIds are in links")
    return (~known).sum()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--moviegen", required=True)
    ap.add_argument("--real-sample", required=True)
    ap.add_argument("--work-dir", required=True)
    ap.add_argument("--scale", type=float, default=0.03)
    a = ap.parse_args()
    shutil.rmtree(a.work_dir, ignore_errors=True)
    os.makedirs(a.work_dir)
    w = lambda p: os.path.join(a.work_dir, p)
    s = str(a.scale)
    exp = expected_counts(a.scale)

    run(a.moviegen, "--scale", s, "--seed", "42", "--out", w("a.zip"))
    run(a.moviegen, "--scale", s, "--seed", "42", "--out", w("b.zip"))
    run(a.moviegen, "--scale", s, "--seed", "43", "--out", w("c.zip"))
    run(a.moviegen, "--scale", s, "--seed", "42", "--out-dir", w("dir"))
    run(a.moviegen, "--scale", s, "--seed", "42", "--out-dir", w("some"), "--files", "links,movies_metadata.csv")
    zip_bytes = open(w("a.zip"), "rb").read()
    check(zip_bytes == open(w("b.zip"), "rb").read(), "same seed gave different zips")
    check(zip_bytes != open(w("c.zip"), "rb").read(), "different seeds gave the same zip")
    check(sorted(os.listdir(w("some"))) == ["links.csv", "movies_metadata.csv"], "--files did not limit files")

    archive = zipfile.ZipFile(w("a.zip"))
    check(archive.testzip() is None, "zip CRC error")
    check(sorted(archive.namelist()) == FILES, f"zip entries {archive.namelist()}")
    data = {n: archive.read(n) for n in FILES}
    for n in FILES:
        check(data[n] == open(os.path.join(w("dir"), n), "rb").read(), f"{n}: --out-dir differs from zip")
    check(data["links.csv"] == open(os.path.join(w("some"), "links.csv"), "rb").read(), "--files links differs")

    real = {n: open(os.path.join(a.real_sample, n), "rb").read()
            for n in ["movies_metadata.csv", "keywords.csv", "credits.csv", "links.csv"]}
    real["links_small.csv"] = real["links.csv"]
    for n in FILES:
        want = first_line(real[n]) if n in real else b"userId,movieId,rating,timestamp\n"
        check(first_line(data[n]) == want, f"{n} header {first_line(data[n])!r} != {want!r}")

    frames = {n: pd.read_csv(io.BytesIO(data[n]), dtype=str, keep_default_na=False) for n in FILES}
    for n in FILES:
        check(len(frames[n]) == exp[n], f"{n}: {len(frames[n])} rows, expected {exp[n]}")
    # The strict csv module agrees with pandas on the record count.
    movies_records = list(csv.reader(io.StringIO(data["movies_metadata.csv"].decode("utf-8"), newline="")))
    check(len(movies_records) - 1 == exp["movies_metadata.csv"], "csv module and pandas disagree on movies")

    orders = literal_key_orders(a.real_sample)
    movies = frames["movies_metadata.csv"]
    broken_rows = set(movies.index[(movies["popularity"] == "") | movies["id"].str.match(DATE.pattern)])
    check_literals("movies_metadata.csv", movies, orders, broken_rows)
    check_literals("keywords.csv", frames["keywords.csv"], orders, set())
    check_literals("credits.csv", frames["credits.csv"], orders, set())
    check_movies(movies, data["movies_metadata.csv"], exp)

    credits_raw = data["credits.csv"]
    check(max(len(line) for line in credits_raw.split(b"\n")) > 100_000, "no credits row over 100 KB")
    check(b"\\xa0" in credits_raw and b"\\'" in credits_raw and b"\\\\" in credits_raw,
          "credits lack Python escapes (\\xa0, \\', \\\\)")
    check(b"None" in credits_raw, "credits have no None values")
    for n in ["keywords.csv", "credits.csv"]:
        ids = frames[n]["id"]
        check(ids.str.match(r"^\d+$").all(), f"{n} ids not numeric")
        check(set(ids) <= set(movies["id"]), f"{n} ids not all movies")

    for n in ["links.csv", "links_small.csv"]:
        lines = data[n].split(b"\n")
        check(lines[-1] == b"" and all(l.endswith(b"\r") for l in lines[:-1]), f"{n} not CRLF throughout")
        check(frames[n]["imdbId"].str.match(r"^\d{7}$").all(), f"{n} imdbId not 7 digits")
        check(frames[n]["tmdbId"].str.match(r"^\d*$").all(), f"{n} tmdbId not integers")
    check((frames["links.csv"]["tmdbId"] == "").sum() >= 1, "links.csv has no empty tmdbId")
    check(set(frames["links_small.csv"]["movieId"]) <= set(frames["links.csv"]["movieId"]),
          "links_small is not a subset of links")

    unknown = check_ratings(frames["ratings.csv"], frames["links.csv"], exp["users"], "ratings.csv")
    check(unknown >= 1, "ratings.csv has no unknown movieId")
    check_ratings(frames["ratings_small.csv"], frames["links_small.csv"], exp["users_small"], "ratings_small.csv")

    if failures:
        print(f"{len(failures)} check(s) failed")
        sys.exit(1)
    print("all dataset checks passed")


if __name__ == "__main__":
    main()
