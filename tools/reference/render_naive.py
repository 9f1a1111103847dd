#!/usr/bin/python3
"""Naive dbt stand-in: renders the project's models with Jinja2 and runs them.

Only to check the project's SQL and tests against PostgreSQL while the C++
engine does not exist; it is not a dbt implementation. It supports what the
project uses: ref, source, config (materialized, schema, unique_key,
incremental_strategy, post_hook, severity), var, is_incremental, this, target,
generate_schema_name from macros/, indexes (dbt-postgres), project.yml folder configs
(+materialized, +schema), ephemeral models (CTE injection), generic tests (built-ins plus
`{% test %}` blocks in macros/), singular tests in tests/.

usage: render_naive.py --db URI [--full-refresh] [--no-tests] [--vars YAML]
exit status: 0 when every model ran and no error-severity test failed.
"""
import argparse
import glob
import os
import re
import sys

import jinja2
import psycopg2
import yaml

PROJECT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

BUILTIN_TESTS = """
{% macro test_unique(model, column_name) %}
select {{ column_name }} as unique_field, count(*) as n_records
from {{ model }} where {{ column_name }} is not null
group by {{ column_name }} having count(*) > 1
{% endmacro %}
{% macro test_not_null(model, column_name) %}
select {{ column_name }} from {{ model }} where {{ column_name }} is null
{% endmacro %}
{% macro test_accepted_values(model, column_name, values, quote=true) %}
select {{ column_name }} from {{ model }}
where {{ column_name }} is not null and {{ column_name }} not in (
{%- for v in values %}{% if quote %}'{{ v }}'{% else %}{{ v }}{% endif %}{{ ',' if not loop.last }}{% endfor %})
{% endmacro %}
{% macro test_relationships(model, column_name, to, field) %}
select child.{{ column_name }} from {{ model }} as child
left join {{ to }} as parent on child.{{ column_name }} = parent.{{ field }}
where child.{{ column_name }} is not null and parent.{{ field }} is null
{% endmacro %}
"""


class Relation(str):
    """A rendered relation name that also answers .schema and .identifier."""

    def __new__(cls, schema, identifier):
        obj = super().__new__(cls, f'"{schema}"."{identifier}"' if schema else identifier)
        obj.schema, obj.identifier = schema, identifier
        return obj


