// Snapshots (README "Snapshots"), through the binary: three runs of
// `mrun snapshot` over a source table that the test changes between runs
// (changed, new, deleted and returning rows), for the timestamp and check
// strategies and each way of handling hard deletes; a model that ref()s a
// snapshot; `mrun snapshot -s`; the artifacts; and write–audit–publish: a
// `build` whose test fails leaves the published snapshot as it was.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <sstream>
#include <string>

#include "cli_runner.h"
#include "test_database.h"
#include "util/strings.h"

using mrun::test::contains;
using mrun::test::output_of;
using mrun::test::ProjectFixture;

namespace {

void exec_sql(const ProjectFixture& p, const std::string& sql) {
  pqxx::connection conn(p.url());
  pqxx::nontransaction(conn).exec(sql);
}

// `mrun snapshot` of the snapshots of app.customers.
void snapshot(const ProjectFixture& p) {
  auto r = p.mrun({"snapshot", "--exclude", "plans_history"});
  INFO(output_of(r));
  REQUIRE(r.exit_code == 0);
}

// The versions of `relation` as "id:name:now|closed" (the condition
// `current` says which) followed by `extra`, by id and start of validity.
std::string versions(const ProjectFixture& p, const std::string& relation, const std::string& current,
                     const std::string& extra = "''") {
  std::string valid_from = relation == "public.customers_by_region" ? "valid_from" : "dbt_valid_from";
  return p.query_value("select string_agg(id || ':' || name || ':' || case when " + current +
                       " then 'now' else 'closed' end || " + extra + ", ' ' order by id, " + valid_from +
                       ", name) from " + relation);
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("snapshots: timestamp and check strategies, hard deletes, over three runs") {
  ProjectFixture p("snapshots", "it_snapshots_runs");
  exec_sql(p,
           "create schema app; create table app.customers (id int, region text, name text, tier text, updated_at "
           "timestamp);"
           "insert into app.customers values (1, 'eu', 'ann', 'gold', '2024-01-01'), (2, 'us', 'bob', 'silver', "
           "'2024-01-01'), (3, 'eu', 'cid', 'gold', '2024-01-01')");
  snapshot(p);
  CHECK(versions(p, "public.customers_ts", "dbt_valid_to is null") == "1:ann:now 2:bob:now 3:cid:now");
  CHECK(p.query_value("select count(*) from public.customers_ts where dbt_valid_from = updated_at and "
                      "dbt_updated_at = updated_at and dbt_scd_id = md5(coalesce(cast(id as varchar), '') || '|' || "
                      "coalesce(cast(updated_at as varchar), ''))") == "3");
  CHECK(versions(p, "history.customers_check", "dbt_valid_to is null") == "1:ann:now 2:bob:now 3:cid:now");
  CHECK(p.query_value("select count(*) from public.customers_by_region where valid_to = '9999-12-31' and "
                      "is_deleted = 'False'") == "3");

  // Run 2: ann renamed (updated_at moves), bob deleted, cid's tier changed
  // without a new updated_at (only check sees it), dan new.
  exec_sql(p,
           "update app.customers set name = 'ann2', updated_at = '2024-02-01' where id = 1;"
           "delete from app.customers where id = 2;"
           "update app.customers set tier = 'silver' where id = 3;"
           "insert into app.customers values (4, 'us', 'dan', 'gold', '2024-02-01')");
  snapshot(p);
  // timestamp, hard deletes ignored: bob stays current.
  CHECK(versions(p, "public.customers_ts", "dbt_valid_to is null") ==
        "1:ann:closed 1:ann2:now 2:bob:now 3:cid:now 4:dan:now");
  CHECK(p.query_value("select dbt_valid_to from public.customers_ts where name = 'ann'") == "2024-02-01 00:00:00");
  // check, invalidate: cid's tier change is a version, bob is closed.
  CHECK(versions(p, "history.customers_check", "dbt_valid_to is null", "':' || tier") ==
        "1:ann:closed:gold 1:ann2:now:gold 2:bob:closed:silver 3:cid:closed:gold 3:cid:now:silver 4:dan:now:gold");
  CHECK(p.query_value("select count(distinct dbt_valid_to) from history.customers_check where dbt_valid_to is not "
                      "null") == "1");  // closed at the run's time
  CHECK(p.query_value("select count(*) from history.customers_check c join history.customers_check n on c.id = n.id "
                      "and c.dbt_valid_to = n.dbt_valid_from") == "2");  // ann and cid: closed when the next began
  // new_record: bob closed and a deletion version inserted, current.
  CHECK(versions(p, "public.customers_by_region", "valid_to = '9999-12-31'", "':' || is_deleted") ==
        "1:ann:closed:False 1:ann2:now:False 2:bob:closed:False 2:bob:now:True 3:cid:now:False 4:dan:now:False");

  // Run 3: bob is back, dan changed. The timestamp snapshot closes bob's
  // old version; new_record closes the deletion version.
  exec_sql(p,
           "insert into app.customers values (2, 'us', 'bob', 'gold', '2024-03-01');"
           "update app.customers set name = 'dan2', tier = 'silver', updated_at = '2024-03-01' where id = 4");
  snapshot(p);
  CHECK(versions(p, "public.customers_ts", "dbt_valid_to is null") ==
        "1:ann:closed 1:ann2:now 2:bob:closed 2:bob:now 3:cid:now 4:dan:closed 4:dan2:now");
  CHECK(versions(p, "history.customers_check", "dbt_valid_to is null") ==
        "1:ann:closed 1:ann2:now 2:bob:closed 2:bob:now 3:cid:closed 3:cid:now 4:dan:closed 4:dan2:now");
  CHECK(versions(p, "public.customers_by_region", "valid_to = '9999-12-31'", "':' || is_deleted") ==
        // (the deletion version began at the run's time, after bob's new updated_at: dbt's order too)
        "1:ann:closed:False 1:ann2:now:False 2:bob:closed:False 2:bob:now:False 2:bob:closed:True "
        "3:cid:now:False 4:dan:closed:False 4:dan2:now:False");
  // One current version per key, everywhere.
  for (const char* check : {"select count(*) - count(distinct id) from public.customers_ts where dbt_valid_to is null",
                            "select count(*) - count(distinct id) from history.customers_check where dbt_valid_to is "
                            "null",
                            "select count(*) - count(distinct id) from public.customers_by_region where valid_to = "
                            "'9999-12-31'"})
    CHECK(p.query_value(check) == "0");

  // Nothing changed: a run changes nothing.
  std::string before = p.query_value("select count(*) from history.customers_check");
  auto again = p.mrun({"snapshot", "--exclude", "plans_history"});
  INFO(output_of(again));
  CHECK(again.exit_code == 0);
  CHECK(contains(again.output, "INSERT 0, UPDATE 0"));
  CHECK(p.query_value("select count(*) from history.customers_check") == before);
}

TEST_CASE("snapshots: a snapshot of a seed is reused when neither the seed nor its table changed") {
  ProjectFixture p("snapshots", "it_snapshots_reuse");
  auto build = [&p](const std::string& expected_line_part) {
    auto r = p.mrun({"build", "-s", "plans+"});
    INFO(output_of(r));
    REQUIRE(r.exit_code == 0);
    bool found = false;
    for (const auto& line : mrun::split(r.output, '\n'))
      found = found || (contains(line, "public.plans_history") && contains(line, expected_line_part));
    CHECK(found);
  };
  build("SELECT 2");               // created
  build("unchanged");              // reused
  p.query_value("delete from public.plans_history where plan = 'pro'; select 1");
  build("INSERT 1, UPDATE 0");     // its table changed: runs (pro is new again)
  build("unchanged");
  p.write("seeds/plans.csv", "plan,price\nbasic,10\npro,25\nteam,40\n");
  build("INSERT 2, UPDATE 1");     // the seed changed: pro's new price, team new
  CHECK(p.query_value("select string_agg(plan || ':' || price || ':' || (dbt_valid_to is null), ',' order by plan, "
                      "dbt_valid_from) from public.plans_history") == "basic:10:true,pro:20:false,pro:25:true,team:40:true");
  build("unchanged");
}

TEST_CASE("snapshots: a model refs a snapshot, build runs snapshots and their tests, -s selects, artifacts") {
  ProjectFixture p("snapshots", "it_snapshots_build");
  exec_sql(p,
           "create schema app; create table app.customers (id int, region text, name text, tier text, updated_at "
           "timestamp); insert into app.customers values (1, 'eu', 'ann', 'gold', '2024-01-01')");
  auto build = p.mrun({"build"});
  INFO(output_of(build));
  REQUIRE(build.exit_code == 0);
  CHECK(contains(build.output, "snapshot public.customers_ts"));
  CHECK(contains(build.output, "unique_customers_ts_dbt_scd_id"));
  CHECK(p.query_value("select string_agg(name, ',') from public.current_customers") == "ann");

  nlohmann::json manifest = nlohmann::json::parse(read_text(p.dir() + "/target/manifest.json"));
  const auto& node = manifest["nodes"]["snapshot.snapshots_it.customers_ts"];
  CHECK(node["resource_type"] == "snapshot");
  CHECK(node["config"]["materialized"] == "snapshot");
  CHECK(manifest["nodes"]["model.snapshots_it.current_customers"]["depends_on"]["nodes"][0] ==
        "snapshot.snapshots_it.customers_ts");
  CHECK(manifest["nodes"]["snapshot.snapshots_it.customers_by_region"]["resource_type"] == "snapshot");
  nlohmann::json results = nlohmann::json::parse(read_text(p.dir() + "/target/run_results.json"));
  int snapshots = 0;
  for (const auto& r : results["results"])
    if (r["unique_id"].get<std::string>().rfind("snapshot.", 0) == 0) ++snapshots;
  CHECK(snapshots == 4);

  // `mrun snapshot -s` runs the selected snapshot only.
  exec_sql(p, "update app.customers set name = 'ann2', tier = 'x', updated_at = '2024-02-01'");
  auto one = p.mrun({"snapshot", "-s", "customers_check"});
  INFO(output_of(one));
  CHECK(one.exit_code == 0);
  CHECK(p.query_value("select count(*) from history.customers_check") == "2");
  CHECK(p.query_value("select count(*) from public.customers_ts") == "1");
  auto by_type = p.mrun({"ls", "-s", "resource_type:snapshot", "-o", "name"});
  CHECK(contains(by_type.output, "customers_ts"));
  CHECK(contains(by_type.output, "customers_by_region"));
  CHECK(!contains(by_type.output, "current_customers"));
}

TEST_CASE("snapshots: an atomic build whose test fails leaves the published snapshot unchanged") {
  ProjectFixture p("snapshots", "it_snapshots_atomic");
  exec_sql(p,
           "create schema app; create table app.customers (id int, region text, name text, tier text, updated_at "
           "timestamp); insert into app.customers values (1, 'eu', 'ann', 'gold', '2024-01-01')");
  auto first = p.mrun({"build"});
  INFO(output_of(first));
  REQUIRE(first.exit_code == 0);
  std::string oid = p.query_value("select 'public.customers_ts'::regclass::oid");
  p.write("tests/no_boom.sql", "select * from {{ ref('customers_ts') }} where name = 'boom'\n");
  exec_sql(p, "update app.customers set name = 'boom', updated_at = '2024-02-01'");
  auto failing = p.mrun({"build"});
  INFO(output_of(failing));
  CHECK(failing.exit_code == 1);
  CHECK(contains(failing.output, "nothing published"));
  CHECK(p.query_value("select string_agg(name, ',') from public.customers_ts") == "ann");
  CHECK(p.query_value("select 'public.customers_ts'::regclass::oid") == oid);
  // The shadow holds what the run built: the published table plus this run's changes.
  CHECK(p.query_value("select string_agg(name, ',' order by dbt_valid_from) from public__mrun_shadow.customers_ts") ==
        "ann,boom");

  p.remove("tests/no_boom.sql");
  auto passing = p.mrun({"build"});
  INFO(output_of(passing));
  CHECK(passing.exit_code == 0);
  CHECK(p.query_value("select string_agg(name || ':' || (dbt_valid_to is null), ',' order by dbt_valid_from) from "
                      "public.customers_ts") == "ann:false,boom:true");
  CHECK(p.query_value("select string_agg(name, ',') from public.current_customers") == "boom");
}

TEST_CASE("snapshots: configuration errors name the file") {
  ProjectFixture p("snapshots", "it_snapshots_errors");
  p.write("snapshots/bad.sql", "{% snapshot bad %}\n{{ config(unique_key='id', strategy='check') }}\nselect 1 as id\n"
                               "{% endsnapshot %}\n");
  auto r = p.mrun({"ls"});
  CHECK(r.exit_code == 2);
  CHECK(contains(r.output, "snapshots/bad.sql"));
  CHECK(contains(r.output, "check_cols"));
  p.write("snapshots/bad.sql", "{% snapshot bad %}\nselect 1 as id\n");
  r = p.mrun({"ls"});
  CHECK(r.exit_code == 2);
  CHECK(contains(r.output, "snapshots/bad.sql:1:1"));
}
