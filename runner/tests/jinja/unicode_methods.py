#!/usr/bin/python3
"""Every code point through mrun's str methods and case filters, compared
with Jinja2: upper, lower, title, capitalize, swapcase, casefold, the title
and wordcount filters, and the is* predicates of each code point; then
random strings mixing Σ, cased, case-ignorable and other code points for
the context rules (final sigma, title case after a cased letter).

    MRUN_BINARY=build/mrun /usr/bin/python3 runner/tests/jinja/unicode_methods.py
"""
import os
import random
import sys

import jinja2

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from jinja_cases import mrun_render_file  # noqa: E402

METHODS = ["upper", "lower", "title", "capitalize", "swapcase", "casefold"]
PREDICATES = ["isalpha", "isdecimal", "isdigit", "isnumeric", "isspace", "isprintable", "isidentifier", "isupper",
              "islower", "istitle", "isalnum"]
# Σ, letters, case-ignorable marks and punctuation, a digit, letters with one-to-many mappings.
CONTEXT_POOL = ["\u03a3", "A", "a", " ", "\u0345", "\u02b0", "'", ".", "1", "\u0300", "\u00df", "\u0130", "\ufb01"]


def template():
    lines = ["{{ s.%s() }}" % m for m in METHODS] + ["{{ s|title }}", "{{ s|wordcount }}"]
    lines.append("{% for c in s %}" + "".join("{{ c.%s()|int }}" % p for p in PREDICATES) + "{% endfor %}")
    lines.append("{% for x in mixed %}{{ x.lower() }}|{{ x.title() }}|{{ x.swapcase() }}|{{ x|title }}|"
                 "{{ x.capitalize() }}|{{ x.istitle() }}\n{% endfor %}")
    return "\n".join(lines)


def main():
    rng = random.Random(1)
    context = {
        "s": "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000),
        "mixed": ["".join(rng.choice(CONTEXT_POOL) for _ in range(rng.randint(1, 6))) for _ in range(3000)],
    }
    source = template()
    expected = jinja2.Environment().from_string(source).render(**context)
    code, got, errors = mrun_render_file(source, context)
    if code != 0:
        print("mrun failed:", errors)
        return 1
    names = METHODS + ["|title", "|wordcount", "predicates"] + ["context rules"] * len(context["mixed"])
    for name, want, have in zip(names, expected.split("\n"), got.split("\n")):
        if want != have:
            at = next(i for i, (a, b) in enumerate(zip(want + "\0", have + "\1")) if a != b)
            print(f"{name}: differs at {at}: jinja2 {want[max(0, at - 3):at + 3]!r} mrun {have[max(0, at - 3):at + 3]!r}")
            return 1
    if expected != got:
        print("outputs differ in length")
        return 1
    print(f"all {len(context['s'])} code points and {len(context['mixed'])} mixed strings agree with Jinja2")
    return 0


if __name__ == "__main__":
    sys.exit(main())
