#!/usr/bin/python3
"""The movies pipeline as a pandas + SQLAlchemy script: the approach mrun is
compared against in tools/bench/pipeline/run.sh (issue #6).

What it does, in order (times printed per step on stderr):
1. Loads the seven raw files into schema raw, one table per file, with
   pd.read_csv + DataFrame.to_sql using the COPY method from the pandas
   documentation (psql_insert_copy; much faster than method='multi').
   ratings / ratings_small / links / links_small are read with typed columns;
   movies_metadata, credits and keywords are stored as read (text columns:
   the Python-literal columns are kept as text, not converted to JSON as mrun
   does -- less work than mrun, in pandas' favour).
2. Cleans the movies as docs/data-model.md ("Business rules") says: ids that
   are not positive integers are dropped, the first record of an id in file
   order wins, budget/revenue 0 are unknown (NaN), profit only when both are
   known, release_date only when it is a valid YYYY-MM-DD date.
3. Parses genres and production_companies with ast.literal_eval, explodes them
   to (movie, genre) and (movie, company) pairs (a pair kept once per movie;
   elements without a non-negative integer id skipped) and names each genre /
   company by its first non-empty name in file order.
4. Computes the four marts of docs/data-model.md (mart_company_year,
   mart_company_genre_year, mart_genre_year with popularity_rank,
   mart_top_genre_year) and writes them to schema marts with to_sql (COPY).

It does not build what mrun builds besides (credits/keywords staging, the
ratings fact and mart_genre_rating_year, the data tests).

usage: pandas_pipeline.py --db URI --data-dir DIR
"""
import argparse
import ast
import csv
import io
import sys
import time

import numpy as np
import pandas as pd
import psycopg2
import sqlalchemy

POSITIVE_INT = r"^\+?0*[1-9][0-9]{0,17}$"
ISO_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
TYPED_FILES = {
    "ratings": {"userId": "int32", "movieId": "int32", "rating": "float64", "timestamp": "int64"},
    "ratings_small": {"userId": "int32", "movieId": "int32", "rating": "float64", "timestamp": "int64"},
    "links": {"movieId": "Int64", "imdbId": "string", "tmdbId": "Int64"},
    "links_small": {"movieId": "Int64", "imdbId": "string", "tmdbId": "Int64"},
}
TEXT_FILES = ["movies_metadata", "credits", "keywords"]


def psql_insert_copy(table, conn, keys, data_iter):
    """to_sql method: COPY the chunk as CSV (the recipe of the pandas docs)."""
    dbapi_conn = conn.connection
    with dbapi_conn.cursor() as cur:
        buf = io.StringIO()
        csv.writer(buf).writerows(data_iter)
        buf.seek(0)
        columns = ", ".join('"%s"' % k for k in keys)
        name = "%s.%s" % (table.schema, table.name) if table.schema else table.name
        cur.copy_expert("COPY %s (%s) FROM STDIN WITH CSV" % (name, columns), buf)


def write(frame, engine, schema, name):
    frame.to_sql(name, engine, schema=schema, if_exists="replace", index=False,
                 method=psql_insert_copy, chunksize=500_000)


class Steps:
    """Prints the time of each step on stderr."""

    def __init__(self):
        self.t = time.monotonic()

    def done(self, what):
        now = time.monotonic()
        print("pandas %-40s %6.1fs" % (what, now - self.t), file=sys.stderr, flush=True)
        self.t = now


def load_raw(engine, data_dir, steps):
    """Reads and writes the seven raw files; returns the movies as text."""
    movies = None
    for name in TEXT_FILES:
        frame = pd.read_csv("%s/%s.csv" % (data_dir, name), dtype=str,
                            keep_default_na=False, na_values=[])
        write(frame, engine, "raw", name)
        if name == "movies_metadata":
            movies = frame
        steps.done("load %s.csv (%d rows)" % (name, len(frame)))
    for name, dtypes in TYPED_FILES.items():
        frame = pd.read_csv("%s/%s.csv" % (data_dir, name), dtype=dtypes)
        write(frame, engine, "raw", name)
        steps.done("load %s.csv (%d rows)" % (name, len(frame)))
    return movies


def clean_movies(raw):
    """One row per movie id (first in file order), typed as the business
    rules of docs/data-model.md say."""
    raw = raw[raw["id"].str.strip().str.match(POSITIVE_INT)]
    movies = pd.DataFrame({"movie_id": raw["id"].str.strip().astype("int64")})
    movies["file_order"] = np.arange(len(movies))
    for column in ["budget", "revenue"]:
        movies[column] = pd.to_numeric(raw[column], errors="coerce").replace(0, np.nan)
    movies["profit"] = movies["revenue"] - movies["budget"]
    movies["popularity"] = pd.to_numeric(raw["popularity"], errors="coerce")
    date = raw["release_date"].where(raw["release_date"].str.match(ISO_DATE))
    movies["release_year"] = pd.to_datetime(date, format="%Y-%m-%d", errors="coerce").dt.year.astype("Int64")
    movies["genres"] = raw["genres"]
    movies["production_companies"] = raw["production_companies"]
    return movies.drop_duplicates("movie_id", keep="first")


