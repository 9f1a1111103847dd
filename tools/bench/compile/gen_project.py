#!/usr/bin/python3
"""Generates the project of the compile benchmark (issue #5), deterministically.

MODELS models (default 10,000) in folders of 100 (models/f000/m00000.sql ...):
model i refs 1-3 earlier models (model 0 refs none), loops with {% for %} over
a list of column names and calls macros from macros/. Each folder has a
schema.yml with a unique and a not_null test on every model's id:
2 * MODELS schema tests (20,000 by default).

With --buildable (the docs benchmark, which needs the relations built)
every model is a view whose columns keep their names (amount, not amount_1),
so what a model reads from the one it refs exists; the refs and tests are
the same.

usage: gen_project.py OUT_DIR [--models N] [--seed S] [--buildable]
"""
import argparse
import os
import random

MACROS = """{% macro plus_one(column) -%}
    {{ column }} + 1
{%- endmacro %}

{% macro cents(column, scale=100) -%}
    round({{ column }} * {{ scale }})::bigint
{%- endmacro %}

{% macro label(prefix, n) -%}
    '{{ prefix }}_' || {{ n }}
{%- endmacro %}
"""

PROJECT = """name: compile_bench
version: "1.0.0"
config-version: 2
profile: compile_bench
model-paths: ["models"]
macro-paths: ["macros"]
target-path: target
vars:
  multiplier: 3
models:
  compile_bench:
    +materialized: view
"""

COLUMNS = ["amount", "quantity", "price", "discount", "tax", "weight"]


def model_sql(i, rng, buildable=False):
    """The SQL of model i: 1-3 refs to earlier models, a for loop, macro calls."""
    refs = sorted(set(rng.randrange(0, i) for _ in range(rng.randint(1, 3)))) if i else []
    columns = rng.sample(COLUMNS, rng.randint(2, 4))
    materialized = rng.choice(["view", "table"])
    if buildable:
        columns, materialized = COLUMNS, "view"
    alias = "{{ c }}" if buildable else "{{ c }}_{{ loop.index }}"
    lines = ["{{ config(materialized='%s', tags=['t%d']) }}" % (materialized, i % 10),
             "{%% set columns = %r %%}" % columns,
             "-- model %d" % i,
             "select"]
    base = "r0" if refs else "s"
    lines += ["    {{ plus_one('%s.id') }} - 1 as id," % base,
              "{%- for c in columns %}",
              "    {{ cents('%s.' ~ c if %s else '1.5') }} * {{ var('multiplier') }} as %s,"
              % (base, "true" if refs else "false", alias),
              "{%- endfor %}",
              "    {{ label('m', %d) }} as source_label" % i]
    if refs:
        lines.append("from {{ ref('m%05d') }} as r0" % refs[0])
        for k, r in enumerate(refs[1:], 1):
            lines.append("join {{ ref('m%05d') }} as r%d on r%d.id = r0.id" % (r, k, k))
    else:
        lines.append("from (select 1 as id, 2.5 as amount, 3 as quantity, 4.25 as price,")
        lines.append("      0.1 as discount, 0.2 as tax, 7 as weight) as s")
    lines.append("where {% if columns | length > 2 %}true{% else %}1 = 1{% endif %}")
    return "\n".join(lines) + "\n"


def schema_yml(names):
    """A version-2 schema.yml: unique and not_null on every model's id."""
    out = ["version: 2", "", "models:"]
    for name in names:
        out += ["  - name: %s" % name,
                "    description: generated model %s" % name,
                "    columns:",
                "      - name: id",
                "        tests:",
                "          - unique",
                "          - not_null"]
    return "\n".join(out) + "\n"


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out")
    p.add_argument("--models", type=int, default=10_000)
    p.add_argument("--seed", type=int, default=5)
    p.add_argument("--buildable", action="store_true", help="views whose SQL runs (docs benchmark)")
    a = p.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(os.path.join(a.out, "macros"), exist_ok=True)
    with open(os.path.join(a.out, "project.yml"), "w") as f:
        f.write(PROJECT)
    with open(os.path.join(a.out, "macros", "bench_macros.sql"), "w") as f:
        f.write(MACROS)
    for start in range(0, a.models, 100):
        folder = os.path.join(a.out, "models", "f%03d" % (start // 100))
        os.makedirs(folder, exist_ok=True)
        names = ["m%05d" % i for i in range(start, min(start + 100, a.models))]
        for i, name in enumerate(names, start):
            with open(os.path.join(folder, name + ".sql"), "w") as f:
                f.write(model_sql(i, rng, a.buildable))
        with open(os.path.join(folder, "schema.yml"), "w") as f:
            f.write(schema_yml(names))


if __name__ == "__main__":
    main()
