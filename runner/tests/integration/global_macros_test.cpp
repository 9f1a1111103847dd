// dbt's global macros for postgres (parse/dbt_global_macros.h), each
// evaluated by PostgreSQL in a model the binary builds: the test compares
// the values the SQL computes, not the SQL text.
#include <catch2/catch.hpp>

#include <map>

#include "cli_runner.h"

using mrun::test::contains;
using mrun::test::output_of;
using mrun::test::ProjectFixture;

namespace {

// column name -> (SQL expression made by a macro, the value PostgreSQL must give as text).
const std::map<std::string, std::pair<std::string, std::string>>& cases() {
  static const std::map<std::string, std::pair<std::string, std::string>> all = {
      {"t_string", {"pg_typeof(cast('x' as {{ dbt.type_string() }}))::text", "text"}},
      {"t_int", {"pg_typeof(cast(1 as {{ type_int() }}))::text", "integer"}},
      {"t_bigint", {"pg_typeof(cast(1 as {{ type_bigint() }}))::text", "bigint"}},
      {"t_numeric", {"cast(1.2345678 as {{ type_numeric() }})::text", "1.234568"}},
      {"t_float", {"pg_typeof(cast(1 as {{ type_float() }}))::text", "double precision"}},
      {"t_timestamp", {"pg_typeof(cast('2024-01-01' as {{ type_timestamp() }}))::text", "timestamp without time zone"}},
      {"t_boolean", {"cast('yes' as {{ type_boolean() }})::text", "true"}},
      {"trunc_month", {"{{ date_trunc('month', \"'2024-05-17'::date\") }}::date::text", "2024-05-01"}},
      {"add_days", {"({{ dateadd('day', 3, \"'2024-02-27'::date\") }})::date::text", "2024-03-01"}},
      {"add_months", {"({{ dbt.dateadd('month', -2, \"'2024-01-31'::timestamp\") }})::text", "2023-11-30 00:00:00"}},
      {"diff_days", {"{{ datediff(\"'2024-01-01'\", \"'2024-03-01'\", 'day') }}::text", "60"}},
      {"diff_months", {"{{ datediff(\"'2023-11-30'\", \"'2024-02-01'\", 'month') }}::text", "3"}},
      {"diff_years", {"{{ datediff(\"'2020-12-31'\", \"'2024-01-01'\", 'year') }}::text", "4"}},
      {"diff_quarters", {"{{ datediff(\"'2024-03-31'\", \"'2024-04-01'\", 'quarter') }}::text", "1"}},
      {"diff_weeks", {"{{ datediff(\"'2024-01-06'\", \"'2024-01-08'\", 'week') }}::text", "1"}},
      {"diff_hours", {"{{ datediff(\"'2024-01-01 23:00'\", \"'2024-01-02 01:30'\", 'hour') }}::text", "2"}},
      {"diff_minutes", {"{{ datediff(\"'2024-01-01 00:00'\", \"'2024-01-01 01:30'\", 'minute') }}::text", "90"}},
      {"diff_seconds", {"{{ datediff(\"'2024-01-01 00:00:00'\", \"'2024-01-01 00:01:05'\", 'second') }}::text", "65"}},
      {"last_day_month", {"{{ last_day(\"'2024-02-10'::date\", 'month') }}::text", "2024-02-29"}},
      {"last_day_quarter", {"{{ last_day(\"'2024-02-10'::date\", 'quarter') }}::text", "2024-03-31"}},
      {"now_is_recent", {"(abs(extract(epoch from {{ current_timestamp() }} - now())) < 5)::text", "true"}},
      {"concatenated", {"{{ concat([\"'a'\", \"'-'\", \"'b'\"]) }}", "a-b"}},
      {"hashed", {"{{ hash(\"'abc'\") }}", "900150983cd24fb0d6963f7d28e17f72"}},
      {"cast_safely", {"({{ safe_cast(\"'42'\", type_int()) }} + 1)::text", "43"}},
      {"part_2", {"{{ split_part(\"'a,b,c'\", \"','\", 2) }}", "b"}},
      {"part_last", {"{{ split_part(\"'a,b,c'\", \"','\", -1) }}", "c"}},
      {"part_minus_2", {"{{ split_part(\"'a--b--c'\", \"'--'\", -2) }}", "b"}},
      {"listed", {"(select {{ listagg('v', \"', '\", 'order by v desc') }} from (values ('x'), ('z'), ('y')) as t(v))",
                  "z, y, x"}},
      {"listed_2", {"(select {{ listagg('v', \"'|'\", 'order by v', 2) }} from (values ('x'), ('z'), ('y')) as t(v))",
                    "x|y"}},
      {"any_one", {"(select {{ any_value('v') }} from (values (7), (7)) as t(v))::text", "7"}},
      {"any_true", {"(select {{ bool_or('v') }} from (values (false), (true)) as t(v))::text", "true"}},
      {"bool_text", {"{{ cast_bool_to_text('true') }}", "true"}},
      {"excepted", {"(select count(*) from (select 1 {{ except() }} select 2) as t)::text", "1"}},
      {"intersected", {"(select count(*) from (select 1 {{ intersect() }} select 2) as t)::text", "0"}},
      {"escaped", {"'{{ escape_single_quotes(\"it's\") }}'", "it's"}},
      {"literal", {"{{ string_literal('hello') }}", "hello"}},
      {"positioned", {"{{ position(\"'c'\", \"'abcd'\") }}::text", "3"}},
      {"measured", {"{{ length(\"'abcd'\") }}::text", "4"}},
      {"replaced", {"{{ replace(\"'banana'\", \"'a'\", \"'o'\") }}", "bonono"}},
      {"righted", {"{{ right(\"'abcdef'\", 2) }}", "ef"}},
      {"constructed", {"{{ array_construct([1, 2, 3]) }}::text", "{1,2,3}"}},
      {"empty_array", {"cardinality({{ array_construct([]) }})::text", "0"}},
      {"appended", {"{{ array_append(array_construct([1]), 2) }}::text", "{1,2}"}},
      {"concatenated_arrays", {"{{ array_concat(array_construct([1]), array_construct([2, 3])) }}::text", "{1,2,3}"}},
      {"powers", {"'{{ get_powers_of_two(1) }},{{ get_powers_of_two(8) }},{{ get_powers_of_two(9) }}'", "1,3,4"}},
  };
  return all;
}

}  // namespace

