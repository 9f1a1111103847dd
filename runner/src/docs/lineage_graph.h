// The lineage graph as the docs site ships it to the browser: the models,
// seeds and sources (tests and disabled nodes left out) and, for each, its
// parents among them. lineage.js (docs/lineage_script.cpp) takes the view
// of one node from it (a number of steps upstream and downstream, nearest
// first, bounded so a node with thousands of neighbours in a 10,000-model
// project still gives a readable picture), writes it as DOT and has
// Graphviz lay it out in the browser.
#pragma once

#include <cstddef>
#include <vector>

#include "graph/manifest.h"

namespace mrun::docs {

/// The depths a lineage page offers, upstream and downstream (1..kMaxLineageDepth).
inline constexpr int kMaxLineageDepth = 3;
/// The most nodes one lineage picture shows; the rest is counted.
inline constexpr int kMaxLineageNodes = 150;

/// Whether `node` has a place in lineage (enabled model, seed or source).
bool in_lineage(const graph::Node& node);

struct LineageGraph {
  std::vector<size_t> nodes;                 ///< manifest indexes, in manifest order
  std::vector<std::vector<size_t>> parents;  ///< for each of nodes: its parents, as positions in nodes
};

/// The nodes of `manifest` that have a place in lineage, and their parents.
LineageGraph lineage_graph(const graph::Manifest& manifest);

}  // namespace mrun::docs
