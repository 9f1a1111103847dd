#!/usr/bin/python3
"""urlize on random texts built from pieces of URLs, e-mail addresses,
brackets, escapes and white space, with each of its arguments, compared
with Jinja2 (also under autoescape and on markup).

    MRUN_BINARY=build/mrun /usr/bin/python3 runner/tests/jinja/urlize_random.py [--seed N] [--count N]
"""
import argparse
import os
import random
import sys

import jinja2

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from jinja_cases import mrun_render_file  # noqa: E402

PIECES = ["http://", "https://", "HTTP://", "www.", "WWW.", "example", "ex", "a", "b-c", "x_y", "%20", ".", ".com",
          ".org", ".co", ".uk", ".info", ".INFO", ".\u0131nfo", ".xn--bcher-kva", ".xn--p1", ".localhost", ":8080",
          ":123456", ":", "/", "/path", "?q=1", "&", "#f", "(", ")", "<", ">", "&lt;", "&gt;", ",", "@", "foo@",
          "bar.com", "mailto:", "user@host", "tel:", "+123", "ftp://", "[::1]", "[1:2:3:4:5:6:7:8]", "[1:2]",
          "[12345:1:]", "[a:b:c:d:e:f:1:2:3]", "127.0.0.1", "1.2.3", "\u0661\u0662\u0663.\u0664.\u0665.\u0666",
          "\u00e9", "\u00fc.com", '"', "'", "\n", " ", "\t", "\u3000", "-", "--", "%"]
CALLS = ["urlize", "urlize(10)", "urlize(3, true)", "urlize(-4, target='_blank')",
         "urlize(rel='me nofollow', extra_schemes=['tel:', 'ftp://', 'mailto:'])", "urlize(none, false, '', '')"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=4000)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    texts = ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 8))) for _ in range(args.count)]
    source = ("{% for t in texts %}" + "".join("{{ t|%s }}\x01" % c for c in CALLS) +
              "{% autoescape true %}{{ t|urlize }}\x01{{ t|safe|urlize }}{% endautoescape %}\x02\n{% endfor %}")
    expected = jinja2.Environment().from_string(source).render(texts=texts)
    code, got, errors = mrun_render_file(source, {"texts": texts})
    if code != 0:
        print("mrun failed:", errors)
        return 1
    got = got.split("\x02\n")
    bad = 0
    for text, want, have in zip(texts, expected.split("\x02\n"), got):
        if want != have:
            bad += 1
            if bad <= 5:
                for call, w, h in zip(CALLS + ["autoescape", "markup"], want.split("\x01"), have.split("\x01")):
                    if w != h:
                        print(f"{text!r} |{call}\n  jinja2: {w!r}\n  mrun:   {h!r}")
    links = expected.count("<a href")
    print(f"{len(texts) - bad}/{len(texts)} texts agree with Jinja2 (seed {args.seed}; {links} links)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
