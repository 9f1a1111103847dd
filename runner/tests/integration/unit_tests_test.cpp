// dbt's unit tests through the binary: given rows in dict, csv (inline and
// fixture file) and sql formats, expected rows compared as a multiset on the
// expected columns, overrides of vars; run by `build` before their model
// (a failing one skips it) and by `mrun test`.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "cli_runner.h"
#include "util/strings.h"

using mrun::test::contains;
using mrun::test::output_of;
using mrun::test::ProjectFixture;

namespace {

const char* kTotals =
    "select kind, sum(amount) as total, count(*) as n from {{ ref('base_items') }}\n"
    "where amount > {{ var('min_amount', 0) }} group by kind\n";

// A schema file with unit tests of item_totals; `b_total` is what the
// first one expects for kind b (1 is right). Numerics compare by value:
// the sum 12.00 is the expected 12.
std::string unit_tests_yml(const std::string& b_total) {
  return "version: 2\nunit_tests:\n"
         "  - name: sums_by_kind\n    model: item_totals\n    given:\n"
         "      - input: ref('base_items')\n        rows:\n"
         "          - {id: 1, kind: a, amount: 5.50}\n          - {id: 2, kind: a, amount: 6.50}\n"
         "          - {id: 3, kind: b, amount: 1}\n"
         "    expect:\n      rows:\n          - {kind: a, total: 12}\n          - {kind: b, total: " + b_total + "}\n"
         "  - name: honours_min_amount\n    model: item_totals\n"
         "    overrides:\n      vars: {min_amount: 4}\n    given:\n"
         "      - input: ref('base_items')\n        format: csv\n        fixture: items\n"
         "    expect:\n      format: csv\n      rows: |\n        kind,total,n\n        a,12,2\n"
         "  - name: from_sql\n    model: item_totals\n    given:\n"
         "      - input: ref('base_items')\n        format: sql\n"
         "        rows: \"select 1 as id, 'z'::text as kind, 3::numeric as amount\"\n"
         "    expect:\n      format: sql\n      rows: \"select 'z' as kind, 3 as total\"\n";
}

std::string status_of(const nlohmann::json& results, const std::string& id) {
  for (const auto& r : results["results"])
    if (r["unique_id"] == id) return r["status"];
  return "absent";
}

}  // namespace

TEST_CASE("unit tests run before their model in build, and a failing one fails the build and skips the model") {
  ProjectFixture p("jaffle", "it_unit_tests");
  p.write("models/unit/base_items.sql",
          "{{ config(materialized='table') }} select 1 as id, 'a'::text as kind, 10::numeric as amount\n");
  p.write("models/unit/item_totals.sql", kTotals);
  p.write("tests/fixtures/items.csv", "id,kind,amount\n1,a,5\n2,a,7\n3,b,1\n");
  p.write("models/unit/unit_tests.yml", unit_tests_yml("1"));

  auto ok = p.mrun({"build", "-s", "+item_totals"});
  INFO(output_of(ok));
  REQUIRE(ok.exit_code == 0);
  auto results = nlohmann::json::parse(mrun::read_file(p.dir() + "/target/run_results.json"));
  for (const char* name : {"sums_by_kind", "honours_min_amount", "from_sql"})
    CHECK(status_of(results, std::string("unit_test.jaffle_shop.item_totals.") + name) == "pass");
  CHECK(p.query_value("select total from public.item_totals") == "10");  // the real data, built after its tests
  auto manifest = nlohmann::json::parse(mrun::read_file(p.dir() + "/target/manifest.json"));
  CHECK(manifest["unit_tests"]["unit_test.jaffle_shop.item_totals.sums_by_kind"]["model"] == "item_totals");
  // The fixture file is no singular test.
  CHECK(status_of(results, "test.jaffle_shop.items") == "absent");

  // mrun test runs them; test_type:unit selects only them.
  auto only_unit = p.mrun({"test", "-s", "test_type:unit"});
  INFO(output_of(only_unit));
  CHECK(only_unit.exit_code == 0);
  CHECK(contains(only_unit.output, "sums_by_kind"));
  CHECK(contains(only_unit.output, "3 of 3"));

  // A wrong expectation: the build fails (exit 1), says what differs, and
  // the model is skipped: the published table keeps the earlier build.
  p.write("models/unit/unit_tests.yml", unit_tests_yml("2"));
  p.write("models/unit/item_totals.sql", std::string(kTotals) + "-- changed\n");
  auto failing = p.mrun({"build", "-s", "+item_totals"});
  INFO(output_of(failing));
  CHECK(failing.exit_code == 1);
  CHECK(contains(failing.output, "actual differs from expected"));
  CHECK(contains(failing.output, "--- | b    | 2"));
  CHECK(contains(failing.output, "+++ | b    | 1"));
  results = nlohmann::json::parse(mrun::read_file(p.dir() + "/target/run_results.json"));
  CHECK(status_of(results, "unit_test.jaffle_shop.item_totals.sums_by_kind") == "fail");
  CHECK(status_of(results, "unit_test.jaffle_shop.item_totals.from_sql") == "pass");
  CHECK(status_of(results, "model.jaffle_shop.item_totals") == "skipped");
}

