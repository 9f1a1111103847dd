#include "graph/test_gates.h"

#include <catch2/catch.hpp>
#include <random>
#include <set>

#include "graph/dag.h"
#include "graph/test_manifest.h"
#include "util/strings.h"

using namespace mrun::graph;
using mrun::graph::testing::model;
using mrun::graph::testing::test;

namespace {

std::string id(const std::string& name) { return "model.movies." + name; }

// A linked manifest of models and tests, each {name, "parent parent ..."};
// the tests (singular: the kind of test does not matter here) get
// `test_config`.
using Nodes = std::vector<std::pair<std::string, std::string>>;
Manifest manifest(const Nodes& models, const Nodes& tests, const std::string& test_config = "{}") {
  auto parents = [](const std::string& names) {
    std::vector<std::string> out;
    for (const auto& name : mrun::split(names, ' '))
      if (!name.empty()) out.push_back(id(name));
    return out;
  };
  Manifest m;
  for (const auto& [name, of] : models) m.add(model(name, "x", parents(of)));
  for (const auto& [name, of] : tests) {
    Node t = test(name, "", parents(of));
    t.config.merge_map(mrun::project::parse_config_text(test_config, "test"));
    m.add(t);
  }
  m.link();
  return m;
}

std::vector<size_t> everything(const Manifest& m) { return topological_order(m); }

/// "test -> node" for each edge, by names.
std::set<std::string> gates(const Manifest& m, const std::vector<size_t>& selected) {
  std::set<std::string> out;
  for (auto [t, node] : test_gate_edges(m, selected))
    out.insert(m.nodes[selected[t]].name + " -> " + m.nodes[selected[node]].name);
  return out;
}

/// The graph the scheduler runs: the manifest's edges among `selected` plus
/// the test edges, as children lists over positions.
std::vector<std::vector<size_t>> build_graph(const Manifest& m, const std::vector<size_t>& selected) {
  std::vector<size_t> position(m.nodes.size(), Manifest::npos);
  for (size_t i = 0; i < selected.size(); ++i) position[selected[i]] = i;
  std::vector<std::vector<size_t>> children(selected.size());
  for (size_t i = 0; i < selected.size(); ++i)
    for (size_t p : m.parents[selected[i]])
      if (position[p] != Manifest::npos) children[position[p]].push_back(i);
  for (auto [t, node] : test_gate_edges(m, selected)) children[t].push_back(node);
  return children;
}

bool reaches(const std::vector<std::vector<size_t>>& children, size_t from, size_t to) {
  std::vector<char> seen(children.size(), 0);
  std::vector<size_t> stack{from};
  while (!stack.empty()) {
    size_t u = stack.back();
    stack.pop_back();
    for (size_t c : children[u]) {
      if (c == to) return true;
      if (!seen[c]) {
        seen[c] = 1;
        stack.push_back(c);
      }
    }
  }
  return false;
}

bool acyclic(const std::vector<std::vector<size_t>>& children) {
  std::vector<size_t> waiting(children.size(), 0);
  for (const auto& cs : children)
    for (size_t c : cs) ++waiting[c];
  std::vector<size_t> ready;
  for (size_t i = 0; i < children.size(); ++i)
    if (waiting[i] == 0) ready.push_back(i);
  size_t ordered = 0;
  while (!ready.empty()) {
    size_t u = ready.back();
    ready.pop_back();
    ++ordered;
    for (size_t c : children[u])
      if (--waiting[c] == 0) ready.push_back(c);
  }
  return ordered == children.size();
}

}  // namespace

TEST_CASE("a test of one model holds back that model's children, not its other tests") {
  Manifest m =
      manifest({{"stg", ""}, {"dim", "stg"}, {"fct", "stg"}}, {{"unique_stg", "stg"}, {"not_null_stg", "stg"}});
  CHECK(gates(m, everything(m)) ==
        std::set<std::string>{"not_null_stg -> dim", "not_null_stg -> fct", "unique_stg -> dim", "unique_stg -> fct"});
}

TEST_CASE("a relationships test holds back the descendants of both models it tests, not the models") {
  // The case of the movies project: the test relates fct_rating to dim_movie.
  Manifest m = manifest({{"dim_movie", ""},
                         {"fct_rating", "dim_movie"},
                         {"mart_rating", "fct_rating"},
                         {"mart_movie", "dim_movie"},
                         {"report", "mart_rating mart_movie"}},
                        {{"relationships_fct_rating", "fct_rating dim_movie"}});
  // report waits behind both marts.
  CHECK(gates(m, everything(m)) ==
        std::set<std::string>{"relationships_fct_rating -> mart_movie", "relationships_fct_rating -> mart_rating"});
}

