#!/usr/bin/python3
"""Summarizes one pipeline benchmark run (see run.sh): mrun's load lines and
target/run_results.json per node, pandas_pipeline.py's step lines, the wall
times and the ratio pandas / mrun against the targets of issue #6."""
import argparse
import json
import os
import re

LOAD_LINE = re.compile(r"^load (\S+\.csv): read (\d+) loaded (\d+) rejected (\d+) in ([0-9.]+)s")


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--run-results", required=True)
    p.add_argument("--mrun-log", action="append", default=[])
    p.add_argument("--pandas-log")
    p.add_argument("--mrun-seconds", type=float, required=True)
    p.add_argument("--pandas-seconds", type=float, default=0)
    p.add_argument("--data-dir")
    a = p.parse_args()

    if a.data_dir:
        files = sorted(f for f in os.listdir(a.data_dir) if f.endswith(".csv"))
        mb = sum(os.path.getsize(os.path.join(a.data_dir, f)) for f in files) / 1e6
        print("data: %d files, %.0f MB (%s)" % (len(files), mb, a.data_dir))

    print("\nmrun build, load per file:")
    for path in a.mrun_log:
        for line in open(path, errors="replace"):
            m = LOAD_LINE.match(line.strip())
            if m:
                print("  %-22s %9s rows %7.1f s  (rejected %s)" % (m[1], m[3], float(m[5]), m[4]))

    results = []
    if os.path.exists(a.run_results):
        results = json.load(open(a.run_results))["results"]
    models = sorted((r for r in results if r["unique_id"].startswith("model.")),
                    key=lambda r: -r["execution_time"])
    tests = [r for r in results if r["unique_id"].startswith("test.")]
    other = [r for r in results if not r["unique_id"].startswith(("model.", "test."))]
    print("\nmrun build, models (slowest first):")
    for r in models:
        print("  %-40s %7.2f s  %s" % (r["unique_id"].split(".")[-1], r["execution_time"], r["status"]))
    print("  %-40s %7.2f s" % ("all models", sum(r["execution_time"] for r in models)))
    if tests:
        slow = max(tests, key=lambda r: r["execution_time"])
        print("  %-40s %7.2f s  (%d tests, %d not passed; slowest %s %.2f s)" % (
            "all tests", sum(r["execution_time"] for r in tests), len(tests),
            sum(1 for r in tests if r["status"] != "pass"), slow["unique_id"].split(".")[-1],
            slow["execution_time"]))
    for r in other:
        print("  %-40s %7.2f s  %s" % (r["unique_id"], r["execution_time"], r["status"]))

    if a.pandas_log and os.path.exists(a.pandas_log):
        print("\npandas_pipeline.py steps:")
        for line in open(a.pandas_log):
            if line.startswith("pandas "):
                print("  " + line[7:].rstrip())

    print("\nmrun build wall:  %7.1f s   (target < 150 s: %s)" % (
        a.mrun_seconds, "met" if a.mrun_seconds < 150 else "MISSED"))
    if a.pandas_seconds > 0:
        ratio = a.pandas_seconds / a.mrun_seconds
        print("pandas wall:      %7.1f s" % a.pandas_seconds)
        print("ratio pandas / mrun: %.2f   (target >= 10: %s)" % (ratio, "met" if ratio >= 10 else "MISSED"))


if __name__ == "__main__":
    main()
