#include "docs/lineage_graph.h"

#include <unordered_map>
#include <unordered_set>

#include "docs/dot_text.h"
#include "docs/html.h"

namespace mrun::docs {

bool in_lineage(const graph::Node& node) {
  return node.enabled() && node.kind != graph::NodeKind::Test && node.kind != graph::NodeKind::UnitTest;
}

namespace {

// Walks `next` (parents or children) breadth first from `focus` up to
// `depth` steps; adds what it finds to `view` while there is room.
void walk(const graph::Manifest& manifest, const std::vector<std::vector<size_t>>& next, size_t focus, int depth,
          size_t max_nodes, std::unordered_set<size_t>& seen, LineageView& view) {
  std::vector<size_t> frontier = {focus};
  std::unordered_set<size_t> visited = {focus};
  for (int step = 0; step < depth && !frontier.empty(); ++step) {
    std::vector<size_t> following;
    for (size_t i : frontier) {
      for (size_t j : next[i]) {
        if (!in_lineage(manifest.nodes[j]) || !visited.insert(j).second) continue;
        following.push_back(j);
        if (seen.count(j)) continue;
        if (view.nodes.size() < max_nodes) {
          seen.insert(j);
          view.nodes.push_back(j);
        } else {
          ++view.left_out;
        }
      }
    }
    frontier = std::move(following);
  }
}

}  // namespace

LineageView lineage_view(const graph::Manifest& manifest, size_t focus, int upstream, int downstream,
                         size_t max_nodes) {
  LineageView view;
  view.focus = focus;
  view.upstream = upstream;
  view.downstream = downstream;
  view.nodes.push_back(focus);
  std::unordered_set<size_t> seen = {focus};
  walk(manifest, manifest.parents, focus, upstream, max_nodes, seen, view);
  walk(manifest, manifest.children, focus, downstream, max_nodes, seen, view);
  for (size_t child : view.nodes)
    for (size_t parent : manifest.parents[child])
      if (seen.count(parent)) view.edges.emplace_back(parent, child);
  return view;
}

std::string lineage_dot(const graph::Manifest& manifest, const LineageView& view) {
  std::unordered_map<size_t, size_t> id;
  std::string out =
      "digraph lineage {\n  rankdir=LR; bgcolor=\"transparent\";\n"
      "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=11, color=\"#6b7a90\"];\n"
      "  edge [color=\"#8a96a8\", arrowsize=0.7];\n";
  for (size_t k = 0; k < view.nodes.size(); ++k) {
    size_t i = view.nodes[k];
    id[i] = k;
    const graph::Node& n = manifest.nodes[i];
    std::string label = n.kind == graph::NodeKind::Source ? n.source_name + "." + n.name : n.name;
    std::string url = lineage_page(n.unique_id, view.upstream, view.downstream);
    out += "  n" + std::to_string(k) + " [label=" + dot_quoted(label) + ", URL=" + dot_quoted(url) +
           ", tooltip=" + dot_quoted(n.unique_id) + ", id=" + dot_quoted("node-" + n.unique_id) +
           ", fillcolor=\"" + lineage_fill(n) + "\"" + (i == view.focus ? ", penwidth=2.5, color=\"#1f3b63\"" : "") +
           "];\n";
  }
  for (const auto& [parent, child] : view.edges)
    out += "  n" + std::to_string(id[parent]) + " -> n" + std::to_string(id[child]) + ";\n";
  return out + "}\n";
}

}  // namespace mrun::docs
