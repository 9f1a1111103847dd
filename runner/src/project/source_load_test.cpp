#include "project/source_load.h"

#include <catch2/catch.hpp>

#include "project/schema_file.h"
#include "test_database.h"

using namespace mrun;
using namespace mrun::project;

namespace {

// The source tables of schema-file text, as the project parser reads them.
std::vector<SourceTableSpec> tables_of(const std::string& yaml) {
  std::vector<std::string> warnings;
  SchemaFile file = parse_schema_text(yaml, "s.yml", warnings);
  REQUIRE(file.sources.size() == 1);
  return file.sources[0].tables;
}

std::string error_of(const std::string& yaml) {
  try {
    tables_of(yaml);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("source load specs: the project's models/sources.yml") {
  std::vector<std::string> warnings;
  SchemaFile file = load_schema_file(test::source_dir() + "/models/sources.yml", "models/sources.yml", warnings);
  REQUIRE(file.sources.size() == 1);
  const auto& tables = file.sources[0].tables;
  REQUIRE(tables.size() == 7);
  REQUIRE(tables[0].load);
  const LoadSpec& movies = *tables[0].load;
  CHECK(tables[0].name == "movies_metadata");
  CHECK(movies.file == "movies_metadata.csv");
  REQUIRE(movies.max_reject_ratio);
  CHECK(*movies.max_reject_ratio == Approx(0.01));
  REQUIRE(movies.columns.size() == 24);
  CHECK(movies.columns[1].name == "belongs_to_collection");
  CHECK(movies.columns[1].transform == Transform::PythonLiteral);
  CHECK(movies.columns[1].data_type == "jsonb");
  CHECK(movies.columns[5].name == "id");
  CHECK(movies.columns[5].check == Check::PositiveInt);
  CHECK(movies.columns[5].required);
  CHECK(movies.columns[0].check == Check::None);
  CHECK(movies.columns[0].where.str().rfind("models/sources.yml:", 0) == 0);
  CHECK(movies.columns[0].where.line > 1);
  CHECK(tables[5].name == "ratings");
  REQUIRE(tables[5].load);
  CHECK(tables[5].load->columns[2].data_type == "numeric(2,1)");
}

TEST_CASE("source load specs: only tables whose meta names a file, data_type text by default") {
  auto tables = tables_of("sources:\n  - name: raw\n    tables:\n      - name: t\n        identifier: t_raw\n"
                          "        meta: {file: t.csv}\n        columns: [{name: a}]\n      - name: u\n");
  REQUIRE(tables.size() == 2);
  REQUIRE(tables[0].load);
  CHECK(tables[0].identifier == "t_raw");
  CHECK(tables[0].load->file == "t.csv");
  CHECK_FALSE(tables[0].load->max_reject_ratio);
  CHECK_FALSE(tables[0].load->min_rows);
  REQUIRE(tables[0].load->columns.size() == 1);
  CHECK(tables[0].load->columns[0].data_type == "text");
  CHECK_FALSE(tables[1].load);  // not the loader's business
}

TEST_CASE("source load specs: min_rows") {
  auto tables = tables_of("sources:\n  - name: raw\n    tables:\n      - name: t\n"
                          "        meta: {file: t.csv, min_rows: 1000}\n        columns: [{name: a}]\n");
  REQUIRE(tables[0].load->min_rows);
  CHECK(*tables[0].load->min_rows == 1000);
}

TEST_CASE("source load specs: errors name file:line:col") {
  std::string table = "sources:\n  - name: raw\n    tables:\n      - name: t\n        meta: {file: t.csv";
  std::string head = table + "}\n        columns:\n";
  CHECK(error_of(head + "          - {name: a, meta: {check: integer}}\n") ==
        "s.yml:7:37: unknown check 'integer' (int, positive_int, numeric, date, boolean)");
  CHECK(error_of(head + "          - {name: a, meta: {transform: eval}}\n") ==
        "s.yml:7:41: unknown transform 'eval' (python_literal)");
  CHECK(error_of(head + "          - {name: a, meta: {required: maybe}}\n") ==
        "s.yml:7:40: required must be true or false");
  CHECK(error_of(head + "          - {name: a, meta: [check]}\n") == "s.yml:7:29: meta must be a mapping");
  CHECK(error_of(head + "          - {name: a}\n          - {name: a}\n") ==
        "s.yml:8:13: column 'a' is declared twice (first at s.yml:7:13)");
  CHECK(error_of(head + "          - {name: r, data_type: numeric(2,1)}\n") ==
        "s.yml:7:34: data_type 'numeric(2' has unbalanced parentheses (in a {flow: mapping} a comma ends the value: "
        "quote it)");
  CHECK(error_of(head + "          - {name: _line}\n") == "s.yml:7:13: column name '_line' is reserved for the loader");
  CHECK(error_of(table + ", max_reject_ratio: lots}\n") ==
        "s.yml:5:47: max_reject_ratio must be a number between 0 and 1");
  for (const char* bad : {"0", "-5", "1.5", "many", "[1]"})
    CHECK(error_of(table + ", min_rows: " + bad + "}\n") == "s.yml:5:39: min_rows must be a whole number of at least 1");
  CHECK(error_of(table + "}\n") ==
        "s.yml:4:9: table 't' has meta.file but no columns to load");
}
