#!/usr/bin/python3
"""Conformance suite: renders every case under cases/ with Python's Jinja2
and with `mrun render --batch`, and fails on any difference in output or in
whether rendering errors. Expected outputs come from Jinja2 at test time.

    /usr/bin/python3 runner/tests/jinja/conformance.py [--min-cases N] [-k TEXT] [-v]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from jinja_cases import jinja2_render, load_cases, mrun_binary, mrun_render_batch, same  # noqa: E402


def check_file_mode():
    """`mrun render FILE --context ctx.json`: includes resolve next to FILE;
    errors exit 2 with file:line:col, the source line and a caret."""
    with tempfile.TemporaryDirectory() as tmp:
        os.makedirs(os.path.join(tmp, 'models'))
        with open(os.path.join(tmp, 'models', 'part.sql'), 'w') as f:
            f.write('part {{ n }}')
        with open(os.path.join(tmp, 'models', 'x.sql'), 'w') as f:
            f.write("{% for i in range(n) %}{{ i }}{% endfor %} {% include 'part.sql' %}\n")
        with open(os.path.join(tmp, 'models', 'bad.sql'), 'w') as f:
            f.write('ok\n{% if x %}\n  {% endfor %}\n')
        ctx = os.path.join(tmp, 'ctx.json')
        with open(ctx, 'w') as f:
            json.dump({'n': 3}, f)
        good = subprocess.run([mrun_binary(), 'render', '--context', ctx, os.path.join(tmp, 'models', 'x.sql')],
                              capture_output=True, text=True)
        bad = subprocess.run([mrun_binary(), 'render', os.path.join(tmp, 'models', 'bad.sql')],
                             capture_output=True, text=True)
    problems = []
    if good.returncode != 0 or good.stdout != '012 part 3':
        problems.append(f'file mode: rc={good.returncode} out={good.stdout!r} err={good.stderr!r}')
    if bad.returncode != 2 or "bad.sql:3:6: unexpected 'endfor', expected 'endif'" not in bad.stderr \
            or '    {% endfor %}\n       ^' not in bad.stderr:
        problems.append(f'error mode: rc={bad.returncode} err={bad.stderr!r}')
    for p in problems:
        print('FAIL', p)
    return not problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases"))
    ap.add_argument("--min-cases", type=int, default=400)
    ap.add_argument("-k", default="", help="only cases whose name or template contains this")
    ap.add_argument("-v", action="store_true", help="print every case")
    args = ap.parse_args()

    cases = [c for c in load_cases(args.cases) if args.k in c.name or args.k in c.template]
    results = {}
    for strict in (False, True):
        subset = [c for c in cases if ("strict" in c.name) == strict]
        got = mrun_render_batch([c.request() for c in subset], strict=strict)
        for c, g in zip(subset, got):
            results[c.name] = (jinja2_render(c.template, c.context, c.files, strict=strict), g)

    failures = 0
    for c in cases:
        expected, actual = results[c.name]
        ok = same(expected, actual)
        if args.v or not ok:
            print(f"{'ok  ' if ok else 'FAIL'} {c.name}: {c.template!r}")
        if not ok:
            failures += 1
            print(f"     jinja2: {expected!r}\n     mrun:   {actual!r}")
    if not args.k and not check_file_mode():
        failures += 1
    errors = sum(1 for c in cases if not results[c.name][0][0])
    print(f"{len(cases) - failures}/{len(cases)} cases agree with Jinja2 ({errors} are expected errors)")
    if not args.k and len(cases) < args.min_cases:
        print(f"too few cases: {len(cases)} < {args.min_cases}")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