TEST_CASE("a unit test must give every input of its model, and a missing input relation is named") {
  ProjectFixture p("jaffle", "it_unit_tests_inputs");
  p.write("models/unit/base_items.sql", "select 1 as id, 'a'::text as kind, 10::numeric as amount\n");
  p.write("models/unit/other_items.sql", "select 2 as id\n");
  p.write("models/unit/item_totals.sql",
          "select kind, count(*) as n from {{ ref('base_items') }} join {{ ref('other_items') }} using (id) group by kind\n");
  p.write("models/unit/unit_tests.yml",
          "version: 2\nunit_tests:\n  - name: half_given\n    model: item_totals\n    given:\n"
          "      - input: ref('base_items')\n        rows: [{id: 1}]\n    expect:\n      rows: []\n");
  auto r = p.mrun({"ls"});
  INFO(output_of(r));
  CHECK(r.exit_code == 2);
  CHECK(contains(r.output, "models/unit/unit_tests.yml:3:5: unit test 'half_given' gives no rows for ref('other_items')"));

  // Every input given, but not built: dbt needs the inputs' column types from the database too.
  p.write("models/unit/unit_tests.yml",
          "version: 2\nunit_tests:\n  - name: all_given\n    model: item_totals\n    given:\n"
          "      - input: ref('base_items')\n        rows: [{id: 1, kind: a}]\n"
          "      - input: ref('other_items')\n        rows: [{id: 1}]\n    expect:\n      rows: [{kind: a, n: 1}]\n");
  auto unbuilt = p.mrun({"test", "-s", "item_totals"});
  INFO(output_of(unbuilt));
  CHECK(unbuilt.exit_code == 1);
  CHECK(contains(unbuilt.output, "does not exist, and its column types come from it: build it first"));
  REQUIRE(p.mrun({"run", "-s", "base_items other_items"}).exit_code == 0);
  auto built = p.mrun({"test", "-s", "item_totals"});
  INFO(output_of(built));
  CHECK(built.exit_code == 0);
}

TEST_CASE("an incremental model's unit test gives this and overrides is_incremental") {
  ProjectFixture p("jaffle", "it_unit_tests_incremental");
  p.write("models/unit/events.sql", "{{ config(materialized='table') }} select 1 as id, 'x'::text as what\n");
  p.write("models/unit/new_events.sql",
          "{{ config(materialized='incremental', unique_key='id') }}\n"
          "select id, what from {{ ref('events') }}\n"
          "{% if is_incremental() %} where id > (select max(id) from {{ this }}) {% endif %}\n");
  p.write("models/unit/unit_tests.yml",
          "version: 2\nunit_tests:\n  - name: only_newer\n    model: new_events\n"
          "    overrides:\n      macros: {is_incremental: true}\n    given:\n"
          "      - input: ref('events')\n        rows: [{id: 1, what: old}, {id: 5, what: new}]\n"
          "      - input: this\n        rows: [{id: 3}]\n"
          "    expect:\n      rows: [{id: 5, what: new}]\n");
  // As in dbt, `this` gives its column types only once the model exists.
  REQUIRE(p.mrun({"run", "-s", "+new_events"}).exit_code == 0);
  auto r = p.mrun({"build", "-s", "+new_events"});
  INFO(output_of(r));
  CHECK(r.exit_code == 0);
  CHECK(contains(r.output, "PASS unit_test new_events::only_newer"));
  CHECK(p.query_value("select count(*) from public.new_events") == "1");
}

TEST_CASE("a unit test whose input is tested against its own model does not make the build wait forever") {
  // orders' relationships test refers to customers, and customers' unit test
  // reads orders: holding the unit test back for orders' tests would close
  // a cycle (unit test -> relationships test -> customers -> unit test).
  ProjectFixture p("jaffle", "it_unit_tests_gates");
  std::string schema = mrun::read_file(p.dir() + "/models/marts/schema.yml");
  p.write("models/marts/schema.yml",
          mrun::replace_all(schema, "              config:\n                severity: warn\n", ""));
  p.write("models/marts/customers_unit.yml",
          "version: 2\nunit_tests:\n"
          "  - name: counts_orders\n    model: customers\n    given:\n"
          "      - input: ref('stg_customers')\n        rows:\n"
          "          - {customer_id: 1, first_name: ann, last_name: b}\n"
          "      - input: ref('orders')\n        rows:\n"
          "          - {order_id: 1, customer_id: 1, order_date: '2020-01-01', amount: 5}\n"
          "          - {order_id: 2, customer_id: 1, order_date: '2020-02-01', amount: 7}\n"
          "    expect:\n      rows:\n          - {customer_id: 1, number_of_orders: 2, customer_lifetime_value: 12}\n");
  auto r = p.mrun({"build"});
  INFO(output_of(r));
  // The relationships test fails on the jaffle data (it is a warning in the
  // project); the run ends, every other node having run.
  CHECK(r.exit_code == 1);
  CHECK(contains(r.output, "PASS unit_test customers::counts_orders"));
  CHECK(contains(r.output, "1 fail"));
  CHECK(contains(r.output, "0 error"));
  CHECK(!contains(r.output, "cycle"));
}