TEST_CASE("dbt's global macros compute on PostgreSQL what dbt's do") {
  ProjectFixture p("jaffle", "it_global_macros");
  std::string sql = "{{ config(materialized='table') }}\nselect\n";
  bool first = true;
  for (const auto& [name, c] : cases()) {
    sql += (first ? "  " : ", ") + c.first + " as " + name + "\n";
    first = false;
  }
  p.write("models/global/global_values.sql", sql);
  p.write("models/global/series.sql",
          "{{ config(materialized='table') }}\n{{ generate_series(11) }}");
  p.write("models/global/spine.sql",
          "{{ config(materialized='table') }}\n"
          "{{ date_spine('day', \"cast('2024-02-27' as date)\", \"cast('2024-03-02' as date)\") }}");
  p.write("models/global/materialization_facing.sql",
          "{{ config(materialized='table', full_refresh=false) }}\n"
          "{% set orders = load_relation(ref('orders')) %}\n"
          "{% set columns = get_columns_in_query('select 1 as a, 2 as b') %}\n"
          "{% set temp = make_temp_relation(ref('orders')) %}\n"
          "{% set intermediate = make_intermediate_relation(ref('orders')) %}\n"
          "select '{{ should_full_refresh() }}' as full_refresh, '{{ should_store_failures() }}' as store_failures,\n"
          "  '{{ orders.type if orders is not none }}' as loaded, '{{ columns | join(\",\") }}' as query_columns,\n"
          "  '{{ temp.schema is none }}/{{ temp.identifier.startswith(\"orders__dbt_tmp\") }}' as temp_relation,\n"
          "  '{{ intermediate.identifier }}' as intermediate_relation");
  REQUIRE(p.mrun({"seed"}).exit_code == 0);
  auto r = p.mrun({"run", "-s", "+global"});
  INFO(output_of(r));
  REQUIRE(r.exit_code == 0);
  for (const auto& [name, c] : cases()) {
    INFO(name << ": " << c.first);
    CHECK(p.query_value("select " + name + " from global_values") == c.second);
  }
  CHECK(p.query_value("select count(*) || ',' || min(generated_number) || ',' || max(generated_number) from series") ==
        "11,1,11");
  CHECK(p.query_value("select string_agg(date_day::date::text, ',' order by date_day) from spine") ==
        "2024-02-27,2024-02-28,2024-02-29,2024-03-01");
  CHECK(p.query_value("select full_refresh || '|' || store_failures || '|' || loaded || '|' || query_columns || '|' || "
                      "temp_relation || '|' || intermediate_relation from materialization_facing") ==
        "False|False|table|a,b|True/True|orders__dbt_tmp");
}

TEST_CASE("a project macro overrides a global macro's postgres__ implementation through dispatch") {
  ProjectFixture p("jaffle", "it_global_macros_override");
  p.write("macros/override.sql", "{% macro postgres__any_value(expression) %}max({{ expression }}){% endmacro %}");
  p.write("models/global/picked.sql",
          "select {{ dbt.any_value('v') }} as v from (values (1), (9)) as t(v)");
  auto r = p.mrun({"build", "-s", "picked"});
  INFO(output_of(r));
  REQUIRE(r.exit_code == 0);
  CHECK(p.query_value("select v from picked") == "9");
}