class Project:
    def __init__(self, cli_vars):
        with open(os.path.join(PROJECT, "project.yml")) as handle:
            self.conf = yaml.safe_load(handle)
        self.vars = dict(self.conf.get("vars") or {})
        self.vars.update(cli_vars)
        self.target = {"name": "dev", "schema": "public", "type": "postgres"}
        self.env = jinja2.Environment(undefined=jinja2.StrictUndefined, extensions=["jinja2.ext.do"])
        self.state = {}  # the node being rendered: configs, refs, this, incremental
        self.nodes = {}
        self.sources = {}
        for path in sorted(glob.glob(os.path.join(PROJECT, "models", "**", "*.sql"), recursive=True)):
            name = os.path.splitext(os.path.basename(path))[0]
            self.nodes[name] = {"name": name, "path": path, "sql": open(path).read()}
        self.load_macros()

    # ---- Jinja context -------------------------------------------------
    def load_macros(self):
        text = BUILTIN_TESTS
        for path in sorted(glob.glob(os.path.join(PROJECT, "macros", "**", "*.sql"), recursive=True)):
            src = open(path).read()
            src = re.sub(r"{%(-?)\s*test\s+(\w+)\s*\(", r"{%\1 macro test_\2(", src)
            src = re.sub(r"{%(-?)\s*endtest\s*(-?)%}", r"{%\1 endmacro \2%}", src)
            text += "\n" + src
        g = self.env.globals
        g.update(ref=self.ref, source=self.source, config=self.config, var=self.var,
                 is_incremental=lambda: self.state.get("incremental", False),
                 target=self.target)
        module = self.env.from_string(text).module
        self.macros = {n: getattr(module, n) for n in dir(module) if not n.startswith("_")}
        g.update(self.macros)

    def folder_config(self, path):
        config = {"materialized": "view", "schema": None}
        rel = os.path.relpath(os.path.dirname(path), os.path.join(PROJECT, "models")).split(os.sep)
        level = (self.conf.get("models") or {}).get(self.conf["name"], {})
        for part in [None] + rel:
            if part is not None:
                level = level.get(part) or {}
            for key, value in level.items():
                if key.startswith("+"):
                    config[key[1:].replace("-", "_")] = value
        return config

    def config(self, **kwargs):
        self.state["config"].update(kwargs)
        return ""

    def var(self, name, default=None):
        if name in self.vars:
            return self.vars[name]
        if default is None:
            raise KeyError(f"var {name!r} is not defined")
        return default

    def source(self, source_name, table_name):
        self.state.setdefault("depends", set())
        return Relation(source_name, table_name)

    def ref(self, name):
        node = self.nodes[name]
        self.state.setdefault("refs", set()).add(name)
        if node.get("config", {}).get("materialized") == "ephemeral":
            self.state.setdefault("ctes", {})[name] = None
            return Relation(None, f"__dbt__cte__{name}")
        return self.relation(node)

    def relation(self, node):
        config = node.get("config") or self.folder_config(node["path"])
        schema = self.macros["generate_schema_name"](config.get("schema"), node).strip()
        return Relation(schema, node["name"])

    # ---- models ----------------------------------------------------------
    def render(self, node, incremental=False, this=None):
        self.state = {"config": dict(node.get("config") or self.folder_config(node["path"])),
                      "refs": set(), "ctes": {}, "incremental": incremental}
        self.env.globals["this"] = this
        sql = self.env.from_string(node["sql"]).render()
        return sql, self.state

    def parse(self):
        # Configs first (ephemeral-ness decides what ref returns), then dependencies.
        for node in self.nodes.values():
            _, state = self.render(node)
            node["config"] = state["config"]
        for node in self.nodes.values():
            _, state = self.render(node)
            node["refs"] = state["refs"]

    def order(self):
        done, ordered = set(), []

        def visit(name, stack):
            if name in done:
                return
            if name in stack:
                raise SystemExit(f"cycle: {' -> '.join(stack + [name])}")
            for dep in sorted(self.nodes[name]["refs"]):
                visit(dep, stack + [name])
            done.add(name)
            ordered.append(name)

        for name in sorted(self.nodes):
            visit(name, [])
        return ordered

    def compiled(self, node, incremental=False, this=None):
        """SQL of a node with its ephemeral refs injected as leading CTEs."""
        sql, state = self.render(node, incremental, this)
        ctes = [f"__dbt__cte__{n} as (\n{self.compiled(self.nodes[n])}\n)" for n in sorted(state["ctes"])]
        if not ctes:
            return sql
        body = re.sub(r"^(\s|--[^\n]*\n|/\*.*?\*/)*", "", sql, flags=re.S)
        if re.match(r"with\b", body, re.I):
            return "with " + ",\n".join(ctes) + ",\n" + body[4:]
        return "with " + ",\n".join(ctes) + "\n" + body


def exists(cur, relation):
    cur.execute("select to_regclass(%s)", (relation,))
    return cur.fetchone()[0] is not None


def materialize(project, cur, node, full_refresh):
    config = node["config"]
    kind = config["materialized"]
    if kind == "ephemeral":
        return "ephemeral"
    this = project.relation(node)
    cur.execute(f'create schema if not exists "{this.schema}"')
    if kind == "incremental" and exists(cur, this) and not full_refresh:
        sql = project.compiled(node, incremental=True, this=this)
        cur.execute(f"create temp table new_rows on commit drop as {sql}")
        keys = config.get("unique_key") or []
        keys = [keys] if isinstance(keys, str) else keys
        if keys:
            cols = ", ".join(keys)
            cur.execute(f"delete from {this} where ({cols}) in (select {cols} from new_rows)")
        cur.execute(f"insert into {this} select * from new_rows")
        result = f"incremental, {cur.rowcount} rows merged"
        cur.execute("drop table new_rows")
    else:
        sql = project.compiled(node, this=this)
        cur.execute(f"select relkind from pg_class where oid = to_regclass(%s)", (this,))
        row = cur.fetchone()
        if row:
            cur.execute(f"drop {'view' if row[0] == 'v' else 'table'} {this} cascade")
        verb = "view" if kind == "view" else "table"
        cur.execute(f"create {verb} {this} as {sql}")
        for index in config.get("indexes") or [] if verb == "table" else []:
            unique = "unique " if index.get("unique") else ""
            cur.execute(f"create {unique}index on {this} ({', '.join(index['columns'])})")
        result = verb
    hooks = config.get("post_hook") or []
    for hook in [hooks] if isinstance(hooks, str) else hooks:
        project.env.globals["this"] = this
        cur.execute(project.env.from_string(hook).render())
    return result


