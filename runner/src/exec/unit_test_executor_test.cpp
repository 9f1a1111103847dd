#include "exec/unit_test_executor.h"

#include <catch2/catch.hpp>

using namespace mrun::exec;

TEST_CASE("a unit test's rows are compared as multisets") {
  long long differing = 0;
  std::vector<TextRow> expected = {{"a", "1"}, {"a", "1"}, {"b", std::nullopt}};
  std::vector<TextRow> actual = {{"b", std::nullopt}, {"a", "1"}, {"a", "1"}};
  CHECK(rows_difference({"k", "v"}, expected, actual, differing).empty());
  CHECK(differing == 0);
  actual.pop_back();
  actual.push_back({"c", "2"});
  CHECK(rows_difference({"k", "v"}, expected, actual, differing) ==
        "@@  | k | v\n--- | a | 1\n+++ | c | 2\n");
  CHECK(differing == 2);
}
