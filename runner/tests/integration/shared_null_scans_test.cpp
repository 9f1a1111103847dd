// not_null tests of one relation share one scan (exec/shared_null_scans.h),
// through the binary on runner/tests/projects/monitoring (raw.items loaded
// from data/items.csv, the table items_copy over it).
#include <catch2/catch.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "cli_runner.h"
#include "util/strings.h"

using mrun::test::contains;
using mrun::test::output_of;
using mrun::test::ProjectFixture;

namespace {

// The result of test test.monitoring.<name> (a hash may follow) in the last run.
nlohmann::json result_of(const ProjectFixture& p, const std::string& name) {
  auto results = nlohmann::json::parse(mrun::read_file(p.dir() + "/target/run_results.json"));
  const std::string id = "test.monitoring." + name;
  for (const auto& r : results["results"]) {
    const std::string unique_id = r["unique_id"].get<std::string>();
    if (unique_id == id || unique_id.rfind(id + ".", 0) == 0) return r;  // not_null_x_name is not not_null_x_name_int
  }
  FAIL("no result for test " << name);
  return {};
}

// Sequential scans of table `name` so far, once the backends of the last
// run have flushed their statistics (when they exit, a moment after mrun).
long long seq_scans_after_run(const ProjectFixture& p, const std::string& name, long long at_least) {
  auto scans = [&] {
    return std::stoll(p.query_value("select coalesce(sum(seq_scan), 0) from pg_stat_user_tables where relname = '" +
                                    name + "'"));
  };
  for (int i = 0; i < 50 && scans() < at_least; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::this_thread::sleep_for(std::chrono::seconds(1));
  return scans();
}

void write_project(const ProjectFixture& p, const std::string& column_tests) {
  p.write("data/items.csv", "id,name\n1,a\n2,\n3,c\n4,\n");
  p.write("models/sources.yml",
          "version: 2\nsources:\n  - name: raw\n    tables:\n      - name: items\n        meta: {file: items.csv}\n"
          "        columns:\n          - {name: id, data_type: bigint}\n          - {name: name, data_type: text}\n");
  p.write("models/schema.yml", "version: 2\nmodels:\n  - name: items_copy\n    columns:\n" + column_tests);
}

}  // namespace

TEST_CASE("not_null tests of one table count their nulls in one scan, each with its own verdict") {
  ProjectFixture p("monitoring", "it_shared_null_scans");
  write_project(p,
                "      - name: id\n        data_tests: [not_null]\n"
                "      - name: name\n        data_tests:\n          - not_null: {config: {severity: warn}}\n"
                "      - name: lower(name)\n        data_tests:\n"
                "          - not_null: {config: {severity: error, error_if: '>= 3'}}\n");
  auto built = p.mrun({"build"});
  INFO(output_of(built));
  REQUIRE(built.exit_code == 0);
  CHECK(result_of(p, "not_null_items_copy_id")["status"] == "pass");
  CHECK(result_of(p, "not_null_items_copy_id")["failures"] == 0);
  CHECK(result_of(p, "not_null_items_copy_name")["status"] == "warn");
  CHECK(result_of(p, "not_null_items_copy_name")["failures"] == 2);
  CHECK(result_of(p, "not_null_items_copy_lower_name_")["status"] == "warn");  // below error_if, above warn_if
  CHECK(result_of(p, "not_null_items_copy_lower_name_")["failures"] == 2);
  CHECK(seq_scans_after_run(p, "items_copy", 1) == 1);

  // A test whose query fails at run time (an expression the preflight of
  // exec/test_columns.h leaves alone: 'a'::int does not cast): it reports its
  // own error, the others still count (each with its own query now).
  write_project(p,
                "      - name: id\n        data_tests: [not_null]\n"
                "      - name: name::int\n        data_tests: [not_null]\n"
                "      - name: name\n        data_tests:\n          - not_null: {config: {severity: warn}}\n");
  auto broken = p.mrun({"build", "--no-skip", "--publish", "per_node"});
  INFO(output_of(broken));
  CHECK(broken.exit_code == 1);
  CHECK(result_of(p, "not_null_items_copy_name_int")["status"] == "error");
  CHECK(contains(result_of(p, "not_null_items_copy_name_int")["message"].get<std::string>(),
                 "invalid input syntax for type integer"));
  CHECK(result_of(p, "not_null_items_copy_id")["status"] == "pass");
  CHECK(result_of(p, "not_null_items_copy_name")["failures"] == 2);
}
