#!/usr/bin/python3
"""Generates deterministic MovieLens-style ratings files for the real sample.

Writes OUT/ratings.csv (batch 1) and OUT/ratings_batch2.csv (later ratings, a
second drop; its first rating has batch 1's last timestamp, which a filter on
"ratings after the latest loaded" would lose).
Most ratings point at MovieLens ids whose tmdbId is a movie of the sample;
about 3% point at links whose movie is not in the sample, and a few at
MovieLens ids absent from links (both are "unknown movie" ratings).

usage: gen_ratings.py --data-dir DIR --out DIR [--users N] [--seed S]
"""
import argparse
import csv
import os
import random


def read_ids(data_dir):
    movie_ids = set()
    with open(os.path.join(data_dir, "movies_metadata.csv"), newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["id"].isdigit():
                movie_ids.add(int(row["id"]))
    known, unknown = [], []
    with open(os.path.join(data_dir, "links.csv"), newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            tmdb = row["tmdbId"].strip()
            (known if tmdb.isdigit() and int(tmdb) in movie_ids else unknown).append(int(row["movieId"]))
    return known, unknown


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--users", type=int, default=400)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    known, unknown = read_ids(args.data_dir)
    missing_from_links = [10_000_000 + i for i in range(5)]
    start, end = 820_454_400, 1_501_545_600  # 1996-01-01 .. 2017-08-01 UTC
    rows = []
    for user in range(1, args.users + 1):
        seen = set()
        for _ in range(rng.randint(3, 40)):
            pick = rng.random()
            pool = known if pick < 0.97 else unknown if pick < 0.995 else missing_from_links
            movie = rng.choice(pool)
            if movie in seen:
                continue
            seen.add(movie)
            rows.append((user, movie, rng.randint(1, 10) / 2, rng.randint(start, end)))
    rows.sort(key=lambda r: (r[3], r[0], r[1]))
    cut = int(len(rows) * 0.85)
    # Batch 2 starts at batch 1's last second: a filter with `>` on the
    # latest loaded timestamp would lose that rating.
    batch1, batch2 = rows[:cut], rows[cut:]
    last = batch1[-1]
    first = batch2[0]
    batch2[0] = (first[0], first[1], first[2], last[3])
    os.makedirs(args.out, exist_ok=True)
    for name, batch in (("ratings.csv", batch1), ("ratings_batch2.csv", batch2)):
        with open(os.path.join(args.out, name), "w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["userId", "movieId", "rating", "timestamp"])
            for user, movie, rating, ts in batch:
                writer.writerow([user, movie, f"{rating:.1f}", ts])
        print(f"{name}: {len(batch)} ratings")


if __name__ == "__main__":
    main()
