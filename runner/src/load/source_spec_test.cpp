#include "load/source_spec.h"

#include <catch2/catch.hpp>

#include "test_database.h"
#include "util/strings.h"

using namespace mrun::load;

TEST_CASE("source specs: the project's models/sources.yml") {
  auto tables = read_source_specs_file(mrun::test::source_dir() + "/models/sources.yml");
  REQUIRE(tables.size() == 7);
  const TableSpec& movies = tables[0];
  CHECK(movies.schema == "raw");
  CHECK(movies.name == "movies_metadata");
  CHECK(movies.file == "movies_metadata.csv");
  REQUIRE(movies.max_reject_ratio);
  CHECK(*movies.max_reject_ratio == Approx(0.01));
  REQUIRE(movies.columns.size() == 24);
  CHECK(movies.columns[1].name == "belongs_to_collection");
  CHECK(movies.columns[1].transform == Transform::kPythonLiteral);
  CHECK(movies.columns[1].data_type == "jsonb");
  CHECK(movies.columns[5].name == "id");
  CHECK(movies.columns[5].check == Check::kPositiveInt);
  CHECK(movies.columns[5].required);
  CHECK(movies.columns[0].check == Check::kNone);
  CHECK(movies.columns[0].where.line > 1);
  CHECK(tables[5].name == "ratings");
  CHECK(tables[5].columns[2].data_type == "numeric(2,1)");
}

TEST_CASE("source specs: errors name file:line:col") {
  auto error_of = [](const std::string& yaml) {
    try {
      read_source_specs(YAML::Load(yaml), "s.yml");
    } catch (const mrun::ConfigError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  std::string head = "sources:\n  - name: raw\n    tables:\n      - name: t\n        meta: {file: t.csv}\n        columns:\n";
  CHECK(error_of(head + "          - {name: a, meta: {check: integer}}\n") ==
        "s.yml:7:37: unknown check 'integer' (int, positive_int, numeric, date, boolean)");
  CHECK(error_of(head + "          - {name: a, meta: {transform: eval}}\n") ==
        "s.yml:7:41: unknown transform 'eval' (python_literal)");
  CHECK(error_of(head + "          - {name: a}\n          - {name: a}\n") ==
        "s.yml:8:13: column 'a' is declared twice (first at s.yml:7:13)");
  CHECK(error_of(head + "          - {name: r, data_type: numeric(2,1)}\n") ==
        "s.yml:7:34: data_type 'numeric(2' has unbalanced parentheses (in a {flow: mapping} a comma ends the value: quote it)");
  CHECK(error_of(head + "          - {name: _line}\n") == "s.yml:7:13: column name '_line' is reserved for the loader");
  CHECK(error_of("sources:\n  - name: raw\n    tables:\n      - name: t\n        meta: {file: t.csv, max_reject_ratio: lots}\n") ==
        "s.yml:5:47: max_reject_ratio must be a number between 0 and 1");
  // Tables without meta.file are not the loader's business.
  CHECK(read_source_specs(YAML::Load("sources:\n  - name: raw\n    tables:\n      - name: t\n"), "s.yml").empty());
}

TEST_CASE("source specs: a YAML syntax error names its position") {
  std::string path = mrun::test::build_dir() + "/source_spec_bad.yml";
  mrun::write_file_atomic(path, "sources:\n  - name: raw\n    tables: [\n");
  try {
    read_source_specs_file(path);
    FAIL("no error");
  } catch (const mrun::ConfigError& e) {
    CHECK(std::string(e.what()).rfind(path + ":4:1: ", 0) == 0);
  }
}
