#include "docs/lineage_graph.h"

#include <algorithm>
#include <catch2/catch.hpp>

#include "graph/test_manifest.h"

using namespace mrun;
using namespace mrun::docs;

namespace {

std::vector<std::string> names(const graph::Manifest& m, const LineageView& v) {
  std::vector<std::string> out;
  for (size_t i : v.nodes) out.push_back(m.nodes[i].name);
  return out;
}

bool has(const std::vector<std::string>& list, const std::string& name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

}  // namespace

TEST_CASE("a lineage view holds the nodes within its depths, the focus first, and no tests") {
  graph::Manifest m = graph::testing::movies_manifest();
  size_t focus = m.find("model.movies.dim_genre");
  REQUIRE(focus != graph::Manifest::npos);

  LineageView one = lineage_view(m, focus, 1, 1);
  auto near = names(m, one);
  CHECK(near.front() == "dim_genre");
  for (size_t p : m.parents[focus])
    if (m.nodes[p].kind != graph::NodeKind::Test) CHECK(has(near, m.nodes[p].name));
  for (size_t i : one.nodes) CHECK(m.nodes[i].kind != graph::NodeKind::Test);
  CHECK(one.left_out == 0);

  LineageView three = lineage_view(m, focus, 3, 3);
  CHECK(three.nodes.size() >= one.nodes.size());
  for (const auto& [parent, child] : three.edges) {
    CHECK(std::find(m.parents[child].begin(), m.parents[child].end(), parent) != m.parents[child].end());
  }
}

TEST_CASE("a lineage view is bounded and counts what it leaves out") {
  graph::Manifest m;
  m.add(graph::testing::model("hub", "core"));
  for (int k = 0; k < 30; ++k) m.add(graph::testing::model("leaf" + std::to_string(k), "marts", {"model.movies.hub"}));
  m.link();
  LineageView v = lineage_view(m, m.find("model.movies.hub"), 1, 1, 10);
  CHECK(v.nodes.size() == 10);
  CHECK(v.left_out == 21);
  CHECK(v.edges.size() == 9);
}

TEST_CASE("the DOT of a lineage view links each node to its lineage page at the same depths") {
  graph::Manifest m;
  m.add(graph::testing::source("raw", "movies"));
  m.add(graph::testing::model("stg \"quoted\"", "staging", {"source.movies.raw.movies"}));
  m.link();
  std::string dot = lineage_dot(m, lineage_view(m, m.find("source.movies.raw.movies"), 2, 1));
  CHECK(dot.find("URL=\"lineage.source.movies.raw.movies.u2d1.html\"") != std::string::npos);
  CHECK(dot.find("label=\"raw.movies\"") != std::string::npos);
  CHECK(dot.find("label=\"stg \\\"quoted\\\"\"") != std::string::npos);
  CHECK(dot.find("URL=\"lineage.model.movies.stg~20~22quoted~22.u2d1.html\"") != std::string::npos);
  CHECK(dot.find("n0 -> n1;") != std::string::npos);
}
