"""Reference for the python_literal property test (run with /usr/bin/python3).

  gen SEED COUNT > literals.txt      random Python values, one repr() per line
  check literals.txt converted.txt   each converted line must be JSON equal to
                                     ast.literal_eval of the literal (tuples as lists)
"""
import ast
import json
import random
import sys

PALETTE = list("abcXYZ 09_-,:{}[]()") + ["'", '"', "\\", "\n", "\r", "\t", "\x01", "\x1f", "\x7f",
                                        "\u00e9", "\u00fc", "\u4e2d", "\U0001F600", "\u2028", "\ufeff", "\x85"]


def rand_str(r):
    return "".join(r.choice(PALETTE) for _ in range(r.randint(0, 12)))


def rand_scalar(r):
    k = r.randint(0, 9)
    if k == 0:
        return None
    if k == 1:
        return r.choice([True, False])
    if k == 2:
        return r.randint(-10**6, 10**6)
    if k == 3:
        return r.randint(-10**30, 10**30)
    if k == 4:
        return r.uniform(-1e6, 1e6)
    if k == 5:
        return r.choice([0.1, 1e-05, 1.5e+300, -2.5e-300, 0.0, -0.0, 123456789.125, 1e16])
    return rand_str(r)


def rand_value(r, depth=0):
    if depth > 3 or r.random() < 0.4:
        return rand_scalar(r)
    k = r.randint(0, 2)
    n = r.randint(0, 4)
    if k == 0:
        return [rand_value(r, depth + 1) for _ in range(n)]
    if k == 1:
        return tuple(rand_value(r, depth + 1) for _ in range(n))
    return {rand_str(r): rand_value(r, depth + 1) for _ in range(n)}


def normalize(v):
    if isinstance(v, (list, tuple)):
        return [normalize(x) for x in v]
    if isinstance(v, dict):
        return {k: normalize(x) for k, x in v.items()}
    return v


def main():
    if sys.argv[1] == "gen":
        r = random.Random(int(sys.argv[2]))
        for _ in range(int(sys.argv[3])):
            print(repr(rand_value(r)))
        return 0
    with open(sys.argv[2], encoding="utf-8") as a, open(sys.argv[3], encoding="utf-8") as b:
        literals = a.read().split("\n")[:-1]
        converted = b.read().split("\n")[:-1]
    assert len(literals) == len(converted), (len(literals), len(converted))
    bad = 0
    for lit, js in zip(literals, converted):
        want = normalize(ast.literal_eval(lit))
        try:
            got = json.loads(js)
        except ValueError as e:
            got = "<invalid JSON: %s>" % e
        # repr() of floats round-trips, so equal digits give equal floats.
        if got != want or json.dumps(got) != json.dumps(want):
            bad += 1
            if bad <= 5:
                print("MISMATCH\n  literal: %s\n  json:    %s" % (lit, js))
    print("checked %d, mismatches %d" % (len(literals), bad))
    return 1 if bad else 0


sys.exit(main())
