#!/usr/bin/python3
"""Randomized differential test: generates expression and statement programs,
renders each with Python's Jinja2 and with `mrun render --batch`, and fails on
any difference (output, or whether it errors).

    /usr/bin/python3 runner/tests/jinja/differential.py --seed 1 --count 5000
    /usr/bin/python3 runner/tests/jinja/differential.py --seed 1 --replay 1234   # one program

Program N of seed S is generated from random.Random(f"{S}:{N}"), so a
mismatch can be replayed alone with the command printed in the report.
"""
import argparse
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from jinja_cases import jinja2_render, mrun_render_batch, same  # noqa: E402

CONTEXT = {
    "i": 7, "j": -3, "z": 0, "f": 2.5, "g": -0.75, "s": "Hello World", "e": "", "t": "a,b,c",
    "l": [3, 1, 2], "ls": ["b", "A", "c"], "n": None, "yes": True, "no": False,
    "d": {"a": 1, "b": "two", "c": [1, 2]}, "users": [{"name": "x", "age": 3}, {"name": "y", "age": 1}],
}
FILES = {"inc.j2": "[{{ i }}{{ v | default('-') }}]", "mac.j2": "{% macro m(a, b=2) %}<{{ a }}|{{ b }}>{% endmacro %}"}
SCALARS = ["i", "j", "z", "f", "g", "s", "e", "t", "n", "yes", "no", "missing"]
SEQS = ["l", "ls", "s", "t", "d", "users", "e"]
FILTERS = ["upper", "lower", "length", "first", "last", "list", "sort", "reverse|list", "join(',')", "default('D')",
           "abs", "int", "float", "string", "trim", "capitalize", "title", "unique|list", "sum", "min", "max",
           "round", "round(1)", "replace('l', 'L')", "center(9)", "count", "e", "tojson", "pprint", "wordcount",
           "dictsort", "batch(2)|list", "slice(2)|list", "select('odd')|list", "map('string')|list",
           "truncate(9)", "indent(2)", "items|list", "urlencode", "striptags", "format(1)"]
TESTS = ["defined", "undefined", "none", "number", "string", "mapping", "iterable", "sequence", "even", "odd",
         "divisibleby(2)", "eq(1)", "lt(3)", "in([1, 2, 3])", "true", "false", "integer", "float", "lower", "upper"]
BINOPS = ["+", "-", "*", "/", "//", "%", "~", "==", "!=", "<", "<=", ">", ">=", "in", "not in", "and", "or"]
METHODS = ["upper()", "lower()", "strip()", "split()", "split(',')", "replace('o', '0')", "startswith('H')",
           "endswith('d')", "title()", "count('l')", "find('o')", "zfill(12)", "format(1, 2)"]


