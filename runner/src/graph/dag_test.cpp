#include "graph/dag.h"

#include <catch2/catch.hpp>

#include "graph/test_manifest.h"

using namespace mrun::graph;
using mrun::graph::testing::model;

namespace {

std::vector<std::string> names(const Manifest& m, const std::vector<size_t>& indexes) {
  std::vector<std::string> out;
  for (size_t i : indexes) out.push_back(m.nodes[i].name);
  return out;
}

std::string id(const std::string& name) { return "model.movies." + name; }

}  // namespace

TEST_CASE("topological order puts parents first and breaks ties by unique_id") {
  Manifest m;
  // Added in an order that is neither alphabetical nor topological.
  m.add(model("d", "x", {id("b"), id("c")}));
  m.add(model("c", "x", {id("a")}));
  m.add(model("z_root", "x"));
  m.add(model("b", "x", {id("a")}));
  m.add(model("a", "x"));
  m.add(model("e", "x", {id("z_root")}));
  m.link();
  CHECK(names(m, topological_order(m)) == std::vector<std::string>{"a", "b", "c", "d", "z_root", "e"});

  Manifest reversed;
  for (size_t i = m.nodes.size(); i-- > 0;) reversed.add(m.nodes[i]);
  reversed.link();
  CHECK(names(reversed, topological_order(reversed)) == names(m, topological_order(m)));
}

TEST_CASE("a cycle is reported by node names, parent before child") {
  Manifest m;
  m.add(model("upstream", "x"));
  m.add(model("b", "x", {id("a")}));
  m.add(model("c", "x", {id("b")}));
  m.add(model("a", "x", {id("c"), id("upstream")}));
  m.add(model("downstream", "x", {id("a")}));
  m.link();
  auto cycle = find_cycle(m);
  CHECK(describe_cycle(m, cycle) == "a -> b -> c -> a");
  try {
    topological_order(m);
    FAIL("expected a ConfigError");
  } catch (const mrun::ConfigError& e) {
    CHECK(std::string(e.what()) == "models/x/a.sql:1:1: dependency cycle: a -> b -> c -> a");
  }
}

TEST_CASE("a node depending on itself is a cycle of one") {
  Manifest m;
  m.add(model("self", "x", {id("self")}));
  m.link();
  CHECK(describe_cycle(m, find_cycle(m)) == "self -> self");
  CHECK_THROWS_AS(topological_order(m), mrun::ConfigError);
}

TEST_CASE("an acyclic graph has no cycle") {
  Manifest m = testing::movies_manifest();
  CHECK(find_cycle(m).empty());
  auto order = topological_order(m);
  REQUIRE(order.size() == m.nodes.size());
  std::vector<size_t> position(m.nodes.size());
  for (size_t i = 0; i < order.size(); ++i) position[order[i]] = i;
  for (size_t child = 0; child < m.nodes.size(); ++child)
    for (size_t parent : m.parents[child]) CHECK(position[parent] < position[child]);
}

TEST_CASE("ancestors and descendants honour the depth limit") {
  Manifest m;
  m.add(model("a", "x"));
  m.add(model("b", "x", {id("a")}));
  m.add(model("c", "x", {id("b")}));
  m.add(model("d", "x", {id("c"), id("a")}));
  m.link();
  size_t d = m.find(id("d")), a = m.find(id("a"));
  CHECK(names(m, ancestors(m, d)) == std::vector<std::string>{"a", "b", "c"});
  // a is one step away through the direct edge, even though it is also three away.
  CHECK(names(m, ancestors(m, d, 1)) == std::vector<std::string>{"a", "c"});
  CHECK(names(m, ancestors(m, d, 0)).empty());
  CHECK(names(m, descendants(m, a, 1)) == std::vector<std::string>{"b", "d"});
  CHECK(names(m, descendants(m, a)) == std::vector<std::string>{"b", "c", "d"});
}

TEST_CASE("a 30,000-node chain is ordered and walked without recursion") {
  // The algorithms are iterative and O(N + E); a recursive walk would
  // overflow the stack here, a quadratic one would take minutes.
  Manifest m;
  const int n = 30000;
  for (int i = 0; i < n; ++i) {
    char name[16];
    std::snprintf(name, sizeof name, "m%05d", i);
    char prev[16];
    std::snprintf(prev, sizeof prev, "m%05d", i - 1);
    m.add(model(name, "chain", i == 0 ? std::vector<std::string>{} : std::vector<std::string>{id(prev)}));
  }
  m.link();
  auto order = topological_order(m);
  REQUIRE(order.size() == static_cast<size_t>(n));
  CHECK(m.nodes[order.front()].name == "m00000");
  CHECK(m.nodes[order.back()].name == "m29999");
  CHECK(ancestors(m, m.find(id("m29999"))).size() == static_cast<size_t>(n - 1));
  CHECK(descendants(m, m.find(id("m10000")), 5).size() == 5);
}
