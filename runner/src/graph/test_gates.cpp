#include "graph/test_gates.h"

#include <unordered_map>

#include "util/strings.h"

namespace mrun::graph {

bool holds_back_descendants(const Node& test) {
  return test.kind == NodeKind::Test && to_lower(test.config.get_string("severity", "error")) != "warn";
}

std::vector<std::pair<size_t, size_t>> test_gate_edges(const Manifest& m, const std::vector<size_t>& selected) {
  const size_t n = selected.size();
  std::unordered_map<size_t, size_t> position;
  for (size_t i = 0; i < n; ++i) position[selected[i]] = i;
  // The graph of the selected nodes. parents grows with the test edges, so
  // that ancestors are those of the graph being built; children keeps the
  // model edges only (tests have no children there).
  std::vector<std::vector<size_t>> parents(n), children(n);
  for (size_t i = 0; i < n; ++i) {
    for (size_t p : m.parents[selected[i]]) {
      auto it = position.find(p);
      if (it == position.end()) continue;
      parents[i].push_back(it->second);
      children[it->second].push_back(i);
    }
  }
  // Unit tests are never held back: they read only their given rows, and
  // their model waits for them (exec/scheduler.cpp), which a hold through a
  // test of the model's parents would turn into a cycle.
  auto is_test = [&](size_t i) {
    NodeKind kind = m.nodes[selected[i]].kind;
    return kind == NodeKind::Test || kind == NodeKind::UnitTest;
  };

  std::vector<std::pair<size_t, size_t>> edges;
  auto hold = [&](size_t test, size_t node) {
    edges.emplace_back(test, node);
    parents[node].push_back(test);
  };
  // Marks stamped with the test's position, so no pass clears them.
  constexpr size_t none = static_cast<size_t>(-1);
  std::vector<size_t> ancestor_of(n, none), walked_by(n, none);
  std::vector<size_t> stack;
  for (size_t t = 0; t < n; ++t) {
    if (!holds_back_descendants(m.nodes[selected[t]]) || parents[t].empty()) continue;
    if (parents[t].size() == 1) {
      // The parent's children are all outside its ancestors (the graph has
      // no cycle), and hold back every further descendant.
      for (size_t c : children[parents[t][0]])
        if (!is_test(c)) hold(t, c);
      continue;
    }
    // Ancestors of the test: its parents and everything above them.
    stack.assign(parents[t].begin(), parents[t].end());
    for (size_t p : parents[t]) ancestor_of[p] = t;
    while (!stack.empty()) {
      size_t u = stack.back();
      stack.pop_back();
      for (size_t p : parents[u]) {
        if (ancestor_of[p] == t) continue;
        ancestor_of[p] = t;
        stack.push_back(p);
      }
    }
    // Down from the parents through ancestors: the first node on each path
    // that is not an ancestor waits, and its descendants wait behind it.
    stack.assign(parents[t].begin(), parents[t].end());
    while (!stack.empty()) {
      size_t u = stack.back();
      stack.pop_back();
      for (size_t c : children[u]) {
        if (is_test(c) || walked_by[c] == t) continue;
        walked_by[c] = t;
        if (ancestor_of[c] == t) {
          stack.push_back(c);
        } else {
          hold(t, c);
        }
      }
    }
  }
  return edges;
}

}  // namespace mrun::graph
