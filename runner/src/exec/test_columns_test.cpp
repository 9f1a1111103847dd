#include <catch2/catch.hpp>

#include "exec/test_columns.h"

using mrun::exec::missing_column_message;
using mrun::exec::tested_column;
using mrun::graph::Node;
using mrun::graph::NodeKind;

namespace {

Node column_test(const std::string& column, bool quoted = false) {
  Node n;
  n.kind = NodeKind::Test;
  n.name = "not_null_orders_x";
  n.test.test_name = "not_null";
  n.test.column_name = column;
  n.test.quote_column = quoted;
  n.where = {"models/schema.yml", 3, 17};
  return n;
}

}  // namespace

TEST_CASE("test columns: a plain name is folded as PostgreSQL folds it, a quoted one kept") {
  CHECK(tested_column(column_test("Revenue")) == "revenue");
  CHECK(tested_column(column_test("_id$2")) == "_id$2");
  CHECK(tested_column(column_test("Revenue", true)) == "Revenue");
  CHECK(tested_column(column_test("lower(email)", true)) == "lower(email)");
}

TEST_CASE("test columns: expressions, values and names outside ASCII are never checked") {
  for (const char* column : {"lower(email)", "a + b", "\"Quoted\"", "1x", "current_date", "USER", "null", "été", ""})
    CHECK_FALSE(tested_column(column_test(column)));
  Node model_level = column_test("");
  CHECK_FALSE(tested_column(model_level));
  Node model = column_test("x");
  model.kind = NodeKind::Model;
  CHECK_FALSE(tested_column(model));
}

TEST_CASE("test columns: the message suggests the closest column, else lists them, with the line under a caret") {
  Node tested;
  tested.kind = NodeKind::Model;
  tested.name = "orders";
  std::string schema = "version: 2\nmodels:\n  - name: orders\n";
  CHECK(missing_column_message(column_test("revenu"), tested, "revenu", {"order_id", "revenue"}, "") ==
        "test not_null_orders_x: model 'orders' has no column 'revenu'; did you mean 'revenue'?");
  CHECK(missing_column_message(column_test("Zzz"), tested, "zzz", {"order_id", "revenue"}, schema) ==
        "test not_null_orders_x: model 'orders' has no column 'Zzz' (\"zzz\" to PostgreSQL); its columns: order_id, "
        "revenue\n"
        "    - name: orders\n"
        "                  ^");
}
