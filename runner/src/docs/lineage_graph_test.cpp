#include "docs/lineage_graph.h"

#include <algorithm>
#include <catch2/catch.hpp>

#include "graph/test_manifest.h"

using namespace mrun;
using namespace mrun::docs;

TEST_CASE("the lineage graph holds models, seeds and sources with their parents, and no tests") {
  graph::Manifest m = graph::testing::movies_manifest();
  LineageGraph g = lineage_graph(m);
  REQUIRE(g.parents.size() == g.nodes.size());
  auto position = [&](const std::string& unique_id) {
    for (size_t k = 0; k < g.nodes.size(); ++k)
      if (m.nodes[g.nodes[k]].unique_id == unique_id) return k;
    return graph::Manifest::npos;
  };
  for (size_t i : g.nodes) {
    CHECK(m.nodes[i].kind != graph::NodeKind::Test);
    CHECK(m.nodes[i].enabled());
  }
  CHECK(position("model.movies.old_mart") == graph::Manifest::npos);  // disabled
  size_t dim_genre = position("model.movies.dim_genre");
  REQUIRE(dim_genre != graph::Manifest::npos);
  std::vector<size_t> expected = {position("model.movies.stg_genres"), position("seed.movies.genre_map")};
  std::vector<size_t> parents = g.parents[dim_genre];
  std::sort(parents.begin(), parents.end());
  std::sort(expected.begin(), expected.end());
  CHECK(parents == expected);
  CHECK(g.parents[position("source.movies.raw.movies_metadata")].empty());
}
