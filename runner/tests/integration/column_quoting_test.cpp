// Generic tests on columns whose names need quoting (a '"' inside, mixed
// case): `quote: true` quotes them as dbt does, and a name that would break
// the test's SQL is refused before anything runs.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "cli_runner.h"
#include "util/strings.h"

using mrun::test::ProjectFixture;

namespace {

const char* kModels =
    "select * from (values (1, 'x'), (2, 'y'), (2, 'x'), (null, 'q')) as t(\"a\"\"b\", \"MixedCase\")";

// The status and failures of the one test whose unique_id starts with `prefix`.
std::string outcome(const nlohmann::json& results, const std::string& prefix) {
  std::string found;
  for (const auto& r : results["results"]) {
    std::string id = r["unique_id"];
    if (id.rfind("test.jaffle_shop." + prefix, 0) != 0) continue;
    if (!found.empty()) return "more than one test starts with " + prefix;
    found = r["status"].get<std::string>() + " " + r["failures"].dump();
  }
  return found.empty() ? "no test " + prefix : found;
}

}  // namespace

TEST_CASE("generic tests quote a column with quote: true, whatever its name holds") {
  ProjectFixture p("jaffle", "it_column_quoting");
  p.write("models/odd/odd_names.sql", kModels);
  p.write("models/odd/odd_parent.sql", "select * from (values (1), (2)) as t(id)");
  p.write("models/odd/schema.yml",
          "version: 2\nmodels:\n  - name: odd_names\n    columns:\n"
          "      - name: 'a\"b'\n        quote: true\n        data_tests:\n          - not_null\n          - unique\n"
          "          - accepted_values: {values: [1, 2], quote: false}\n"
          "          - relationships: {to: \"ref('odd_parent')\", field: id}\n"
          "      - name: MixedCase\n        quote: true\n        data_tests:\n          - not_null\n"
          "          - accepted_values: {values: [x, y]}\n");
  auto r = p.mrun({"build", "-s", "odd_parent odd_names"});
  INFO(r.output);
  CHECK(r.exit_code == 1);  // the failing tests below
  auto results = nlohmann::json::parse(mrun::read_file(p.dir() + "/target/run_results.json"));
  // Each test ran its SQL and counted the rows the data holds, none errored.
  CHECK(outcome(results, "not_null_odd_names_a_b") == "fail 1");
  CHECK(outcome(results, "unique_odd_names_a_b") == "fail 1");
  CHECK(outcome(results, "accepted_values_odd_names_a_b") == "pass 0");
  CHECK(outcome(results, "relationships_odd_names_a_b") == "pass 0");
  CHECK(outcome(results, "not_null_odd_names_MixedCase") == "pass 0");
  CHECK(outcome(results, "accepted_values_odd_names_MixedCase") == "fail 1");
  std::string compiled = mrun::read_file(p.dir() + "/target/compiled/jaffle_shop/models/odd/schema.yml/not_null_odd_names_a_b.sql");
  CHECK(compiled.find("where \"a\"\"b\" is null") != std::string::npos);
}

TEST_CASE("an unquoted column name that would break its tests' SQL is a configuration error") {
  ProjectFixture p("jaffle", "it_column_unquoted");
  p.write("models/odd/odd_names.sql", kModels);
  p.write("models/odd/schema.yml",
          "version: 2\nmodels:\n  - name: odd_names\n    columns:\n      - name: 'a\"b'\n        data_tests:\n"
          "          - not_null\n");
  auto r = p.mrun({"build", "-s", "odd_names"});
  INFO(r.output);
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("models/odd/schema.yml:7:13: column 'a\"b' leaves a \" open") != std::string::npos);
  CHECK(r.output.find("quote: true") != std::string::npos);
}
