#!/usr/bin/python3
"""Independent computation of the movies marts from the raw CSV files.

Written apart from the SQL models (pandas + ast.literal_eval, no database) and
following the business rules of docs/data-model.md ("Business rules"):
- records failing the loader checks of models/sources.yml are skipped; one
  movie per id, the first remaining record in file order wins;
- budget/revenue 0 -> unknown; profit only when both are known; sums skip
  unknowns and are unknown when nothing is known;
- release_date must be a valid YYYY-MM-DD date; per-year marts only include
  movies with a release year; counts are of distinct movies;
- a genre/company named differently across movies takes its first non-empty
  name in file order (movie's position in the file, then list position);
- popularity_rank: total_popularity desc (unknown last), movie_count desc,
  genre_name asc (code point order), genre_id asc;
- ratings reach a movie through links (first record per movieId, tmdbId);
  ratings of unknown movies are left out; the year of a rating row is the
  movie's release year.

usage: compute_marts.py --data-dir DIR [--ratings FILE ...] --out DIR   (one CSV per mart)
"""
import argparse
import ast
import datetime
import math
import os
import re

import pandas as pd

INT = re.compile(r"^[+-]?\d+$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
LITERAL_COLUMNS = ["belongs_to_collection", "genres", "production_companies",
                   "production_countries", "spoken_languages"]

MART_KEYS = {
    "mart_company_year": ["company_id", "release_year"],
    "mart_company_genre_year": ["company_id", "genre_id", "release_year"],
    "mart_genre_year": ["genre_id", "release_year"],
    "mart_top_genre_year": ["release_year"],
    "mart_genre_rating_year": ["genre_id", "release_year"],
}


def read_csv(path):
    """The records of a CSV file as dicts of text, in file order. A record with
    fewer fields than the header (pandas pads it with NaN) is dropped, as the
    loader rejects it."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[])
    return [row for row in frame.to_dict("records") if all(isinstance(v, str) for v in row.values())]


def is_positive_int(text):
    return bool(INT.match(text.strip())) and int(text) > 0


def int_or_none(text):
    """Returns (ok, value): empty -> (True, None); an integer -> (True, int)."""
    if text == "":
        return True, None
    return (True, int(text)) if INT.match(text.strip()) else (False, None)


def float_or_none(text):
    if text == "":
        return True, None
    try:
        value = float(text)
    except ValueError:
        return False, None
    return math.isfinite(value), value


def literal_or_none(text):
    if text == "":
        return True, None
    try:
        return True, ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError, TypeError):
        return False, None


def release_date(text):
    if not ISO_DATE.match(text):
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def entity_id(value):
    """The id of a list element as the models read it: a non-negative integer."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and 0 <= value < 10**18:
        return value
    if isinstance(value, str) and re.fullmatch(r"[0-9]{1,18}", value):
        return int(value)
    return None


def load_movies(data_dir):
    """One dict per movie id (first valid record in file order), with its list pairs."""
    raw = read_csv(os.path.join(data_dir, "movies_metadata.csv"))
    movies = {}
    for order, row in enumerate(raw):
        if not is_positive_int(row["id"]):
            continue
        parsed = {}
        ok = True
        for column in ("budget", "revenue", "vote_count"):
            good, parsed[column] = int_or_none(row[column])
            ok &= good
        for column in ("popularity", "runtime", "vote_average"):
            good, parsed[column] = float_or_none(row[column])
            ok &= good
        for column in LITERAL_COLUMNS:
            good, parsed[column] = literal_or_none(row[column])
            ok &= good
        movie_id = int(row["id"])
        if not ok or movie_id in movies:
            continue
        date = release_date(row["release_date"])
        movies[movie_id] = {
            "movie_id": movie_id,
            "order": order,
            "release_year": date.year if date else None,
            "budget": parsed["budget"] or None,     # 0 means unknown
            "revenue": parsed["revenue"] or None,
            "popularity": parsed["popularity"],
            "genres": pairs(parsed["genres"]),
            "companies": pairs(parsed["production_companies"]),
        }
    return movies


def pairs(value):
    """[(id, name, position)] of a literal list, each id once (its first position)."""
    result, seen = [], set()
    if not isinstance(value, list):
        return result
    for position, element in enumerate(value, start=1):
        if not isinstance(element, dict):
            continue
        key = entity_id(element.get("id"))
        if key is None or key in seen:
            continue
        seen.add(key)
        name = element.get("name")
        result.append((key, name if isinstance(name, str) and name != "" else None, position))
    return result


def entity_names(movies, field):
    """id -> first non-empty name in file order (movie order, then list position)."""
    candidates = {}
    for movie in movies.values():
        for key, name, position in movie[field]:
            rank = (name is None, movie["order"], position)
            if key not in candidates or rank < candidates[key][0]:
                candidates[key] = (rank, name)
    return {key: name for key, (_, name) in candidates.items()}


def movie_frame(movies, field, key):
    rows = [
        {key: entity, "movie_id": m["movie_id"], "release_year": m["release_year"],
         "budget": m["budget"], "revenue": m["revenue"], "popularity": m["popularity"],
         "profit": m["revenue"] - m["budget"] if m["budget"] is not None and m["revenue"] is not None else None}
        for m in movies.values() if m["release_year"] is not None
        for entity, _, _ in m[field]
    ]
    frame = pd.DataFrame(rows, columns=[key, "movie_id", "release_year", "budget", "revenue", "profit", "popularity"])
    for column in ("budget", "revenue", "profit", "popularity"):
        frame[column] = frame[column].astype("float64")
    return frame


def totals(frame, keys):
    grouped = frame.groupby(keys, sort=True)
    return pd.DataFrame({
        "movie_count": grouped["movie_id"].nunique(),
        "total_budget": grouped["budget"].sum(min_count=1),
        "total_revenue": grouped["revenue"].sum(min_count=1),
        "total_profit": grouped["profit"].sum(min_count=1),
        "avg_popularity": grouped["popularity"].mean(),
        "total_popularity": grouped["popularity"].sum(min_count=1),
    }).reset_index()


def load_ratings(data_dir, ratings_files, movies):
    """Ratings of known movies: (user_id, movie_id, rating) rows, deduplicated."""
    links = {}
    for row in read_csv(os.path.join(data_dir, "links.csv")):
        if not is_positive_int(row["movieId"]):
            continue
        tmdb = row["tmdbId"]
        if tmdb != "" and not is_positive_int(tmdb):
            continue  # the loader rejects the record
        links.setdefault(int(row["movieId"]), int(tmdb) if tmdb != "" else None)
    kept = {}
    for path in ratings_files:
        for row in read_csv(path):
            if not (is_positive_int(row["userId"]) and is_positive_int(row["movieId"])):
                continue
            ok_rating, rating = float_or_none(row["rating"])
            ok_time, stamp = int_or_none(row["timestamp"])
            if not (ok_rating and ok_time) or rating is None or stamp is None:
                continue
            movie_id = links.get(int(row["movieId"]))
            if movie_id not in movies:
                continue
            key = (int(row["userId"]), movie_id, stamp)
            candidate = (int(row["movieId"]), rating)
            if key not in kept or candidate < kept[key]:
                kept[key] = candidate  # lowest MovieLens id wins
    return [(user, movie, rating) for (user, movie, _), (_, rating) in kept.items()]


def compute(data_dir, ratings_files):
    """Returns {mart name: DataFrame} for every mart."""
    movies = load_movies(data_dir)
    genre_names = entity_names(movies, "genres")
    company_names = entity_names(movies, "companies")
    marts = {}

    by_genre = movie_frame(movies, "genres", "genre_id")
    genre_year = totals(by_genre, ["genre_id", "release_year"])
    genre_year.insert(1, "genre_name", genre_year["genre_id"].map(genre_names))
    ranked = []
    for _, year in genre_year.groupby("release_year"):
        rows = year.to_dict("records")
        rows.sort(key=lambda r: (
            math.isnan(r["total_popularity"]),
            -r["total_popularity"] if not math.isnan(r["total_popularity"]) else 0,
            -r["movie_count"],
            r["genre_name"] is None, r["genre_name"] or "",
            r["genre_id"]))
        for rank, row in enumerate(rows, start=1):
            ranked.append({**row, "popularity_rank": rank})
    marts["mart_genre_year"] = pd.DataFrame(ranked)
    top = marts["mart_genre_year"]
    marts["mart_top_genre_year"] = top[top["popularity_rank"] == 1][
        ["release_year", "genre_id", "genre_name", "total_popularity", "movie_count"]]

    by_company = movie_frame(movies, "companies", "company_id")
    company_year = totals(by_company, ["company_id", "release_year"]).drop(columns=["total_popularity"])
    company_year.insert(1, "company_name", company_year["company_id"].map(company_names))
    marts["mart_company_year"] = company_year

    triples = {(c, g, m["release_year"], m["movie_id"])
               for m in movies.values() if m["release_year"] is not None
               for c, _, _ in m["companies"] for g, _, _ in m["genres"]}
    frame = pd.DataFrame(sorted(triples), columns=["company_id", "genre_id", "release_year", "movie_id"])
    company_genre = frame.groupby(["company_id", "genre_id", "release_year"])["movie_id"].nunique()
    company_genre = company_genre.rename("release_count").reset_index()
    company_genre.insert(1, "company_name", company_genre["company_id"].map(company_names))
    company_genre.insert(3, "genre_name", company_genre["genre_id"].map(genre_names))
    marts["mart_company_genre_year"] = company_genre

    rating_rows = [
        {"genre_id": g, "release_year": movies[movie]["release_year"], "movie_id": movie, "rating": rating}
        for user, movie, rating in load_ratings(data_dir, ratings_files, movies)
        if movies[movie]["release_year"] is not None
        for g, _, _ in movies[movie]["genres"]
    ]
    ratings = pd.DataFrame(rating_rows, columns=["genre_id", "release_year", "movie_id", "rating"])
    grouped = ratings.groupby(["genre_id", "release_year"])
    genre_rating = pd.DataFrame({
        "rating_count": grouped["rating"].size(),
        "rated_movie_count": grouped["movie_id"].nunique(),
        "avg_rating": grouped["rating"].mean(),
    }).reset_index()
    genre_rating.insert(1, "genre_name", genre_rating["genre_id"].map(genre_names))
    marts["mart_genre_rating_year"] = genre_rating
    return marts


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--ratings", nargs="*", default=[])
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for name, frame in compute(args.data_dir, args.ratings).items():
        frame.to_csv(os.path.join(args.out, name + ".csv"), index=False)
        print(f"{name}: {len(frame)} rows")


if __name__ == "__main__":
    main()
