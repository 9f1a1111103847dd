// The row-count monitoring tests through the binary (exec/monitoring.h,
// README "Row-count monitoring"), on runner/tests/projects/monitoring: a raw
// table loaded from data/items.csv and a table model over it. Each build
// runs with --no-skip, so that the tests run rather than being reused.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <chrono>
#include <string>
#include <thread>

#include "cli_runner.h"
#include "util/strings.h"

using mrun::test::contains;
using mrun::test::output_of;
using mrun::test::ProjectFixture;

namespace {

// data/items.csv: `good` rows (ids 1..good), then `bad` rows whose id the loader rejects.
void write_items(const ProjectFixture& p, int good, int bad = 0) {
  std::string csv = "id,name\n";
  for (int i = 1; i <= good; ++i) csv += std::to_string(i) + ",item " + std::to_string(i) + "\n";
  for (int i = 0; i < bad; ++i) csv += "not a number,bad\n";
  p.write("data/items.csv", csv);
}

// The tests of raw.items (in models/sources.yml) and of items_copy (in
// models/schema.yml): YAML list items, indented for their place.
void write_tests(const ProjectFixture& p, const std::string& source_tests, const std::string& model_tests) {
  p.write("models/sources.yml",
          "version: 2\n"
          "sources:\n"
          "  - name: raw\n"
          "    tables:\n"
          "      - name: items\n"
          "        meta: {file: items.csv, max_reject_ratio: 0.5}\n"
          "        columns:\n"
          "          - {name: id, data_type: bigint, meta: {check: positive_int, required: true}}\n"
          "          - {name: name, data_type: text}\n"
          "        data_tests:\n" +
              source_tests);
  p.write("models/schema.yml",
          "version: 2\n"
          "models:\n"
          "  - name: items_copy\n"
          "    data_tests:\n" +
              model_tests);
}

nlohmann::json run_results(const ProjectFixture& p) {
  return nlohmann::json::parse(mrun::read_file(p.dir() + "/target/run_results.json"));
}

// The result in the last run_results.json of the test whose name starts with `name`.
nlohmann::json result_of(const ProjectFixture& p, const std::string& name) {
  const nlohmann::json results = run_results(p);
  for (const auto& r : results["results"])
    if (r["unique_id"].get<std::string>().rfind("test.monitoring." + name, 0) == 0) return r;
  FAIL("no result for test " << name);
  return {};
}

std::string message_of(const ProjectFixture& p, const std::string& name) {
  return result_of(p, name)["message"].get<std::string>();
}

std::string status_of(const ProjectFixture& p, const std::string& name) {
  return result_of(p, name)["status"].get<std::string>();
}

// Builds with `good` rows and `bad` rejected ones; returns the run id.
std::string build(const ProjectFixture& p, int good, int bad, int expected_exit) {
  write_items(p, good, bad);
  auto r = p.mrun({"build", "--no-skip"});
  INFO(output_of(r));
  REQUIRE(r.exit_code == expected_exit);
  return run_results(p)["metadata"]["invocation_id"].get<std::string>();
}

}  // namespace

TEST_CASE("monitoring: row_count_change passes without history and on the same count, and names a drop's numbers") {
  ProjectFixture p("monitoring", "it_monitoring_change");
  write_tests(p, "          - row_count_change: {max_drop_pct: 50, config: {severity: warn}}\n",
              "      - row_count_change: {max_drop_pct: 50, max_growth_pct: 100}\n");
  build(p, 10, 0, 0);
  CHECK(status_of(p, "row_count_change_raw_items") == "pass");
  CHECK(message_of(p, "row_count_change_raw_items") ==
        "no earlier successful run has a row count of \"raw\".\"items\" yet: passes");
  CHECK(contains(message_of(p, "row_count_change_items_copy"), "\"items_copy\" yet: passes"));

  std::string same = build(p, 10, 0, 0);
  CHECK(status_of(p, "row_count_change_raw_items") == "pass");
  CHECK(contains(message_of(p, "row_count_change_raw_items"), "rows 10 -> 10 (+0.0%) against run "));
  CHECK(contains(message_of(p, "row_count_change_items_copy"), ": within max_drop_pct 50 and max_growth_pct 100"));

  // A drop of 90%: the raw table's test warns, the model's (severity error) fails the run.
  write_items(p, 1);
  auto dropped = p.mrun({"build", "--no-skip"});
  INFO(output_of(dropped));
  CHECK(dropped.exit_code == 1);
  const std::string drop = "rows 10 -> 1 (-90.0%), a drop above max_drop_pct 50 against run " + same + " (";
  CHECK(status_of(p, "row_count_change_raw_items") == "warn");
  CHECK(contains(message_of(p, "row_count_change_raw_items"), drop));
  CHECK(status_of(p, "row_count_change_items_copy") == "fail");
  CHECK(contains(message_of(p, "row_count_change_items_copy"), drop));
  CHECK(contains(dropped.output, drop));

  // The failed run is no history: 10 rows again compare with the run before it.
  build(p, 10, 0, 0);
  CHECK(contains(message_of(p, "row_count_change_items_copy"), "rows 10 -> 10 (+0.0%) against run " + same));
}

