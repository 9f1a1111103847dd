#include "graph/path_heights.h"

#include <catch2/catch.hpp>

using mrun::graph::path_heights;

TEST_CASE("path_heights counts the nodes of the longest chain waiting on each node") {
  // 0 -> 1 -> 2 -> 3, 0 -> 4 (a test ending a branch), 5 alone, 6 -> 3.
  std::vector<std::vector<size_t>> children{{1, 4}, {2}, {3}, {}, {}, {}, {3}};
  CHECK(path_heights(children) == std::vector<size_t>{4, 3, 2, 1, 1, 1, 2});
  // Edges may point to earlier nodes (a test gating a model listed before it).
  std::vector<std::vector<size_t>> reversed{{}, {0}, {1}, {2, 6}, {6}, {}, {}};
  CHECK(path_heights(reversed) == std::vector<size_t>{1, 2, 3, 4, 2, 1, 1});
  CHECK(path_heights({}).empty());
}

TEST_CASE("path_heights ends at a cycle instead of looping") {
  std::vector<std::vector<size_t>> cycle{{1}, {2}, {0}, {0}};
  auto heights = path_heights(cycle);
  REQUIRE(heights.size() == 4);
  CHECK(heights[3] >= 2);
  CHECK(heights[0] >= 1);
}
