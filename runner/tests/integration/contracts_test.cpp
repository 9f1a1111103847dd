// Model contracts through the binary: `contract: {enforced: true}` checks
// the declared column names and types before building, and the table is
// created with typed columns and constraints that PostgreSQL enforces.
#include <catch2/catch.hpp>

#include "cli_runner.h"

using mrun::test::contains;
using mrun::test::output_of;
using mrun::test::ProjectFixture;

namespace {

// A schema file declaring `contracted` with an enforced contract, its id
// declared `id_type`.
std::string contract_yml(const std::string& id_type) {
  return "version: 2\nmodels:\n  - name: contracted\n    config:\n      materialized: table\n"
         "      contract: {enforced: true}\n    columns:\n"
         "      - name: id\n        data_type: " + id_type + "\n"
         "        constraints:\n          - type: not_null\n          - type: primary_key\n"
         "      - name: label\n        data_type: text\n"
         "    constraints:\n      - type: check\n        expression: \"id > 0\"\n";
}

}  // namespace

TEST_CASE("an enforced contract builds typed columns with their constraints, and rebuilds") {
  ProjectFixture p("jaffle", "it_contract_pass");
  p.write("models/contracted.sql", "select 1 as id, 'one' as label union all select 2, 'two'\n");
  p.write("models/contracted.yml", contract_yml("int"));  // int is integer, as dbt compares
  for (int run = 0; run < 2; ++run) {
    auto r = p.mrun({"run", "-s", "contracted"});
    INFO(output_of(r));
    REQUIRE(r.exit_code == 0);
  }
  CHECK(p.query_value("select count(*) from public.contracted") == "2");
  CHECK(p.query_value("select string_agg(conname || ':' || contype::text, ',' order by conname) from pg_constraint "
                      "where conrelid = 'public.contracted'::regclass") == "contracted_id_check:c,contracted_pkey:p");
  CHECK(p.query_value("select attnotnull from pg_attribute where attrelid = 'public.contracted'::regclass "
                      "and attname = 'id'") == "t");
  // The check constraint holds: PostgreSQL refuses a row against it.
  CHECK(p.query_value("select count(*) from pg_constraint where conrelid = 'public.contracted'::regclass "
                      "and pg_get_constraintdef(oid) like 'CHECK ((id > 0))'") == "1");
}

TEST_CASE("a contract that does not match the model fails before building, with dbt's table") {
  ProjectFixture p("jaffle", "it_contract_mismatch");
  p.write("models/contracted.sql", "select 1 as id, 'one' as label, 2.5 as extra\n");
  p.write("models/contracted.yml", contract_yml("text"));  // id declared text, built as int
  auto r = p.mrun({"run", "-s", "contracted"});
  INFO(output_of(r));
  CHECK(r.exit_code == 1);
  CHECK(contains(r.output, "this model has an enforced contract that failed"));
  CHECK(contains(r.output, "| id          | INTEGER         | TEXT          | data type mismatch  |"));
  CHECK(contains(r.output, "| extra       | NUMERIC         |               | missing in contract |"));
  CHECK(p.query_value("select to_regclass('public.contracted') is null") == "t");
  CHECK(p.query_value("select to_regclass('public__mrun_shadow.contracted') is null") == "t");
}

TEST_CASE("a contract's not_null is enforced by PostgreSQL and the old table stays") {
  ProjectFixture p("jaffle", "it_contract_not_null");
  p.write("models/contracted.sql", "select 1 as id, 'one' as label\n");
  p.write("models/contracted.yml", contract_yml("integer"));
  REQUIRE(p.mrun({"run", "-s", "contracted"}).exit_code == 0);
  p.write("models/contracted.sql", "select null::int as id, 'none' as label\n");
  auto r = p.mrun({"run", "-s", "contracted"});
  INFO(output_of(r));
  CHECK(r.exit_code == 1);
  CHECK(contains(r.output, "null value in column \"id\""));
  CHECK(p.query_value("select label from public.contracted") == "one");
}

TEST_CASE("a view's contract checks names and types") {
  ProjectFixture p("jaffle", "it_contract_view");
  p.write("models/contracted.sql", "{{ config(materialized='view') }} select 1 as id, 'one' as label\n");
  p.write("models/contracted.yml",
          "version: 2\nmodels:\n  - name: contracted\n    config:\n      contract: {enforced: true}\n    columns:\n"
          "      - name: id\n        data_type: bigint\n      - name: label\n        data_type: text\n");
  auto r = p.mrun({"run", "-s", "contracted"});
  INFO(output_of(r));
  CHECK(r.exit_code == 1);
  CHECK(contains(r.output, "| id          | INTEGER         | BIGINT        | data type mismatch |"));
  p.write("models/contracted.sql", "{{ config(materialized='view') }} select 1::bigint as id, 'one' as label\n");
  auto fixed = p.mrun({"run", "-s", "contracted"});
  INFO(output_of(fixed));
  CHECK(fixed.exit_code == 0);
  CHECK(p.query_value("select id from public.contracted") == "1");
}
