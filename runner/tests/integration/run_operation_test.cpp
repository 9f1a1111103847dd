// `mrun run-operation MACRO --args '{...}'` (task/run_operation_task.h):
// statements run and commit at the macro's end, log() prints, a failing
// query rolls everything back (exit 1), a template error exits 2.
#include <catch2/catch.hpp>

#include "cli_runner.h"

using mrun::test::contains;
using mrun::test::output_of;
using mrun::test::ProjectFixture;

namespace {

const char* kMacros = R"SQL(
{% macro make_counter(table, start=1, fail=false) %}
  {% call statement('create') %}create table {{ target.schema }}.{{ table }} (n int){% endcall %}
  {% do run_query('insert into ' ~ target.schema ~ '.' ~ table ~ ' values (' ~ start ~ ')') %}
  {% set rows = run_query('select n from ' ~ target.schema ~ '.' ~ table) %}
  {{ log('counter ' ~ table ~ ' starts at ' ~ rows.columns[0].values()[0], info=True) }}
  {% if fail %}{% do run_query('select * from no_such_table') %}{% endif %}
{% endmacro %}

{% macro refuse() %}
  {{ exceptions.raise_compiler_error('refused on purpose') }}
{% endmacro %}
)SQL";

}  // namespace

TEST_CASE("run-operation runs a macro with --args, commits its statements and prints its log") {
  ProjectFixture p("jaffle", "it_run_operation");
  p.write("macros/operations.sql", kMacros);
  auto r = p.mrun({"run-operation", "make_counter", "--args", "{table: counter, start: 41}"});
  INFO(output_of(r));
  REQUIRE(r.exit_code == 0);
  CHECK(contains(r.output, "counter counter starts at 41"));
  CHECK(p.query_value("select n from public.counter") == "41");
}

TEST_CASE("a failing run-operation rolls back (exit 1), a template error or unknown macro exits 2") {
  ProjectFixture p("jaffle", "it_run_operation_fail");
  p.write("macros/operations.sql", kMacros);
  auto failed = p.mrun({"run-operation", "make_counter", "--args", "{table: doomed, fail: true}"});
  INFO(output_of(failed));
  CHECK(failed.exit_code == 1);
  CHECK(contains(failed.output, "no_such_table"));
  CHECK(p.query_value("select count(*) from pg_class where relname = 'doomed'") == "0");

  auto refused = p.mrun({"run-operation", "refuse"});
  INFO(output_of(refused));
  CHECK(refused.exit_code == 2);
  CHECK(contains(refused.output, "refused on purpose"));

  auto unknown = p.mrun({"run-operation", "make_countr"});
  INFO(output_of(unknown));
  CHECK(unknown.exit_code == 2);
  CHECK(contains(unknown.output, "no macro named 'make_countr' (did you mean 'make_counter'?)"));

  auto bad_args = p.mrun({"run-operation", "make_counter", "--args", "[1, 2]"});
  CHECK(bad_args.exit_code == 2);
  CHECK(contains(bad_args.output, "--args must be a YAML mapping"));
}
