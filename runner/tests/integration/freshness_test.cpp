// `mrun source freshness` through the binary (runner/tests/projects/freshness):
// loaded_at_field against tables filled here, freshness inherited from the
// source and turned off per table, a filter, and a source mrun loads itself
// (its last load's time); the exit code and target/sources.json.
#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>

#include "cli_runner.h"
#include "util/strings.h"

using mrun::test::contains;
using mrun::test::output_of;
using mrun::test::ProjectFixture;

namespace {

void fill_app_tables(const ProjectFixture& p) {
  p.query_value(
      "create schema app;"
      "create table app.fresh as select now() - interval '5 minutes' as updated_at;"
      "create table app.warm as select now() - interval '2 hours' as updated_at;"
      "create table app.stale as select (now() - interval '3 days')::timestamp as updated_at, 'old' as kind,"
      "  now() - interval '3 days' as created_at"
      "  union all select now() - interval '4 days', 'new', now() - interval '1 hour';"
      "create table app.empty (updated_at timestamptz);"
      "create table app.untracked (updated_at timestamptz);"
      "select 1");
}

}  // namespace

TEST_CASE("mrun source freshness: pass, warn and error by loaded_at_field, and mrun's own load time") {
  ProjectFixture p("freshness", "it_freshness");
  fill_app_tables(p);
  auto load = p.mrun({"load"});
  INFO(output_of(load));
  REQUIRE(load.exit_code == 0);

  auto freshness = p.mrun({"source", "freshness"});
  INFO(output_of(freshness));
  CHECK(freshness.exit_code == 1);  // app.stale and app.empty are in error
  CHECK(contains(freshness.output, "PASS freshness of app.fresh [age 5.0 minutes; warn after 1 hour, error after 1 day]"));
  CHECK(contains(freshness.output, "WARN freshness of app.warm [age 2.0 hours"));
  CHECK(contains(freshness.output, "ERROR STALE freshness of app.stale [age 3.0 days"));
  CHECK(contains(freshness.output, "ERROR STALE freshness of app.empty [age no rows"));
  CHECK_FALSE(contains(freshness.output, "app.untracked"));
  // The table's own field and filter: the newest 'new' row is an hour old.
  CHECK(contains(freshness.output, "PASS freshness of app.recent_rows_only [age 60."));
  CHECK(contains(freshness.output, " minutes; error after 3 hour]"));
  CHECK(contains(freshness.output, "PASS freshness of raw.people [age "));
  CHECK(contains(freshness.output, "mrun's last load"));
  CHECK(contains(freshness.output, "Freshness: 3 pass, 1 warn, 2 error, 0 runtime error"));

  auto doc = nlohmann::json::parse(mrun::read_file(p.dir() + "/target/sources.json"));
  CHECK(doc["metadata"]["dbt_schema_version"] == "https://schemas.getdbt.com/dbt/sources/v3.json");
  REQUIRE(doc["results"].size() == 6);
  std::map<std::string, nlohmann::json> by_id;
  for (const auto& result : doc["results"]) by_id[result["unique_id"].get<std::string>()] = result;
  const auto& warm = by_id["source.freshness.app.warm"];
  CHECK(warm["status"] == "warn");
  CHECK(warm["criteria"]["warn_after"]["count"] == 1);
  CHECK(warm["criteria"]["warn_after"]["period"] == "hour");
  CHECK(warm["max_loaded_at_time_ago_in_s"].get<double>() > 7000);
  CHECK(by_id["source.freshness.app.empty"]["max_loaded_at"].is_null());
  CHECK(by_id["source.freshness.app.empty"]["status"] == "error");

  // Selection: only the sources named; all fresh gives exit 0.
  auto selected = p.mrun({"source", "freshness", "-s", "source:app.fresh", "source:raw"});
  INFO(output_of(selected));
  CHECK(selected.exit_code == 0);
  CHECK(contains(selected.output, "Freshness: 2 pass, 0 warn, 0 error"));
  // A warning fails the command with --warn-error.
  auto warn_error = p.mrun({"--warn-error", "source", "freshness", "-s", "source:app.warm"});
  INFO(output_of(warn_error));
  CHECK(warn_error.exit_code == 1);
}

TEST_CASE("mrun source freshness: a broken loaded_at_field is a runtime error, a bad period a config error") {
  ProjectFixture p("freshness", "it_freshness_errors");
  fill_app_tables(p);
  p.remove("models/people_count.sql");
  // The sources file with this loaded_at_field and freshness block.
  auto run_with = [&p](const std::string& field, const std::string& freshness) {
    p.write("models/sources.yml", "version: 2\nsources:\n  - name: app\n    loaded_at_field: " + field +
                                      "\n    freshness: " + freshness + "\n    tables:\n      - name: fresh\n");
    return p.mrun({"source", "freshness"});
  };
  auto broken = run_with("no_such_column", "{error_after: {count: 1, period: day}}");
  INFO(output_of(broken));
  CHECK(broken.exit_code == 1);
  CHECK(contains(broken.output, "ERROR freshness of app.fresh ["));
  CHECK(contains(broken.output, "no_such_column"));

  auto bad = run_with("updated_at", "{error_after: {count: 1, period: fortnight}}");
  INFO(output_of(bad));
  CHECK(bad.exit_code == 2);
  CHECK(contains(bad.output, "models/sources.yml:5:49: error_after.period must be minute, hour or day, not 'fortnight'"));
}
