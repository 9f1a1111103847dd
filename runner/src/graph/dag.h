// Graph algorithms over a linked Manifest (its parents/children vectors):
// topological order, cycle reporting, and reachability (ancestors and
// descendants with an optional depth limit). Every walk is iterative and
// O(N + E), so a 30,000-node chain neither recurses nor goes quadratic.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "graph/manifest.h"

namespace mrun::graph {

/// Which edges a walk follows.
enum class Direction { Parents, Children };

/// Every node index, parents before children; among nodes that are ready at
/// the same time the smallest unique_id comes first, so the order does not
/// depend on insertion order. O(N log N + E). Throws ConfigError
/// "dependency cycle: a -> b -> c -> a" (node names, parent before child,
/// located at the first node of the cycle) when the graph has a cycle.
/// `manifest` must be linked (Manifest::link).
std::vector<size_t> topological_order(const Manifest& manifest);

/// One cycle as node indexes in dependency order (each node is a parent of
/// the next, the last a parent of the first), starting at the cycle's node
/// with the smallest unique_id; empty when the graph is acyclic. O(N + E).
std::vector<size_t> find_cycle(const Manifest& manifest);

/// "a -> b -> a" for a cycle as returned by find_cycle (node names).
std::string describe_cycle(const Manifest& manifest, const std::vector<size_t>& cycle);

/// Marks (1 in a vector sized like manifest.nodes) every node reachable from
/// `start` by following `direction` in at most `max_depth` steps (-1: no
/// limit). A start node is marked only when reachable from another start
/// node (or itself, in a cycle). When `walkable` is given, nodes with
/// walkable[i] == 0 are neither marked nor walked through. O(N + E).
std::vector<char> reachable(const Manifest& manifest, const std::vector<size_t>& start, Direction direction,
                            int max_depth = -1, const std::vector<char>* walkable = nullptr);

/// Ancestors of `node` (not the node itself), within `max_depth` (-1: all),
/// in ascending index order.
std::vector<size_t> ancestors(const Manifest& manifest, size_t node, int max_depth = -1);

/// Descendants of `node` (not the node itself), within `max_depth` (-1:
/// all), in ascending index order.
std::vector<size_t> descendants(const Manifest& manifest, size_t node, int max_depth = -1);

}  // namespace mrun::graph