def model_relation(project, name):
    return project.relation(project.nodes[name])


def evaluate_kwarg(project, value):
    """dbt evaluates ref()/source() calls given as test arguments."""
    if isinstance(value, str) and re.match(r"^\s*(ref|source)\s*\(.*\)\s*$", value):
        return project.env.from_string("{{ " + value + " }}").render()
    return value


def schema_tests(project):
    """Yields (label, sql, severity) for every generic test in models/**/schema.yml."""
    for path in sorted(glob.glob(os.path.join(PROJECT, "models", "**", "*.yml"), recursive=True)):
        with open(path) as handle:
            doc = yaml.safe_load(handle) or {}
        for model in doc.get("models") or []:
            relation = model_relation(project, model["name"])
            targets = [(None, model.get("data_tests") or model.get("tests") or [])]
            targets += [(c["name"], c.get("data_tests") or c.get("tests") or []) for c in model.get("columns") or []]
            for column, tests in targets:
                for test in tests:
                    name, args = (test, {}) if isinstance(test, str) else next(iter(test.items()))
                    args = dict(args or {})
                    config = args.pop("config", {}) or {}
                    severity = config.get("severity", args.pop("severity", "error"))
                    project.state = {"config": {}, "refs": set(), "ctes": {}}
                    kwargs = {k: evaluate_kwarg(project, v) for k, v in args.items()}
                    kwargs["model"] = relation
                    if column is not None:
                        kwargs["column_name"] = column
                    sql = str(project.macros[f"test_{name}"](**kwargs))
                    label = f"{name}({model['name']}{'.' + column if column else ''})"
                    yield label, sql, severity


def singular_tests(project):
    for path in sorted(glob.glob(os.path.join(PROJECT, "tests", "**", "*.sql"), recursive=True)):
        node = {"name": os.path.basename(path)[:-4], "path": path, "sql": open(path).read(),
                "config": {"severity": "error"}}
        sql, state = project.render(node)
        yield node["name"], sql, state["config"].get("severity", "error")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--full-refresh", action="store_true")
    parser.add_argument("--no-tests", action="store_true")
    parser.add_argument("--vars", default="{}")
    parser.add_argument("--compile-dir", help="also write each compiled model here")
    args = parser.parse_args()

    project = Project(yaml.safe_load(args.vars) or {})
    project.parse()
    failed = 0
    conn = psycopg2.connect(args.db)
    conn.autocommit = False
    with conn.cursor() as cur:
        for name in project.order():
            node = project.nodes[name]
            if args.compile_dir:
                os.makedirs(args.compile_dir, exist_ok=True)
                with open(os.path.join(args.compile_dir, name + ".sql"), "w") as out:
                    out.write(project.compiled(node, this=project.relation(node)))
            try:
                result = materialize(project, cur, node, args.full_refresh)
                conn.commit()
                print(f"model {name:28} {result}")
            except psycopg2.Error as error:
                conn.rollback()
                print(f"model {name:28} ERROR {error}".rstrip())
                failed += 1
        if args.no_tests:
            return 1 if failed else 0
        for label, sql, severity in list(schema_tests(project)) + list(singular_tests(project)):
            try:
                cur.execute(f"select count(*) from (\n{sql}\n) as failures")
                count = cur.fetchone()[0]
                conn.commit()
            except psycopg2.Error as error:
                conn.rollback()
                print(f"test  {label:60} ERROR {error}".rstrip())
                failed += 1
                continue
            status = "PASS" if count == 0 else ("WARN" if severity == "warn" else "FAIL")
            failed += status == "FAIL"
            print(f"test  {label:60} {status}{'' if count == 0 else f' ({count} rows)'}")
    print(f"done: {failed} failure(s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
