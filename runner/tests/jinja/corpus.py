#!/usr/bin/python3
"""Corpus comparison: renders whole template files the way a user does,
`mrun render --context context.json --search-path CASE CASE/main...`, and
compares each with Python's Jinja2 (a plain Environment with a
FileSystemLoader on the same directory): identical bytes on stdout and exit
0, or both failing (mrun with exit 2 and file:line).

A corpus is a directory of cases; a case is a directory holding templates,
an optional context.json, and the templates to render, named main*. The
others are what those extend, include and import.

    /usr/bin/python3 runner/tests/jinja/corpus.py                       # runner/tests/jinja/corpus
    /usr/bin/python3 runner/tests/jinja/corpus.py --corpus DIR --min-ratio 0.97 -v
"""
import argparse
import json
import os
import re
import subprocess
import sys

import jinja2

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from jinja_cases import mrun_binary  # noqa: E402


def jinja2_file_render(case_dir, name, context):
    """(ok, output-or-error) from Jinja2 rendering template `name` of case_dir."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(case_dir))
    try:
        return True, env.get_template(name).render(**context)
    except RecursionError:
        return False, "RecursionError"
    except Exception as e:  # any Jinja2 or Python error counts as "errors"
        return False, f"{type(e).__name__}: {e}"


def mrun_file_render(case_dir, name, context_path):
    """(ok, output-or-error, problem) from `mrun render` on the file; problem
    names a failure that is not a proper template error (exit 2, file:line)."""
    cmd = [mrun_binary(), "render", "--search-path", case_dir]
    if context_path:
        cmd += ["--context", context_path]
    cmd.append(os.path.join(case_dir, name))
    proc = subprocess.run(cmd, capture_output=True, timeout=120)
    out, err = proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")
    if proc.returncode == 0:
        return True, out, None
    problem = None
    if proc.returncode != 2:
        problem = f"exit {proc.returncode}, not 2"
    elif not re.search(r"[^\s:]+:\d+", err):
        problem = "error without file:line"
    return False, err.strip(), problem


def cases_of(corpus):
    for case in sorted(os.listdir(corpus)):
        case_dir = os.path.join(corpus, case)
        if not os.path.isdir(case_dir):
            continue
        context_path = os.path.join(case_dir, "context.json")
        if not os.path.exists(context_path):
            context_path = None
        for name in sorted(os.listdir(case_dir)):
            if name.startswith("main") and os.path.isfile(os.path.join(case_dir, name)):
                yield case, case_dir, name, context_path


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus"))
    ap.add_argument("--min-ratio", type=float, default=1.0, help="fail below this share of identical results")
    ap.add_argument("-v", action="store_true", help="print every template")
    args = ap.parse_args()

    total = identical = errors = 0
    for case, case_dir, name, context_path in cases_of(args.corpus):
        context = {}
        if context_path:
            with open(context_path, encoding="utf-8") as f:
                context = json.load(f)
        expected = jinja2_file_render(case_dir, name, context)
        ok, output, problem = mrun_file_render(case_dir, name, context_path)
        same = expected[0] == ok and (not ok or expected[1] == output) and not problem
        total += 1
        identical += same
        errors += not expected[0]
        if args.v or not same:
            print(f"{'same' if same else 'DIFF'} {case}/{name}")
        if not same:
            print(f"  jinja2: {expected!r}\n  mrun:   {(ok, output)!r}" + (f"\n  problem: {problem}" if problem else ""))
    ratio = identical / total if total else 0.0
    print(f"{identical}/{total} templates identical to Jinja2 ({ratio:.1%}; {errors} are errors in Jinja2)")
    return 0 if total and ratio >= args.min_ratio else 1


if __name__ == "__main__":
    sys.exit(main())
