#include "graph/manifest.h"

#include <algorithm>

namespace mrun::graph {

const char* kind_name(NodeKind kind) {
  switch (kind) {
    case NodeKind::Model: return "model";
    case NodeKind::Seed: return "seed";
    case NodeKind::Test: return "test";
    case NodeKind::Source: return "source";
    case NodeKind::Snapshot: return "snapshot";
    case NodeKind::UnitTest: return "unit_test";
  }
  return "?";
}

bool is_refable(NodeKind kind) {
  return kind == NodeKind::Model || kind == NodeKind::Seed || kind == NodeKind::Snapshot;
}

std::string Node::materialized() const {
  switch (kind) {
    case NodeKind::Seed: return "seed";
    case NodeKind::Test: return "test";
    case NodeKind::Source: return "source";
    case NodeKind::Snapshot: return "snapshot";
    case NodeKind::UnitTest: return "unit";
    case NodeKind::Model: return config.get_string("materialized", "view");
  }
  return "";
}

void Manifest::reserve(size_t count) {
  nodes.reserve(count);
  by_id.reserve(count);
}

size_t Manifest::add(Node node) {
  nodes.push_back(std::move(node));
  try {
    add_placed(nodes.size() - 1);
  } catch (...) {
    nodes.pop_back();  // a node that is not added is not kept
    throw;
  }
  return nodes.size() - 1;
}

void Manifest::add_placed(size_t index) {
  const Node& node = nodes[index];
  auto [it, added] = by_id.emplace(node.unique_id, index);
  if (!added) {
    throw ConfigError(node.where, "duplicate " + std::string(kind_name(node.kind)) + " '" + node.name +
                                      "' (also defined at " + nodes[it->second].where.str() + ")");
  }
}

size_t Manifest::find(const std::string& unique_id) const {
  auto it = by_id.find(unique_id);
  return it == by_id.end() ? npos : it->second;
}

void Manifest::link() {
  parents.assign(nodes.size(), {});
  children.assign(nodes.size(), {});
  for (size_t i = 0; i < nodes.size(); ++i) {
    for (const auto& dep : nodes[i].depends_on) {
      size_t p = find(dep);
      if (p == npos) throw ConfigError(nodes[i].where, nodes[i].name + " depends on unknown node " + dep);
      if (std::find(parents[i].begin(), parents[i].end(), p) == parents[i].end()) {
        parents[i].push_back(p);
        children[p].push_back(i);
      }
    }
  }
}

}  // namespace mrun::graph
