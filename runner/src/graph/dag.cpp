#include "graph/dag.h"

#include <algorithm>
#include <functional>
#include <numeric>
#include <queue>

namespace mrun::graph {

namespace {

// Nodes that Kahn's algorithm cannot order (1 = on or behind a cycle).
std::vector<char> unorderable(const Manifest& m) {
  const size_t n = m.nodes.size();
  std::vector<size_t> waiting(n);
  std::vector<size_t> ready;
  for (size_t i = 0; i < n; ++i) {
    waiting[i] = m.parents[i].size();
    if (waiting[i] == 0) ready.push_back(i);
  }
  std::vector<char> left(n, 1);
  while (!ready.empty()) {
    size_t u = ready.back();
    ready.pop_back();
    left[u] = 0;
    for (size_t c : m.children[u])
      if (--waiting[c] == 0) ready.push_back(c);
  }
  return left;
}

bool id_less(const Manifest& m, size_t a, size_t b) { return m.nodes[a].unique_id < m.nodes[b].unique_id; }

}  // namespace

std::vector<size_t> find_cycle(const Manifest& m) {
  std::vector<char> left = unorderable(m);
  size_t start = Manifest::npos;
  for (size_t i = 0; i < left.size(); ++i)
    if (left[i] && (start == Manifest::npos || id_less(m, i, start))) start = i;
  if (start == Manifest::npos) return {};

  // Every node left over has a parent that is left over too, so walking up
  // through left-over parents must revisit a node: that closes the cycle.
  std::vector<size_t> position(m.nodes.size(), Manifest::npos);
  std::vector<size_t> walk;
  size_t u = start;
  while (position[u] == Manifest::npos) {
    position[u] = walk.size();
    walk.push_back(u);
    size_t next = Manifest::npos;
    for (size_t p : m.parents[u])
      if (left[p] && (next == Manifest::npos || id_less(m, p, next))) next = p;
    u = next;
  }
  std::vector<size_t> cycle(walk.begin() + static_cast<std::ptrdiff_t>(position[u]), walk.end());
  std::reverse(cycle.begin(), cycle.end());  // the walk went child -> parent
  auto first = std::min_element(cycle.begin(), cycle.end(), [&](size_t a, size_t b) { return id_less(m, a, b); });
  std::rotate(cycle.begin(), first, cycle.end());
  return cycle;
}

std::string describe_cycle(const Manifest& m, const std::vector<size_t>& cycle) {
  std::string out;
  for (size_t i : cycle) out += m.nodes[i].name + " -> ";
  if (!cycle.empty()) out += m.nodes[cycle.front()].name;
  return out;
}

std::vector<size_t> topological_order(const Manifest& m) {
  const size_t n = m.nodes.size();
  // Rank by unique_id once, so the heap compares integers, not strings.
  std::vector<size_t> by_id(n);
  std::iota(by_id.begin(), by_id.end(), size_t{0});
  std::sort(by_id.begin(), by_id.end(), [&](size_t a, size_t b) { return id_less(m, a, b); });
  std::vector<size_t> rank(n);
  for (size_t r = 0; r < n; ++r) rank[by_id[r]] = r;

  std::vector<size_t> waiting(n);
  std::priority_queue<size_t, std::vector<size_t>, std::greater<>> ready;  // ranks
  for (size_t i = 0; i < n; ++i) {
    waiting[i] = m.parents[i].size();
    if (waiting[i] == 0) ready.push(rank[i]);
  }
  std::vector<size_t> order;
  order.reserve(n);
  while (!ready.empty()) {
    size_t u = by_id[ready.top()];
    ready.pop();
    order.push_back(u);
    for (size_t c : m.children[u])
      if (--waiting[c] == 0) ready.push(rank[c]);
  }
  if (order.size() < n) {
    std::vector<size_t> cycle = find_cycle(m);
    std::string message = "dependency cycle: " + describe_cycle(m, cycle);
    const SourceLocation& where = m.nodes[cycle.front()].where;
    if (where.file.empty()) throw ConfigError(message);
    throw ConfigError(where, message);
  }
  return order;
}

std::vector<char> reachable(const Manifest& m, const std::vector<size_t>& start, Direction direction, int max_depth,
                            const std::vector<char>* walkable) {
  const auto& edges = direction == Direction::Parents ? m.parents : m.children;
  std::vector<char> marked(m.nodes.size(), 0);
  std::vector<int> depth(m.nodes.size(), -1);
  std::vector<size_t> queue;  // breadth first, so depth[] is the shortest distance
  queue.reserve(start.size());
  for (size_t s : start) {
    if (depth[s] < 0) {
      depth[s] = 0;
      queue.push_back(s);
    }
  }
  for (size_t head = 0; head < queue.size(); ++head) {
    size_t u = queue[head];
    if (max_depth >= 0 && depth[u] >= max_depth) continue;
    for (size_t v : edges[u]) {
      if (walkable && !(*walkable)[v]) continue;
      marked[v] = 1;
      if (depth[v] < 0) {
        depth[v] = depth[u] + 1;
        queue.push_back(v);
      }
    }
  }
  return marked;
}

namespace {
std::vector<size_t> marked_indexes(const std::vector<char>& marked, size_t except) {
  std::vector<size_t> out;
  for (size_t i = 0; i < marked.size(); ++i)
    if (marked[i] && i != except) out.push_back(i);
  return out;
}
}  // namespace

std::vector<size_t> ancestors(const Manifest& m, size_t node, int max_depth) {
  return marked_indexes(reachable(m, {node}, Direction::Parents, max_depth), node);
}

std::vector<size_t> descendants(const Manifest& m, size_t node, int max_depth) {
  return marked_indexes(reachable(m, {node}, Direction::Children, max_depth), node);
}

}  // namespace mrun::graph
