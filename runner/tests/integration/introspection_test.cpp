// Templates that look at the database while they render (parse/introspection.h):
// run_query, statement/load_result, adapter.get_columns_in_relation,
// get_relation, drop_relation, get_missing_columns, api.Relation.create and
// Relation objects, built by the binary against PostgreSQL. The models are
// added to a copy of the jaffle project (a project under tests/projects/
// gets a snapshot test of `mrun compile`, which connects to no database).
#include <catch2/catch.hpp>

#include "cli_runner.h"

using mrun::test::contains;
using mrun::test::output_of;
using mrun::test::ProjectFixture;

namespace {

// jaffle with a seed `people` (in schema public_raw) and models that introspect it.
void add_introspecting_models(const ProjectFixture& p) {
  p.write("seeds/people.csv", "id,name,score\n1,ann,10\n2,bob,20\n3,cy,30\n");
  p.write("models/introspection/pivot_scores.sql", R"SQL(
-- One column per person, named from the rows of the seed (run_query).
{% set names_query %}select name from {{ ref('people') }} order by id{% endset %}
{% set results = run_query(names_query) %}
{% set names = results.columns[0].values() if execute else [] %}
select
  {% for name in names %}sum(case when name = '{{ name }}' then score end) as score_{{ name }},{% endfor %}
  count(*) as people
from {{ ref('people') }}
)SQL");
  p.write("models/introspection/introspected.sql", R"SQL(
-- What the introspection functions saw, one row of text columns.
{{ config(materialized='table') }}
{% set people = ref('people') %}
{% if execute %}
  {% set columns = adapter.get_columns_in_relation(people) %}
  {% call statement('stats', fetch_result=True) %}
    select count(*) as n, max(score) as top from {{ people }}
  {% endcall %}
  {% set stats = load_result('stats') %}
  {% set found = adapter.get_relation(database=target.database, schema=people.schema, identifier='people') %}
  {% set absent = adapter.get_relation(target.database, people.schema, 'no_such_table') %}
  {% set table = run_query("select 1 as a, 'x' as b union all select 2, 'y'") %}
  {% set made = api.Relation.create(database=target.database, schema=people.schema, identifier='people', type='table') %}
  {% set rows = [] %}
  {% for row in table.rows %}{% do rows.append(row['b'] ~ row[0]) %}{% endfor %}
select
  '{{ columns | map(attribute="name") | join(",") }}' as column_names,
  '{{ columns | map(attribute="dtype") | join(",") }}' as column_types,
  '{{ columns[1].is_string() }}/{{ columns[2].is_number() }}/{{ columns[1].data_type }}' as column_kinds,
  '{{ stats.table.rows[0]["n"] }}/{{ stats["data"][0][1] }}/{{ stats.table.columns["top"].values()[0] }}' as stats,
  '{{ found.type }}/{{ found.is_table }}/{{ found.identifier }}/{{ absent is none }}' as relation,
  '{{ table.column_names | join(",") }}/{{ table | length }}/{{ rows | join(",") }}/{{ table.columns[0].values() | sum }}' as query,
  '{{ made == people }}/{{ made.render() | replace(people.schema, "S") }}/{{ made.include(database=false, schema=false) }}/{{ made.is_table }}' as created,
  '{{ people is mapping }}/{{ people.include(schema=false) }}/{{ people.quote(identifier=false) | replace(people.schema, "S") }}' as relation_object,
  '{{ target.database }}' as database_name
{% else %}
select 1 as parsed
{% endif %}
)SQL");
}

}  // namespace

TEST_CASE("models render from what run_query, statement and the adapter find in the database") {
  ProjectFixture p("jaffle", "it_introspection");
  add_introspecting_models(p);
  auto ls = p.mrun({"ls"});  // the Parse render: no query runs
  INFO(output_of(ls));
  REQUIRE(ls.exit_code == 0);
  CHECK(!contains(ls.output, "warning"));

  auto r = p.mrun({"build", "-s", "+introspection"});
  INFO(output_of(r));
  REQUIRE(r.exit_code == 0);
  CHECK(p.query_value("select score_ann || ',' || score_bob || ',' || score_cy || ',' || people from pivot_scores") ==
        "10,20,30,3");
  auto column = [&p](const std::string& name) { return p.query_value("select " + name + " from introspected"); };
  CHECK(column("column_names") == "id,name,score");
  CHECK(column("column_types") == "bigint,text,bigint");
  CHECK(column("column_kinds") == "True/True/text");
  CHECK(column("stats") == "3/30/30");
  CHECK(column("relation") == "table/True/people/True");
  CHECK(column("query") == "a,b/2/x1,y2/3");
  // S: the seed's schema (the run's shadow of public_raw while it builds).
  CHECK(column("created") == "True/\"it_introspection\".\"S\".\"people\"/\"people\"/True");
  CHECK(column("relation_object") == "True/\"people\"/\"S\".people");
  CHECK(column("database_name") == "it_introspection");
}

TEST_CASE("adapter.drop_relation and get_missing_columns act on the database") {
  ProjectFixture p("jaffle", "it_introspection_drop");
  add_introspecting_models(p);
  p.write("models/introspection/wide.sql", "select 1 as id, 'a' as extra");
  p.write("models/introspection/narrow.sql",
          "{% set wide = ref('wide') %}{% set people = ref('people') %}\n"
          "{% if execute %}{% set missing = adapter.get_missing_columns(wide, people) %}{% endif %}\n"
          "select '{{ missing | map(attribute=\"name\") | join(\",\") }}' as missing");
  p.write("models/introspection/dropper.sql",
          "{% do ref('narrow') %}{% set wide = ref('wide') %}{% if execute %}{% do adapter.drop_relation(wide) %}{% endif %}\n"
          "select 1 as done");
  auto r = p.mrun({"build", "-s", "+dropper", "--publish", "per_node"});
  INFO(output_of(r));
  REQUIRE(r.exit_code == 0);
  CHECK(p.query_value("select missing from narrow") == "extra");
  CHECK(p.query_value("select count(*) from pg_class where relname = 'wide'") == "0");
}

TEST_CASE("a failing run_query fails its node (exit 1), and compile without a database says run_query needs one") {
  ProjectFixture p("jaffle", "it_introspection_fail");
  add_introspecting_models(p);
  p.write("models/introspection/bad_query.sql", "{% set t = run_query('select * from no_such_table') %}select 1 as x");
  auto r = p.mrun({"run", "-s", "bad_query"});
  INFO(output_of(r));
  CHECK(r.exit_code == 1);
  CHECK(contains(r.output, "models/introspection/bad_query.sql:1:"));
  CHECK(contains(r.output, "no_such_table"));

  auto compile = p.mrun({"compile", "-s", "pivot_scores"});
  INFO(output_of(compile));
  CHECK(compile.exit_code == 1);
  CHECK(contains(compile.output, "run_query needs a database connection"));
}
