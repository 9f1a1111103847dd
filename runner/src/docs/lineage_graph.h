// The lineage view of one node: the models, seeds and sources within a
// number of steps upstream and downstream of it (tests left out), as a
// Graphviz DOT graph whose nodes link to their own lineage pages, so a
// click moves the focus. The view is bounded (max_nodes), so a node with
// thousands of neighbours in a 10,000-model project still gives a readable
// picture; what it leaves out is counted.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "graph/manifest.h"

namespace mrun::docs {

/// The depths a lineage page offers, upstream and downstream (1..kMaxLineageDepth).
inline constexpr int kMaxLineageDepth = 3;

/// What one lineage picture shows.
struct LineageView {
  size_t focus = 0;
  int upstream = 1;
  int downstream = 1;
  std::vector<size_t> nodes;                        ///< manifest indexes, the focus first
  std::vector<std::pair<size_t, size_t>> edges;     ///< parent -> child, both in nodes
  size_t left_out = 0;  ///< nodes within the depths that max_nodes left out
};

/// The nodes within `upstream` steps of parents and `downstream` steps of
/// children of `focus`, nearest first, at most `max_nodes`. Tests and
/// disabled nodes are not part of lineage.
LineageView lineage_view(const graph::Manifest& manifest, size_t focus, int upstream, int downstream,
                         size_t max_nodes = 150);

/// Whether `node` has a place in lineage (enabled model, seed or source).
bool in_lineage(const graph::Node& node);

/// `view` as a DOT digraph, left to right; each node links to its lineage
/// page at the same depths (docs/html.h lineage_page), the focus is bold.
std::string lineage_dot(const graph::Manifest& manifest, const LineageView& view);

}  // namespace mrun::docs
