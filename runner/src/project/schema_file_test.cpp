#include "project/schema_file.h"

#include <catch2/catch.hpp>
#include <filesystem>

#include "util/strings.h"

using namespace mrun;
using namespace mrun::project;

namespace {
std::string write_temp(const std::string& name, const std::string& text) {
  auto path = (std::filesystem::temp_directory_path() / ("mrun_schema_test_" + name + ".yml")).string();
  write_file_atomic(path, text);
  return path;
}
}  // namespace

TEST_CASE("models, columns and every test form are parsed") {
  auto path = write_temp("ok",
                         "version: 2\n"
                         "models:\n"
                         "  - name: dim_genre\n"
                         "    description: Genres\n"
                         "    config: {materialized: table}\n"
                         "    columns:\n"
                         "      - name: genre_id\n"
                         "        tests: [unique, not_null]\n"
                         "      - name: kind\n"
                         "        data_tests:\n"
                         "          - accepted_values:\n"
                         "              values: [a, b]\n"
                         "              config: {severity: warn}\n"
                         "          - relationships: {to: \"ref('x')\", field: id}\n"
                         "    tests:\n"
                         "      - row_count: {min: 1}\n");
  std::vector<std::string> warnings;
  auto f = load_schema_file(path, "models/schema.yml", warnings);
  REQUIRE(f.models.size() == 1);
  const auto& m = f.models[0];
  CHECK(m.config.get_string("materialized") == "table");
  REQUIRE(m.columns.size() == 2);
  CHECK(m.columns[0].tests.size() == 2);
  CHECK(m.columns[0].tests[1].test_name == "not_null");
  const auto& av = m.columns[1].tests[0];
  CHECK(av.test_name == "accepted_values");
  CHECK(av.config.get_string("severity") == "warn");
  CHECK(av.arguments["values"].items().size() == 2);
  CHECK(m.columns[1].tests[1].arguments["to"].text() == "ref('x')");
  REQUIRE(m.tests.size() == 1);
  CHECK(m.tests[0].where.str() == "models/schema.yml:16:9");
  CHECK(warnings.empty());
}

TEST_CASE("sources keep their meta and schema") {
  auto path = write_temp("src",
                         "version: 2\nsources:\n  - name: raw\n    tables:\n      - name: links\n"
                         "        meta: {file: links.csv}\n        columns: [{name: movieId}]\n");
  std::vector<std::string> warnings;
  auto f = load_schema_file(path, "s.yml", warnings);
  REQUIRE(f.sources.size() == 1);
  CHECK(f.sources[0].schema == "raw");
  CHECK(f.sources[0].tables[0].identifier == "links");
  CHECK(f.sources[0].tables[0].meta["file"].text() == "links.csv");
  REQUIRE(f.sources[0].tables[0].load);  // the loader's settings, parsed here once (source_load.h)
  CHECK(f.sources[0].tables[0].load->file == "links.csv");
}

TEST_CASE("wrong shapes are errors at their place") {
  auto path = write_temp("bad", "version: 2\nmodels:\n  - name: m\n    columns: {a: 1}\n");
  std::vector<std::string> warnings;
  CHECK_THROWS_WITH(load_schema_file(path, "bad.yml", warnings), Catch::Contains("bad.yml:4:14: columns must be a list"));
}

TEST_CASE("a duplicated key or a config of the wrong type in schema.yml is an error at its place") {
  std::vector<std::string> warnings;
  // The second data_tests silently dropped the tests of the first.
  auto dup = write_temp("dup", "version: 2\nmodels:\n  - name: m\n    columns:\n      - name: id\n"
                               "        data_tests: [unique, not_null]\n        data_tests: [positive]\n");
  CHECK_THROWS_WITH(load_schema_file(dup, "models/schema.yml", warnings),
                    Catch::Contains(":7:9: duplicate key 'data_tests' (first at line 6, column 9)"));
  auto config = write_temp("config", "version: 2\nmodels:\n  - name: m\n    config: {materialized: [table]}\n");
  CHECK_THROWS_WITH(load_schema_file(config, "models/schema.yml", warnings),
                    Catch::Contains("models/schema.yml:4:28: 'materialized' must be a single value, not a list"));
  auto test = write_temp("testcfg", "version: 2\nmodels:\n  - name: m\n    columns:\n      - name: id\n"
                                    "        tests:\n          - unique: {store_failures: sometimes}\n");
  CHECK_THROWS_WITH(load_schema_file(test, "models/schema.yml", warnings),
                    Catch::Contains("models/schema.yml:7:38: 'store_failures' must be true or false, not 'sometimes'"));
}
