// Write–audit–publish (README "Publishing"), through the binary: a run
// builds under shadow names and publishes everything at once when it
// passed; a run that fails publishes nothing and leaves every published
// relation as it was, contents and object ids; a lock held by a reader makes
// the publish wait, back off and retry; `--publish per_node` replaces each
// relation as it is built.
#include <catch2/catch.hpp>
#include <chrono>
#include <pqxx/pqxx>
#include <string>
#include <thread>

#include "cli_runner.h"
#include "test_database.h"

using mrun::test::contains;
using mrun::test::output_of;
using mrun::test::ProjectFixture;

namespace {

// Every relation of the project's schemas (not the run state's, not a
// shadow's) with its kind, object id and a digest of its rows, one per line.
std::string published_state(const ProjectFixture& p) {
  pqxx::connection conn(p.url());
  pqxx::nontransaction tx(conn);
  std::string out;
  for (const auto& row : tx.exec(
           "select format('%I.%I', n.nspname, c.relname), c.relkind, c.oid from pg_class c join pg_namespace n "
           "on n.oid = c.relnamespace where c.relkind in ('r', 'v', 'm') and n.nspname not in "
           "('pg_catalog', 'information_schema', 'mrun_state') and n.nspname not like 'pg_toast%' "
           "and n.nspname not like '%\\_\\_mrun\\_shadow' and n.nspname not like '%\\_audit' "
           "order by 1")) {
    std::string name = row[0].c_str();
    std::string digest =
        tx.exec1("select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from " + name + " t")[0].c_str();
    out += name + " " + row[1].c_str() + " oid " + row[2].c_str() + " rows " + digest + "\n";
  }
  return out;
}

// Relations in the shadow schemas.
int shadow_relations(const ProjectFixture& p) {
  return std::stoi(p.query_value(
      "select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace "
      "where n.nspname like '%\\_\\_mrun\\_shadow' and c.relkind in ('r', 'v', 'm')"));
}

}  // namespace

TEST_CASE("publish atomic: a failing error test publishes nothing, a passing run publishes all, reuse still works") {
  ProjectFixture p("jaffle", "it_publish_atomic");
  auto first = p.mrun({"build"});
  INFO(output_of(first));
  REQUIRE(first.exit_code == 0);
  CHECK(contains(first.output, "in one transaction"));
  CHECK(p.query_value("select count(*) from mrun_state.runs where published_at is not null and publish = 'atomic'") ==
        "1");
  CHECK(shadow_relations(p) == 0);
  std::string before = published_state(p);

  // A changed model and a test over it that fails (error severity).
  p.write("models/staging/stg_customers.sql",
          "select id as customer_id, upper(first_name) as first_name, last_name from {{ ref('raw_customers') }}\n");
  p.write("tests/no_upper_names.sql",
          "select * from {{ ref('stg_customers') }} where first_name = upper(first_name)\n");
  auto failing = p.mrun({"build"});
  INFO(output_of(failing));
  CHECK(failing.exit_code == 1);
  CHECK(contains(failing.output, "nothing published"));
  CHECK(published_state(p) == before);  // contents and object ids
  CHECK(shadow_relations(p) > 0);       // kept for inspection
  // The shadow holds what the run built.
  CHECK(p.query_value("select count(*) from public__mrun_shadow.stg_customers where first_name = upper(first_name)") !=
        "0");

  // The next run cleans the shadows up and publishes.
  p.remove("tests/no_upper_names.sql");
  auto passing = p.mrun({"build"});
  INFO(output_of(passing));
  CHECK(passing.exit_code == 0);
  CHECK(contains(passing.output, "in one transaction"));
  CHECK(shadow_relations(p) == 0);
  CHECK(p.query_value("select count(*) from public.stg_customers where first_name <> upper(first_name)") == "0");
  // Views over replaced relations work: the customers mart reads stg_customers.
  CHECK(p.query_value("select count(*) from public.customers") != "0");

  // Nothing changed: everything is reused, and stays published.
  auto again = p.mrun({"build"});
  INFO(output_of(again));
  CHECK(again.exit_code == 0);
  CHECK(contains(again.output, "SKIP unchanged"));
  for (const char* built : {" OK table", " OK view", " OK incremental", " OK seed"})
    CHECK(!contains(again.output, built));  // no model or seed built again
  CHECK(!contains(again.output, " PASS "));  // no test run again
}