class Gen:
    def __init__(self, rng):
        self.r = rng

    def literal(self):
        c = self.r.randrange(8)
        if c == 0:
            return str(self.r.randint(-20, 20))
        if c == 1:
            return self.r.choice(["0.5", "1.25", "-3.0", "1e3", "2.0"])
        if c == 2:
            return self.r.choice(["'abc'", "'x y'", "''", "'It''s'", "\"q\\\"d\"", "'a\\nb'", "'é'"])
        if c == 3:
            return self.r.choice(["true", "false", "none", "True", "None"])
        if c == 4:
            return "[" + ", ".join(self.expr(1) for _ in range(self.r.randrange(4))) + "]"
        if c == 5:
            return "{" + ", ".join(f"'k{k}': {self.expr(1)}" for k in range(self.r.randrange(3))) + "}"
        if c == 6:
            return "(" + ", ".join(self.expr(1) for _ in range(self.r.randrange(1, 3))) + ",)"
        return self.r.choice(SCALARS + SEQS)

    def expr(self, depth):
        if depth <= 0:
            return self.literal()
        r, sub = self.r, (lambda: self.expr(depth - 1))
        atom = lambda: self.atom(depth - 1)  # noqa: E731
        slice_ = lambda: (f"{r.choice(SEQS)}[{r.choice(['', '1', '-1', '-2'])}:"  # noqa: E731
                          f"{r.choice(['', '2', '-1', '10'])}{r.choice(['', ':2', ':-1'])}]")
        forms = [  # one entry per expression shape of the grammar
            lambda: f"({sub()} {r.choice(BINOPS)} {sub()})",
            lambda: f"{r.choice(['not ', '-', ''])}{atom()}",
            lambda: f"({sub()} if {sub()} else {sub()})",
            lambda: f"{atom()}|{r.choice(FILTERS)}",
            lambda: f"({atom()} is {r.choice(['', 'not '])}{r.choice(TESTS)})",
            lambda: f"{r.choice(SEQS)}[{r.randint(-3, 3)}]",
            slice_,
            lambda: f"d.{r.choice(['a', 'b', 'c', 'zz'])}",
            lambda: f"{r.choice(['s', 't', 'e', repr('a-b-c')])}.{r.choice(METHODS)}",
            lambda: f"({sub()} {r.choice(['<', '==', '<='])} {sub()} {r.choice(['<', '!='])} {sub()})",
            lambda: f"{r.choice(['2', '3', '1.5', '-2'])} ** {r.randint(0, 3)}",
            self.literal,
        ]
        return r.choice(forms)()

    def atom(self, depth):
        e = self.expr(depth)
        return e if e[0] in "([{'\"" or e.replace('_', '').isalnum() else f"({e})"

    def ws(self, tag):
        a, b = self.r.choice(["", "-"]), self.r.choice(["", "-"])
        return tag[:2] + a + tag[2:-2] + b + tag[-2:]

    def text(self):
        return self.r.choice(["", " ", "x", "\n", "  a\n", " | ", "\n\n"])

    def stmt(self, depth, in_loop=False):
        c = self.r.randrange(11 if depth > 0 else 3)
        t = self.text()
        if c <= 1:
            return t + self.ws("{{ " + self.expr(self.r.randint(0, 3)) + " }}")
        if c == 2:
            return t + self.ws("{% set v = " + self.expr(2) + " %}") + "{{ v }}"
        body = lambda: "".join(self.stmt(depth - 1, in_loop) for _ in range(self.r.randrange(1, 3)))  # noqa: E731
        if c == 3:
            out = self.ws("{% if " + self.expr(2) + " %}") + body()
            if self.r.random() < 0.5:
                out += self.ws("{% elif " + self.expr(2) + " %}") + body()
            if self.r.random() < 0.5:
                out += self.ws("{% else %}") + body()
            return t + out + self.ws("{% endif %}")
        if c == 4:
            target, it = self.r.choice([("x", self.r.choice(SEQS + ["range(4)", "[1, 2]"])),
                                        ("k, w", "d.items()"), ("a, b", "[[1, 2], [3, 4]]")])
            cond = f" if {self.expr(1)}" if self.r.random() < 0.3 else ""
            inner = "".join(self.stmt(depth - 1, True) for _ in range(self.r.randrange(1, 3)))
            var = self.r.choice(["loop.index", "loop.first", "loop.last", "loop.revindex0", "loop.length",
                                 "loop.cycle('p', 'q')", "loop.previtem", target.split(",")[0]])
            out = self.ws("{% for " + target + " in " + it + cond + " %}") + "{{ " + var + " }}" + inner
            if self.r.random() < 0.3:
                out += self.ws("{% else %}") + "none"
            return t + out + self.ws("{% endfor %}")
        if c == 5 and in_loop:
            return t + self.ws("{% if " + self.expr(1) + " %}") + self.r.choice(["{% break %}", "{% continue %}"]) + "{% endif %}"
        if c == 6:
            return (t + "{% macro mm(p, q=" + self.literal() + ") %}" + body() + "{{ p }}{{ q }}{% endmacro %}"
                    + "{{ mm(" + self.expr(1) + ") }}" + "{{ mm(" + self.expr(1) + ", q=" + self.expr(1) + ") }}")
        if c == 7:
            return t + "{% set ns = namespace(c=0) %}{% for x in l %}{% set ns.c = ns.c + x %}{% endfor %}{{ ns.c }}"
        if c == 8:
            return t + "{% with v = " + self.expr(2) + " %}" + body() + "{{ v }}{% endwith %}"
        if c == 9:
            return t + "{% filter " + self.r.choice(["upper", "trim", "replace('a', 'b')", "center(20)"]) + " %}" + body() + "{% endfilter %}"
        return t + self.r.choice(["{% include 'inc.j2' %}", "{% from 'mac.j2' import m %}{{ m(" + self.expr(1) + ") }}",
                                  "{% import 'mac.j2' as mac %}{{ mac.m(1, b=" + self.expr(1) + ") }}",
                                  "{% set v %}" + body() + "{% endset %}{{ v | length }}"])

    def program(self):
        return "".join(self.stmt(self.r.randint(0, 3)) for _ in range(self.r.randint(1, 4)))


def program(seed, n):
    return Gen(random.Random(f"{seed}:{n}")).program()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=5000)
    ap.add_argument("--replay", type=int, help="render only program N and show both results")
    ap.add_argument("--max-report", type=int, default=20)
    args = ap.parse_args()

    indices = [args.replay] if args.replay is not None else range(args.count)
    templates = [program(args.seed, n) for n in indices]
    got = mrun_render_batch([{"template": t, "context": CONTEXT, "files": FILES} for t in templates])
    mismatches = 0
    errors = 0
    for n, t, g in zip(indices, templates, got):
        expected = jinja2_render(t, CONTEXT, FILES)
        errors += not expected[0]
        if args.replay is not None or not same(expected, g):
            if not same(expected, g):
                mismatches += 1
            if mismatches <= args.max_report or args.replay is not None:
                print(f"{'MISMATCH' if not same(expected, g) else 'same'} program {n}: {t!r}")
                print(f"  jinja2: {expected!r}\n  mrun:   {g!r}")
                print(f"  replay: /usr/bin/python3 {sys.argv[0]} --seed {args.seed} --replay {n}")
    print(f"{len(templates) - mismatches}/{len(templates)} programs agree with Jinja2 "
          f"(seed {args.seed}; {errors} render errors on both sides)")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
