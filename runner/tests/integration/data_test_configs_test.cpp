// dbt's data test configs through the binary: fail_calc, limit,
// store_failures_as, warn_if/error_if and where; generic tests defined in
// tests/generic/; pre- and post-hooks on seeds.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "cli_runner.h"
#include "util/strings.h"

using mrun::test::output_of;
using mrun::test::ProjectFixture;

namespace {

// "<status> <failures>" of the test named `name` in target/run_results.json.
std::string outcome(const ProjectFixture& p, const std::string& name) {
  auto results = nlohmann::json::parse(mrun::read_file(p.dir() + "/target/run_results.json"));
  for (const auto& r : results["results"]) {
    if (r["unique_id"] == "test.jaffle_shop." + name) return r["status"].get<std::string>() + " " + r["failures"].dump();
  }
  return "no test " + name;
}

}  // namespace

TEST_CASE("fail_calc, limit, where, warn_if and store_failures_as decide a test as dbt does, with a generic test from tests/generic") {
  ProjectFixture p("jaffle", "it_data_test_configs");
  p.write("models/batches.sql", "select * from (values ('a', 3), ('b', 0), ('c', 2)) as t(batch, n_records)\n");
  // A generic test defined where dbt also looks: tests/generic/, not a singular test.
  p.write("tests/generic/records_over.sql",
          "{% test records_over(model, column_name, bound) %}\n"
          "select {{ column_name }} as n_records from {{ model }} where {{ column_name }} > {{ bound }}\n"
          "{% endtest %}\n");
  p.write("models/batches.yml",
          "version: 2\nmodels:\n  - name: batches\n    columns:\n      - name: n_records\n        data_tests:\n"
          // 5 records in failing rows: over warn_if, under error_if.
          "          - records_over:\n              name: summed\n              bound: 0\n"
          "              config: {fail_calc: 'sum(n_records)', warn_if: '>1', error_if: '>10'}\n"
          // The sum over no rows is no failure.
          "          - records_over:\n              name: summed_none\n              bound: 5\n"
          "              config: {fail_calc: 'sum(n_records)'}\n"
          // Two failing rows, one seen.
          "          - records_over:\n              name: limited\n              bound: 0\n              limit: 1\n"
          "          - records_over:\n              name: filtered\n              bound: 0\n"
          "              config: {where: \"batch = 'c'\"}\n"
          "      - name: batch\n        data_tests:\n"
          "          - accepted_values:\n              name: batch_known\n              values: [a, b]\n"
          "              config: {store_failures_as: view}\n");
  auto r = p.mrun({"build", "-s", "batches+"});
  INFO(output_of(r));
  CHECK(r.exit_code == 1);
  CHECK(outcome(p, "summed") == "warn 5");
  CHECK(mrun::test::contains(r.output, "Got 5 results, configured to warn if >1"));
  CHECK(outcome(p, "summed_none") == "pass 0");
  CHECK(outcome(p, "limited") == "fail 1");
  CHECK(outcome(p, "filtered") == "fail 1");
  CHECK(outcome(p, "batch_known") == "fail 1");
  // store_failures_as: view keeps the failing rows as a view, without --store-failures.
  CHECK(p.query_value("select relkind from pg_class where oid = 'public_test_failures.batch_known'::regclass") == "v");
  CHECK(p.query_value("select value_field from public_test_failures.batch_known") == "c");
  // The generic test's file is no singular test.
  CHECK(outcome(p, "records_over") == "no test records_over");
  auto manifest = nlohmann::json::parse(mrun::read_file(p.dir() + "/target/manifest.json"));
  CHECK(manifest["nodes"]["test.jaffle_shop.summed"]["config"]["fail_calc"] == "sum(n_records)");

  // A bad store_failures_as is a configuration error naming the test.
  p.write("models/batches.yml",
          "version: 2\nmodels:\n  - name: batches\n    columns:\n      - name: batch\n        data_tests:\n"
          "          - not_null:\n              config: {store_failures_as: cte}\n");
  auto bad = p.mrun({"build", "-s", "batches+"});
  INFO(output_of(bad));
  CHECK(bad.exit_code == 2);
  CHECK(mrun::test::contains(bad.output, "models/batches.yml:7:13: store_failures_as must be table, view or ephemeral, not 'cte'"));
}

TEST_CASE("seeds run their pre-hooks and post-hooks") {
  ProjectFixture p("jaffle", "it_seed_hooks");
  p.write("seeds/seeds.yml",
          "version: 2\nseeds:\n  - name: raw_customers\n    config:\n"
          "      pre-hook: \"create schema if not exists hooked; create table hooked.pre_ran as select 1 as x\"\n"
          "      post-hook:\n        - \"update {{ this }} set first_name = upper(first_name)\"\n"
          "        - \"create table hooked.post_saw as select count(*) as n from {{ this }}\"\n");
  auto r = p.mrun({"seed", "-s", "raw_customers"});
  INFO(output_of(r));
  REQUIRE(r.exit_code == 0);
  CHECK(p.query_value("select x from hooked.pre_ran") == "1");
  CHECK(p.query_value("select n from hooked.post_saw") == "10");
  CHECK(p.query_value("select first_name from public_raw.raw_customers where id = 1") == "MICHAEL");
}
