#!/usr/bin/python3
"""Reference loader: creates raw.* exactly as models/sources.yml declares and loads CSV files.

Independent of the C++ loader; used to check the SQL models and the reference marts.
For every table in sources.yml it reads meta.file from --data-dir (or --ratings-dir
for generated ratings files), applies the per-column checks of the contract
(int, positive_int, numeric, date, boolean, required, transform: python_literal),
adds _line (line where the record starts, header = line 1) and _load_id, and
writes rejected records to raw.load_rejects. Files that are absent are skipped.

usage: load_raw.py --db URI --data-dir DIR [--ratings-dir DIR] [--append TABLE=FILE]
"""
import argparse
import ast
import csv
import datetime
import io
import json
import math
import os
import re
import sys
import uuid

import psycopg2
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCES_YML = os.path.join(HERE, "..", "..", "models", "sources.yml")
INT_RE = re.compile(r"^[+-]?\d+$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

csv.field_size_limit(sys.maxsize)


def quote_ident(name):
    return '"' + name.replace('"', '""') + '"'


def to_json_value(value):
    """Python literal value -> JSON-compatible value (tuples/sets become lists)."""
    if isinstance(value, dict):
        return {str(k): to_json_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [to_json_value(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, complex):
        raise ValueError("complex literal")
    return value


def convert(field, column):
    """Returns (value for COPY or None, reject reason or None) for one field."""
    meta = column.get("meta") or {}
    if field == "":
        if meta.get("required"):
            return None, f"{column['name']}: required value is empty"
        return None, None
    check = meta.get("check")
    if check in ("int", "positive_int"):
        if not INT_RE.match(field.strip()):
            return None, f"{column['name']}: not an integer: {field[:40]!r}"
        if check == "positive_int" and int(field) <= 0:
            return None, f"{column['name']}: not a positive integer: {field[:40]!r}"
    elif check == "numeric":
        try:
            number = float(field)
        except ValueError:
            return None, f"{column['name']}: not a number: {field[:40]!r}"
        if not math.isfinite(number):
            return None, f"{column['name']}: not a finite number: {field[:40]!r}"
    elif check == "date":
        try:
            if not DATE_RE.match(field):
                raise ValueError
            datetime.date.fromisoformat(field)
        except ValueError:
            return None, f"{column['name']}: not a date: {field[:40]!r}"
    elif check == "boolean":
        if field.strip().lower() not in ("true", "false", "t", "f", "1", "0"):
            return None, f"{column['name']}: not a boolean: {field[:40]!r}"
    if meta.get("transform") == "python_literal":
        try:
            field = json.dumps(to_json_value(ast.literal_eval(field)), ensure_ascii=False)
        except (ValueError, SyntaxError, MemoryError, RecursionError, TypeError) as error:
            return None, f"{column['name']}: not a Python literal ({type(error).__name__})"
    return field, None


def read_records(path):
    """Yields (line where the record starts, fields) for every data record of a CSV file."""
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        next_start = reader.line_num + 1
        for fields in reader:
            yield header, next_start, fields
            next_start = reader.line_num + 1


def copy_escape(value):
    if value is None:
        return r"\N"
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def create_tables(cur, tables):
    cur.execute("create schema if not exists raw")
    cur.execute(
        "create table if not exists raw.load_rejects ("
        "file text, line bigint, reason text, record text, _load_id text)"
    )
    for table in tables:
        columns = [f"{quote_ident(c['name'])} {c.get('data_type', 'text')}" for c in table["columns"]]
        columns += ["_line bigint", "_load_id text"]
        # cascade: staging views over raw must be rebuilt after a reload anyway
        cur.execute(f"drop table if exists raw.{quote_ident(table['name'])} cascade")
        cur.execute(f"create table raw.{quote_ident(table['name'])} ({', '.join(columns)})")


def load_file(cur, table, path, load_id):
    """Loads one CSV file into raw.<table>; returns (loaded, rejected)."""
    columns = table["columns"]
    by_name = {c["name"]: c for c in columns}
    good, bad = io.StringIO(), []
    loaded = 0
    for header, line, fields in read_records(path):
        if len(fields) != len(header):
            bad.append((line, f"expected {len(header)} fields, found {len(fields)}", fields))
            continue
        record = dict(zip(header, fields))
        values, reason = [], None
        for column in columns:
            if column["name"] not in record:
                values.append(None)
                continue
            value, reason = convert(record[column["name"]], by_name[column["name"]])
            if reason:
                break
            values.append(value)
        if reason:
            bad.append((line, reason, fields))
            continue
        good.write("\t".join(copy_escape(v) for v in values + [str(line), load_id]) + "\n")
        loaded += 1
    good.seek(0)
    names = ", ".join(quote_ident(c["name"]) for c in columns) + ", _line, _load_id"
    cur.copy_expert(f"copy raw.{quote_ident(table['name'])} ({names}) from stdin", good)
    for line, reason, fields in bad:
        cur.execute(
            "insert into raw.load_rejects values (%s, %s, %s, %s, %s)",
            (os.path.basename(path), line, reason, ",".join(fields)[:2000], load_id),
        )
    ratio = len(bad) / max(1, loaded + len(bad))
    limit = (table.get("meta") or {}).get("max_reject_ratio", 0)
    if ratio > limit:
        raise SystemExit(f"{path}: reject ratio {ratio:.4f} above {limit}")
    return loaded, len(bad)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--ratings-dir", help="directory with generated ratings.csv / ratings_small.csv")
    parser.add_argument("--append", metavar="TABLE=FILE", help="only append FILE to raw.TABLE")
    args = parser.parse_args()

    with open(SOURCES_YML) as handle:
        tables = {t["name"]: t for t in yaml.safe_load(handle)["sources"][0]["tables"]}
    load_id = uuid.uuid4().hex
    with psycopg2.connect(args.db) as conn, conn.cursor() as cur:
        if args.append:
            name, path = args.append.split("=", 1)
            loaded, rejected = load_file(cur, tables[name], path, load_id)
            print(f"raw.{name}: appended {loaded}, rejected {rejected}")
            return
        create_tables(cur, tables.values())
        for table in tables.values():
            file_name = table["meta"]["file"]
            candidates = [os.path.join(args.data_dir, file_name)]
            if args.ratings_dir:
                candidates.insert(0, os.path.join(args.ratings_dir, file_name))
            path = next((p for p in candidates if os.path.exists(p)), None)
            if path is None:
                print(f"raw.{table['name']}: no file {file_name}, left empty")
                continue
            loaded, rejected = load_file(cur, table, path, load_id)
            print(f"raw.{table['name']}: loaded {loaded}, rejected {rejected}")


if __name__ == "__main__":
    main()