TEST_CASE("monitoring: volume_anomaly waits for min_runs, warns on a bad run, and its median shrugs that run off") {
  ProjectFixture p("monitoring", "it_monitoring_volume");
  write_tests(p, "          - volume_anomaly: {runs: 5, min_runs: 3, config: {severity: warn}}\n",
              "      - row_count_change: {max_growth_pct: 100, config: {severity: warn}}\n");
  build(p, 10, 0, 0);
  CHECK(message_of(p, "volume_anomaly_raw_items") ==
        "no earlier successful run has a row count of \"raw\".\"items\" yet (min_runs 3): passes");
  build(p, 11, 0, 0);
  CHECK(message_of(p, "volume_anomaly_raw_items") ==
        "only 1 earlier successful run has a row count of \"raw\".\"items\" (min_runs 3): passes");
  build(p, 12, 0, 0);
  CHECK(message_of(p, "volume_anomaly_raw_items") ==
        "only 2 earlier successful runs have a row count of \"raw\".\"items\" (min_runs 3): passes");

  // A bad drop: it warns (the run succeeds, so its count joins the history).
  build(p, 1, 0, 0);
  CHECK(status_of(p, "volume_anomaly_raw_items") == "warn");
  CHECK(message_of(p, "volume_anomaly_raw_items") ==
        "rows 1 against a median of 11 over the last 3 successful runs (-90.9%), a deviation above "
        "max_deviation_pct 50");

  // Back to normal: against the median of 1, 12, 11 and 10 all is well, while
  // row_count_change, against the bad run alone, warns.
  build(p, 12, 0, 0);
  CHECK(status_of(p, "volume_anomaly_raw_items") == "pass");
  CHECK(message_of(p, "volume_anomaly_raw_items") ==
        "rows 12 against a median of 10.5 over the last 4 successful runs (+14.3%): within max_deviation_pct 50");
  CHECK(status_of(p, "row_count_change_items_copy") == "warn");
  CHECK(contains(message_of(p, "row_count_change_items_copy"),
                 "rows 1 -> 12 (+1100.0%), a growth above max_growth_pct 100 against run "));
}