def literal_list(text):
    """The list a Python literal holds; [] when it is not a list or does not parse."""
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return []
    return value if isinstance(value, list) else []


def explode_pairs(movies, column, entity):
    """(movie_id, <entity>_id) pairs of a literal list column, and the names."""
    lists = movies[["movie_id", "file_order", column]].copy()
    lists["element"] = lists[column].map(literal_list)
    lists = lists.drop(columns=column).explode("element").dropna(subset=["element"])
    lists["position"] = lists.groupby("movie_id").cumcount()
    element = lists["element"]
    ids = element.map(lambda e: e.get("id") if isinstance(e, dict) else None)
    names = element.map(lambda e: e.get("name") if isinstance(e, dict) else None)
    valid = ids.map(lambda i: isinstance(i, int) and not isinstance(i, bool) and 0 <= i < 10**18)
    pairs = pd.DataFrame({
        "movie_id": lists["movie_id"], "file_order": lists["file_order"],
        "position": lists["position"],
        "%s_id" % entity: ids.where(valid), "%s_name" % entity: names.map(
            lambda n: n if isinstance(n, str) and n != "" else None),
    })[valid.values]
    pairs["%s_id" % entity] = pairs["%s_id" % entity].astype("int64")
    pairs = pairs.drop_duplicates(["movie_id", "%s_id" % entity], keep="first")
    named = pairs.dropna(subset=["%s_name" % entity]).sort_values(["file_order", "position"])
    names = named.drop_duplicates("%s_id" % entity, keep="first")[["%s_id" % entity, "%s_name" % entity]]
    dim = pairs[["%s_id" % entity]].drop_duplicates().merge(names, how="left")
    return pairs[["movie_id", "%s_id" % entity]], dim


def known_sum(values):
    """Sum of the known values; NaN when none is known (SQL's sum)."""
    return values.sum(min_count=1)


# The measures of mart_company_year and mart_genre_year, as groupby().agg() arguments.
MOVIE_MEASURES = {
    "movie_count": ("movie_id", "nunique"),
    "total_budget": ("budget", known_sum),
    "total_revenue": ("revenue", known_sum),
    "total_profit": ("profit", known_sum),
    "avg_popularity": ("popularity", "mean"),
}


def compute_marts(movies, steps):
    """The four marts of docs/data-model.md as DataFrames, by name."""
    genres, dim_genre = explode_pairs(movies, "genres", "genre")
    companies, dim_company = explode_pairs(movies, "production_companies", "company")
    steps.done("parse + explode genres, companies")
    dated = movies[movies["release_year"].notna()][
        ["movie_id", "release_year", "budget", "revenue", "profit", "popularity"]]

    company_movies = dated.merge(companies, on="movie_id").merge(dim_company, on="company_id")
    company_year = company_movies.groupby(["company_id", "company_name", "release_year"], dropna=False).agg(
        **MOVIE_MEASURES).reset_index()

    company_genre = company_movies.merge(genres, on="movie_id").merge(dim_genre, on="genre_id")
    company_genre_year = company_genre.groupby(
        ["company_id", "company_name", "genre_id", "genre_name", "release_year"], dropna=False).agg(
        release_count=("movie_id", "nunique")).reset_index()

    genre_movies = dated.merge(genres, on="movie_id").merge(dim_genre, on="genre_id")
    genre_year = genre_movies.groupby(["genre_id", "genre_name", "release_year"], dropna=False).agg(
        **MOVIE_MEASURES, total_popularity=("popularity", known_sum)).reset_index()
    genre_year = genre_year.sort_values(
        ["release_year", "total_popularity", "movie_count", "genre_name", "genre_id"],
        ascending=[True, False, False, True, True], na_position="last")
    genre_year["popularity_rank"] = genre_year.groupby("release_year").cumcount() + 1
    top_genre_year = genre_year[genre_year["popularity_rank"] == 1][
        ["release_year", "genre_id", "genre_name", "total_popularity", "movie_count"]]
    steps.done("compute marts")
    return {
        "mart_company_year": company_year,
        "mart_company_genre_year": company_genre_year,
        "mart_genre_year": genre_year,
        "mart_top_genre_year": top_genre_year,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="libpq URI (postgresql://...)")
    parser.add_argument("--data-dir", required=True, help="directory of the seven CSV files")
    args = parser.parse_args()
    engine = sqlalchemy.create_engine("postgresql+psycopg2://", creator=lambda: psycopg2.connect(args.db))
    with engine.begin() as conn:
        for schema in ["raw", "marts"]:
            conn.execute(sqlalchemy.text("CREATE SCHEMA IF NOT EXISTS %s" % schema))
    steps = Steps()
    movies = clean_movies(load_raw(engine, args.data_dir, steps))
    steps.done("clean movies (%d)" % len(movies))
    for name, frame in compute_marts(movies, steps).items():
        write(frame, engine, "marts", name)
        steps.done("write %s (%d rows)" % (name, len(frame)))


if __name__ == "__main__":
    main()
