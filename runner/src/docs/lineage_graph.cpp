#include "docs/lineage_graph.h"

namespace mrun::docs {

bool in_lineage(const graph::Node& node) {
  return node.enabled() && node.kind != graph::NodeKind::Test && node.kind != graph::NodeKind::UnitTest;
}

LineageGraph lineage_graph(const graph::Manifest& manifest) {
  LineageGraph g;
  std::vector<size_t> position(manifest.nodes.size(), graph::Manifest::npos);
  for (size_t i = 0; i < manifest.nodes.size(); ++i)
    if (in_lineage(manifest.nodes[i])) {
      position[i] = g.nodes.size();
      g.nodes.push_back(i);
    }
  g.parents.resize(g.nodes.size());
  for (size_t k = 0; k < g.nodes.size(); ++k)
    for (size_t parent : manifest.parents[g.nodes[k]])
      if (position[parent] != graph::Manifest::npos) g.parents[k].push_back(position[parent]);
  return g;
}

}  // namespace mrun::docs