TEST_CASE("monitoring: reject_ratio reads the load's numbers, compile shows the count, bad arguments name their line") {
  ProjectFixture p("monitoring", "it_monitoring_rejects");
  write_tests(p, "          - reject_ratio: {max_reject_pct: 5, config: {severity: warn}}\n",
              "      - volume_anomaly\n");
  auto compiled = p.mrun({"compile"});
  INFO(output_of(compiled));
  REQUIRE(compiled.exit_code == 0);
  CHECK(mrun::read_file(p.dir() + "/target/compiled/monitoring/models/sources.yml/reject_ratio_raw_items__5.sql") ==
        "\n-- reject_ratio of the load behind the table: max_reject_pct 5\n"
        "select count(*) as row_count from \"raw\".\"items\"\n");

  build(p, 9, 1, 0);
  CHECK(status_of(p, "reject_ratio_raw_items") == "warn");
  CHECK(contains(message_of(p, "reject_ratio_raw_items"), "rejected 1 of 10 rows read (10.0%), above max_reject_pct 5"));
  build(p, 20, 1, 0);
  CHECK(status_of(p, "reject_ratio_raw_items") == "pass");
  CHECK(contains(message_of(p, "reject_ratio_raw_items"), "rejected 1 of 21 rows read (4.8%): within max_reject_pct 5"));
  // A new limit on the same data: the test runs again (its limits are part of its fingerprint).
  write_tests(p, "          - reject_ratio: {max_reject_pct: 1, config: {severity: warn}}\n", "      - volume_anomaly\n");
  auto stricter = p.mrun({"build"});
  INFO(output_of(stricter));
  CHECK(stricter.exit_code == 0);
  CHECK(contains(stricter.output, "load items.csv: unchanged since load"));
  CHECK(status_of(p, "reject_ratio_raw_items") == "warn");
  CHECK(contains(message_of(p, "reject_ratio_raw_items"), "rejected 1 of 21 rows read (4.8%), above max_reject_pct 1"));

  // Neither limit, a misspelt argument, a view: errors at the test's line (exit 2), compile too.
  write_tests(p, "          - reject_ratio: {max_reject_pct: 5}\n", "      - row_count_change\n");
  auto no_limit = p.mrun({"compile"});
  INFO(output_of(no_limit));
  CHECK(no_limit.exit_code == 2);
  CHECK(contains(no_limit.output, "models/schema.yml:5:9: row_count_change: give max_drop_pct, max_growth_pct or both"));
  write_tests(p, "          - volume_anomaly: {max_deviaton_pct: 5}\n", "      - volume_anomaly\n");
  auto misspelt = p.mrun({"build", "--no-load"});
  INFO(output_of(misspelt));
  CHECK(misspelt.exit_code == 2);
  CHECK(contains(misspelt.output, "models/sources.yml:11:48: volume_anomaly: unknown argument 'max_deviaton_pct' "
                                  "(did you mean 'max_deviation_pct'?)"));
  write_tests(p, "          - volume_anomaly\n", "      - volume_anomaly\n");
  p.write("models/items_copy.sql", "{{ config(materialized='view') }}\nselect id from {{ source('raw', 'items') }}\n");
  auto view = p.mrun({"compile"});
  INFO(output_of(view));
  CHECK(view.exit_code == 2);
  CHECK(contains(view.output, "volume_anomaly: model 'items_copy' is view: mrun records the row counts of tables"));
}

TEST_CASE("monitoring: the row counts of what the run itself loaded and built are not counted again") {
  ProjectFixture p("monitoring", "it_monitoring_known_counts");
  write_tests(p, "          - row_count_change: {max_drop_pct: 50}\n          - volume_anomaly\n",
              "      - row_count_change: {max_drop_pct: 50}\n");
  build(p, 10, 0, 0);
  build(p, 12, 0, 0);
  CHECK(contains(message_of(p, "row_count_change_raw_items"), "rows 10 -> 12 (+20.0%) against run "));
  CHECK(contains(message_of(p, "row_count_change_items_copy"), "rows 10 -> 12 (+20.0%) against run "));
  // The statistics of the relations of the last build (PostgreSQL flushes a
  // backend's when it exits, a moment after mrun closed its connections):
  // items_copy's CTAS scanned raw.items once, and nothing scanned items_copy.
  auto seq_scans = [&](const std::string& table) {
    return std::stoll(p.query_value("select sum(seq_scan) from pg_stat_user_tables where relname = '" + table + "'"));
  };
  for (int i = 0; i < 50 && seq_scans("items") < 1; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::this_thread::sleep_for(std::chrono::seconds(1));
  CHECK(seq_scans("items") == 1);
  CHECK(seq_scans("items_copy") == 0);

  // `mrun test` alone built nothing: it counts, and finds the same.
  auto tested = p.mrun({"test"});
  INFO(output_of(tested));
  CHECK(tested.exit_code == 0);
  CHECK(contains(message_of(p, "row_count_change_items_copy"), "rows 12 -> 12 (+0.0%) against run "));
  for (int i = 0; i < 50 && seq_scans("items_copy") < 1; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  CHECK(seq_scans("items_copy") == 1);
}
