#include "exec/contract.h"

#include <catch2/catch.hpp>

#include "project/config_text.h"

using namespace mrun;
using namespace mrun::exec;

TEST_CASE("a contract's mismatches are listed as dbt lists them") {
  std::vector<QueryColumn> declared = {{"id", "text", "text"}, {"name", "text", "text"}};
  std::vector<QueryColumn> actual = {{"id", "integer", "integer"}, {"extra", "numeric", "numeric"}};
  auto rows = contract_mismatches(declared, actual);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0] == std::vector<std::string>{"id", "INTEGER", "TEXT", "data type mismatch"});
  CHECK(rows[1] == std::vector<std::string>{"extra", "NUMERIC", "", "missing in contract"});
  CHECK(rows[2] == std::vector<std::string>{"name", "", "TEXT", "missing in definition"});
  CHECK(contract_mismatches(declared, declared).empty());
}

TEST_CASE("a contracted table is created with typed columns and every constraint") {
  graph::Node node;
  node.name = "orders";
  node.columns = {{"id", "", "int", project::parse_config_text("[{type: not_null}, {type: primary_key}]", "t")},
                  {"amount", "", "numeric(10,2)", project::parse_config_text("[{type: check, expression: amount >= 0}]", "t")}};
  node.constraints = project::parse_config_text("[{type: unique, columns: [id, amount], name: one_each}]", "t");
  CHECK(contracted_create_table(node, parse::Relation{"s", "orders"}) ==
        "CREATE TABLE \"s\".\"orders\" (\n    \"id\" int NOT NULL PRIMARY KEY,\n"
        "    \"amount\" numeric(10,2) CHECK (amount >= 0),\n"
        "    CONSTRAINT \"one_each\" UNIQUE (\"id\", \"amount\")\n)");
  CHECK(contracted_insert(node, parse::Relation{"s", "orders"}, "select 1") ==
        "INSERT INTO \"s\".\"orders\" (\"id\", \"amount\")\nSELECT \"id\", \"amount\" FROM (\nselect 1\n) AS model_subq");
}
