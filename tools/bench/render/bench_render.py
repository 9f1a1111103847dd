#!/usr/bin/python3
"""Jinja render benchmark: mrun's engine vs Python's Jinja2 on the same
generated model-like templates (each ~3 KB: ref()/source() calls, a for loop
over a column list, a macro call, comments), measured in the same run.

    cmake --build build --target bench_render
    /usr/bin/python3 tools/bench/render/bench_render.py [--count 10000] [--build build]
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time

import jinja2

MACROS = """{% macro cents_to_dollars(column, scale=2) -%}
    ({{ column }} / 100)::numeric(16, {{ scale }})
{%- endmacro %}
{% macro surrogate_key(fields) -%}
    md5({% for f in fields %}coalesce(cast({{ f }} as text), '_null_'){% if not loop.last %} || '-' || {% endif %}{% endfor %})
{%- endmacro %}
"""


def model(rng, n):
    cols = [f"col_{n}_{k}" for k in range(rng.randint(14, 20))]
    deps = [f"stg_model_{rng.randrange(1000)}" for _ in range(3)]
    lines = [
        "{# model %d: generated for the render benchmark.\n   It joins a few upstream models and renames columns. #}" % n,
        "{% from 'macros.sql' import cents_to_dollars, surrogate_key %}",
        "{%- set columns = " + json.dumps(cols) + " -%}",
        "{%- set amount_columns = ['amount', 'fee', 'tax'] -%}",
        "with base as (",
        "    select * from {{ ref('%s') }}" % deps[0],
        "), lookup as (",
        "    select * from {{ source('raw', 'lookup_%d') }}" % (n % 50),
        "), extra as (",
        "    select * from {{ ref('%s') }} where loaded_at > '{{ var(\"start_date\", \"2020-01-01\") }}'" % deps[1],
        ")",
        "select",
        "    {{ surrogate_key(['base.id', 'lookup.code']) }} as row_key,",
        "    {%- for c in columns %}",
        "    base.{{ c }} as {{ c | lower }}{% if c.endswith('_0') %} -- first column{% endif %},",
        "    {%- endfor %}",
        "    {%- for a in amount_columns %}",
        "    {{ cents_to_dollars('base.' ~ a) }} as {{ a }}_usd,",
        "    {%- endfor %}",
        "    {# a comment in the select list #}",
        "    lookup.label as label,",
        "    '{{ target.schema }}' as built_in",
        "from base",
        "left join lookup on base.lookup_id = lookup.id",
        "left join extra on extra.id = base.id",
        "left join {{ ref('%s') }} as d on d.id = base.id" % deps[2],
        "where base.id is not null {% if n is defined %}and 1 = 1{% endif %}",
    ]
    text = "\n".join(lines) + "\n"
    filler = "-- padding comment to make the model about three kilobytes of SQL text, as real models are\n"
    while len(text) < 3000:
        text += filler
    return text


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--build", default="build")
    args = ap.parse_args()
    rng = random.Random(42)
    with tempfile.TemporaryDirectory() as tmp:
        models_dir, macros_dir = os.path.join(tmp, "models"), os.path.join(tmp, "macros")
        os.makedirs(models_dir)
        os.makedirs(macros_dir)
        with open(os.path.join(macros_dir, "macros.sql"), "w") as f:
            f.write(MACROS)
        sources = []
        for n in range(args.count):
            text = model(rng, n)
            sources.append(text)
            with open(os.path.join(models_dir, f"model_{n:05d}.sql"), "w") as f:
                f.write(text)

        binary = os.path.join(args.build, "tools", "bench_render")
        out = subprocess.run([binary, models_dir, macros_dir], capture_output=True, check=True, text=True)
        ours = json.loads(out.stdout)

        env = jinja2.Environment(loader=jinja2.FileSystemLoader(macros_dir))
        env.globals["ref"] = lambda m: f'"analytics"."{m}"'
        env.globals["source"] = lambda s, t: f'"raw"."{s}_{t}"'
        env.globals["var"] = lambda name, default=None: default
        ctx = {"target": {"schema": "analytics", "name": "dev"}}
        start = time.perf_counter()
        out_bytes = sum(len(env.from_string(s).render(ctx)) for s in sources)
        py_seconds = time.perf_counter() - start

    in_mb = ours["input_bytes"] / 1e6
    ours_tps, py_tps = ours["templates"] / ours["seconds"], args.count / py_seconds
    print(f"templates: {args.count}, {in_mb:.1f} MB of template text")
    print(f"mrun jinja: {ours['seconds']:.2f} s  {ours_tps:,.0f} templates/s  {in_mb / ours['seconds']:.1f} MB/s")
    print(f"Jinja2:     {py_seconds:.2f} s  {py_tps:,.0f} templates/s  {in_mb / py_seconds:.2f} MB/s")
    print(f"speedup:    {ours_tps / py_tps:.1f}x")
    if ours["output_bytes"] != out_bytes:
        print(f"WARNING: output sizes differ (mrun {ours['output_bytes']}, Jinja2 {out_bytes})")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
