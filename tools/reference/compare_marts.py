#!/usr/bin/python3
"""Compares every mart in the database with the independent reference computation.

Rows are matched on each mart's key; every column must agree: NULL with NULL,
text exactly, numbers within 1e-6 relative. Prints a readable diff and exits 1
on any mismatch, 0 when all marts agree.

usage: compare_marts.py --db URI --data-dir DIR [--ratings FILE ...] [--schema marts]
"""
import argparse
import math
import os
import sys

import psycopg2

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compute_marts import MART_KEYS, compute  # noqa: E402

RELATIVE_TOLERANCE = 1e-6
MAX_REPORTED = 20


def is_null(value):
    return value is None or (isinstance(value, float) and math.isnan(value))


def same(expected, actual):
    if is_null(expected) or is_null(actual):
        return is_null(expected) and is_null(actual)
    if isinstance(expected, str) or isinstance(actual, str):
        return expected == actual
    expected, actual = float(expected), float(actual)
    return abs(expected - actual) <= RELATIVE_TOLERANCE * max(abs(expected), abs(actual), 1e-300)


def key_of(row, keys):
    return tuple(int(row[k]) for k in keys)


def compare_mart(cur, schema, name, frame):
    """Returns a list of readable differences between the reference frame and the table."""
    keys = MART_KEYS[name]
    columns = list(frame.columns)
    cur.execute(
        "select column_name from information_schema.columns "
        "where table_schema = %s and table_name = %s order by ordinal_position", (schema, name))
    db_columns = [r[0] for r in cur.fetchall()]
    if not db_columns:
        return [f"{schema}.{name}: table missing"]
    if db_columns != columns:
        return [f"{schema}.{name}: columns {db_columns} != expected {columns}"]
    cur.execute(f'select {", ".join(columns)} from "{schema}"."{name}"')
    actual = {}
    for values in cur.fetchall():
        row = dict(zip(columns, values))
        if key_of(row, keys) in actual:
            return [f"{name}: key {key_of(row, keys)} appears more than once"]
        actual[key_of(row, keys)] = row
    expected = {key_of(row, keys): row for row in frame.to_dict("records")}
    problems = []
    for key in sorted(expected.keys() - actual.keys()):
        problems.append(f"{name} {dict(zip(keys, key))}: missing from the database: {expected[key]}")
    for key in sorted(actual.keys() - expected.keys()):
        problems.append(f"{name} {dict(zip(keys, key))}: unexpected row: {actual[key]}")
    for key in sorted(expected.keys() & actual.keys()):
        for column in columns:
            if not same(expected[key][column], actual[key][column]):
                problems.append(f"{name} {dict(zip(keys, key))}: {column} = {actual[key][column]!r}, "
                                f"expected {expected[key][column]!r}")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--ratings", nargs="*", default=[])
    parser.add_argument("--schema", default="marts")
    args = parser.parse_args()
    marts = compute(args.data_dir, args.ratings)
    failed = False
    with psycopg2.connect(args.db) as conn, conn.cursor() as cur:
        for name, frame in marts.items():
            problems = compare_mart(cur, args.schema, name, frame)
            failed |= bool(problems)
            print(f"{name}: {len(frame)} rows, {'OK' if not problems else f'{len(problems)} difference(s)'}")
            for line in problems[:MAX_REPORTED]:
                print("  " + line)
            if len(problems) > MAX_REPORTED:
                print(f"  ... and {len(problems) - MAX_REPORTED} more")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
