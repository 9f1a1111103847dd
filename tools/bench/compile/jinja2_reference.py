#!/usr/bin/python3
"""Reference for the compile benchmark: Python's Jinja2 compiling and rendering
every model of a generated project (the macros file prepended, ref/config/var
as stubs), without YAML, manifest or files written. Prints the seconds.

usage: jinja2_reference.py PROJECT_DIR
"""
import glob
import os
import sys
import time

import jinja2

project = sys.argv[1]
start = time.monotonic()
macros = "".join(open(p).read() for p in sorted(glob.glob(os.path.join(project, "macros", "*.sql"))))
env = jinja2.Environment()
stubs = {"config": lambda **k: "", "ref": lambda name: '"bench"."%s"' % name, "var": lambda name: 3}
count = 0
for path in sorted(glob.glob(os.path.join(project, "models", "*", "*.sql"))):
    env.from_string(macros + open(path).read()).render(**stubs)
    count += 1
print("%d models in %.2f s" % (count, time.monotonic() - start))