TEST_CASE("a node between the models a test relates is built before the test, and its children wait") {
  // dim -> mid -> fct; the test relates fct to dim: mid is an ancestor of
  // the test (fct needs it), so only what hangs below waits.
  Manifest m = manifest(
      {{"dim", ""}, {"mid", "dim"}, {"fct", "mid"}, {"mid_child", "mid"}, {"dim_child", "dim"}},
      {{"assert_fct_matches_dim", "fct dim"}});
  CHECK(gates(m, everything(m)) ==
        std::set<std::string>{"assert_fct_matches_dim -> dim_child", "assert_fct_matches_dim -> mid_child"});
  CHECK(acyclic(build_graph(m, everything(m))));
}

TEST_CASE("warn-severity tests hold back nothing") {
  Manifest m = manifest({{"dim", ""}, {"fct", "dim"}, {"mart", "fct"}},
                        {{"relationships_fct_dim", "fct dim"}, {"unique_dim", "dim"}}, "{severity: WARN}");
  CHECK(gates(m, everything(m)).empty());
}

TEST_CASE("tests relate only selected nodes: unselected parents and children are left out") {
  Manifest m = manifest({{"dim", ""}, {"fct", "dim"}, {"mart_fct", "fct"}, {"mart_dim", "dim"}},
                        {{"relationships_fct_dim", "fct dim"}});
  // `-s fct+`: dim and its other children are not part of the run.
  std::vector<size_t> selected{m.find(id("fct")), m.find(id("mart_fct")), m.find("test.movies.relationships_fct_dim")};
  CHECK(gates(m, selected) == std::set<std::string>{"relationships_fct_dim -> mart_fct"});
}

TEST_CASE("two children each tested against their parent are built one after the other") {
  // By model ancestry each child would wait for the other's test: a cycle.
  Manifest m = manifest({{"dim", ""}, {"fct_a", "dim"}, {"fct_b", "dim"}, {"mart_a", "fct_a"}},
                        {{"relationships_a", "fct_a dim"}, {"relationships_b", "fct_b dim"}});
  auto selected = everything(m);
  CHECK(acyclic(build_graph(m, selected)));
  CHECK(gates(m, selected) ==
        std::set<std::string>{"relationships_a -> fct_b", "relationships_a -> mart_a", "relationships_b -> mart_a"});
}

TEST_CASE("two tests that would hold back each other's ancestors make no cycle") {
  // p1 -> d -> p2 and q2 -> e -> q1; t1 tests (p1, q1), t2 tests (p2, q2).
  // By model ancestry alone t1 would hold back d and t2 would hold back e:
  // t1 -> d -> p2 -> t2 -> e -> q1 -> t1. t1, visited first, holds back d;
  // then e is an ancestor of t2 (e -> q1 -> t1 -> d -> p2 -> t2), so t2
  // leaves it alone.
  Manifest m = manifest({{"p1", ""}, {"d", "p1"}, {"p2", "d"}, {"q2", ""}, {"e", "q2"}, {"q1", "e"}},
                        {{"t1", "p1 q1"}, {"t2", "p2 q2"}});
  auto selected = everything(m);
  CHECK(acyclic(build_graph(m, selected)));
  CHECK(gates(m, selected) == std::set<std::string>{"t1 -> d"});
}

TEST_CASE("random graphs: no cycle, and every descendant of a tested model waits for the test or comes before it") {
  std::mt19937 rng(7);
  for (int round = 0; round < 300; ++round) {
    Manifest m;
    const int models = 3 + static_cast<int>(rng() % 14);
    for (int i = 0; i < models; ++i) {
      std::vector<std::string> deps;
      for (int j = 0; j < i; ++j)
        if (rng() % 4 == 0) deps.push_back(id("m" + std::to_string(j)));
      m.add(model("m" + std::to_string(i), "x", deps));
    }
    const int tests = 1 + static_cast<int>(rng() % 6);
    for (int k = 0; k < tests; ++k) {
      std::set<std::string> deps;
      for (int parents = 1 + static_cast<int>(rng() % 3); parents > 0; --parents)
        deps.insert(id("m" + std::to_string(rng() % static_cast<unsigned>(models))));
      m.add(test("t" + std::to_string(k), "", {deps.begin(), deps.end()}));
    }
    m.link();
    auto selected = everything(m);
    auto graph = build_graph(m, selected);
    INFO("round " << round);
    REQUIRE(acyclic(graph));
    for (size_t t = 0; t < selected.size(); ++t) {
      if (m.nodes[selected[t]].kind != NodeKind::Test) continue;
      for (size_t p : m.parents[selected[t]]) {
        for (size_t d : descendants(m, p)) {
          if (m.nodes[d].kind == NodeKind::Test) continue;
          size_t node = static_cast<size_t>(std::find(selected.begin(), selected.end(), d) - selected.begin());
          INFO(m.nodes[selected[t]].name << " tests " << m.nodes[p].name << ", descendant " << m.nodes[d].name);
          CHECK((reaches(graph, t, node) || reaches(graph, node, t)));
        }
      }
    }
  }
}
