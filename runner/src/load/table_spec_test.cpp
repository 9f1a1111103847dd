#include "load/table_spec.h"

#include <catch2/catch.hpp>

#include "load_specs.h"

using namespace mrun::load;
using mrun::test::load_specs;

TEST_CASE("table specs: a table loads into its identifier, tables without meta.file are not loaded") {
  auto tables = load_specs(
      "sources:\n"
      "  - name: raw\n    schema: landing\n    tables:\n"
      "      - name: people\n        identifier: people_v2\n        meta: {file: people.csv, max_reject_ratio: 0.1}\n"
      "        columns: [{name: id, data_type: bigint}]\n"
      "      - name: notes\n"
      "      - name: pets\n        meta: {file: pets.csv}\n        columns: [{name: id}]\n");
  REQUIRE(tables.size() == 2);
  CHECK(tables[0].source == "raw");
  CHECK(tables[0].name == "people");
  CHECK(tables[0].schema == "landing");
  CHECK(tables[0].identifier == "people_v2");
  CHECK(tables[0].load.file == "people.csv");
  CHECK(tables[0].where.str() == "test.yml:5:9");
  CHECK(tables[1].name == "pets");
  CHECK(tables[1].identifier == "pets");
}

TEST_CASE("table specs: two tables loaded into one relation are an error naming both") {
  REQUIRE_THROWS_WITH(load_specs("sources:\n  - name: raw\n    tables:\n"
                                 "      - {name: a, identifier: t, meta: {file: a.csv}, columns: [{name: x}]}\n"
                                 "      - {name: t, meta: {file: t.csv}, columns: [{name: x}]}\n"),
                      "test.yml:5:9: table 'raw.t' is loaded twice (first at test.yml:4:9)");
}
