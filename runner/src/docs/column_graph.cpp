#include "docs/column_graph.h"

#include <algorithm>
#include <deque>
#include <set>
#include <unordered_map>

#include "docs/dot_text.h"
#include "docs/html.h"
#include "docs/lineage_graph.h"

namespace mrun::docs {

namespace {

std::string relation_of(const graph::Node& n) { return n.database_schema + "." + n.relation_name; }

class GraphBuilder {
 public:
  GraphBuilder(const graph::Manifest& manifest, const RelationIndex& relations,
               const std::map<std::string, std::map<std::string, ColumnOrigin>>& lineage, size_t max_columns)
      : manifest_(manifest), lineage_(lineage), by_relation_(relations), max_(max_columns) {}

  ColumnGraph build(size_t focus, const std::vector<std::string>& focus_columns) {
    const graph::Node& n = manifest_.nodes[focus];
    std::vector<size_t> roots;
    for (const auto& column : focus_columns) {
      size_t k = add({relation_of(n) + "." + column, relation_of(n), column, false});
      roots.push_back(k);
      pending_.push_back({n.unique_id, column, k});
    }
    while (!pending_.empty()) {
      Step step = pending_.front();
      pending_.pop_front();
      follow(step);
    }
    for (size_t k = 0; k < roots.size(); ++k) graph_.upstream[focus_columns[k]] = upstream_of(roots[k]);
    return std::move(graph_);
  }

 private:
  struct Step {
    std::string model;   // unique_id of the model that computes the column
    std::string column;
    size_t index;        // the column in graph_.columns
  };

  size_t add(GraphColumn column) {
    auto [it, inserted] = index_.emplace(column.id, graph_.columns.size());
    if (inserted) graph_.columns.push_back(std::move(column));
    return it->second;
  }

  void edge(size_t from, size_t to) {
    if (edge_set_.insert({from, to}).second) graph_.edges.emplace_back(from, to);
  }

  // The origins of one model column: its sources, each followed further
  // when a model of the project builds it.
  void follow(const Step& step) {
    const ColumnOrigin* origin = nullptr;
    if (auto model = lineage_.find(step.model); model != lineage_.end())
      if (auto column = model->second.find(step.column); column != model->second.end()) origin = &column->second;
    if (!origin || !origin->known) {
      size_t unknown = add({"unknown:" + graph_.columns[step.index].id, "", "unknown", true});
      edge(unknown, step.index);
      return;
    }
    for (const auto& source : origin->sources) {
      bool seen = index_.count(source) > 0;
      if (!seen && graph_.columns.size() >= max_) {
        ++graph_.left_out;
        continue;
      }
      size_t dot = source.rfind('.');
      size_t k = add({source, source.substr(0, dot), source.substr(dot + 1), false});
      edge(k, step.index);
      if (seen) continue;
      auto node = by_relation_.find(graph_.columns[k].relation);
      if (node != by_relation_.end() && manifest_.nodes[node->second].kind == graph::NodeKind::Model)
        pending_.push_back({manifest_.nodes[node->second].unique_id, graph_.columns[k].name, k});
    }
  }

  // The columns and edges upstream of column `start`.
  ColumnUpstream upstream_of(size_t start) {
    std::vector<std::vector<size_t>> into(graph_.columns.size());  // column -> edges into it
    for (size_t e = 0; e < graph_.edges.size(); ++e) into[graph_.edges[e].second].push_back(e);
    std::set<size_t> columns, edges;
    std::vector<size_t> stack = {start};
    while (!stack.empty()) {
      size_t c = stack.back();
      stack.pop_back();
      for (size_t e : into[c]) {
        edges.insert(e);
        size_t from = graph_.edges[e].first;
        if (from != start && columns.insert(from).second) stack.push_back(from);
      }
    }
    // Columns are numbered in the order they were found, breadth first: nearest first.
    return {start, {columns.begin(), columns.end()}, {edges.begin(), edges.end()}};
  }

  const graph::Manifest& manifest_;
  const std::map<std::string, std::map<std::string, ColumnOrigin>>& lineage_;
  const RelationIndex& by_relation_;
  size_t max_;
  ColumnGraph graph_;
  std::unordered_map<std::string, size_t> index_;
  std::set<std::pair<size_t, size_t>> edge_set_;
  std::deque<Step> pending_;
};

}  // namespace

RelationIndex relation_index(const graph::Manifest& manifest) {
  RelationIndex out;
  for (size_t i = 0; i < manifest.nodes.size(); ++i)
    if (in_lineage(manifest.nodes[i]) && !manifest.nodes[i].relation_name.empty())
      out.emplace(relation_of(manifest.nodes[i]), i);
  return out;
}

ColumnGraph column_graph(const graph::Manifest& manifest, const RelationIndex& relations,
                         const std::map<std::string, std::map<std::string, ColumnOrigin>>& lineage, size_t focus,
                         const std::vector<std::string>& focus_columns, size_t max_columns) {
  return GraphBuilder(manifest, relations, lineage, max_columns).build(focus, focus_columns);
}

std::vector<GraphRelation> column_graph_relations(const graph::Manifest& manifest, const RelationIndex& by_relation,
                                                  const ColumnGraph& graph) {
  std::vector<GraphRelation> out;
  std::set<std::string> seen;
  for (const GraphColumn& c : graph.columns) {
    if (c.unknown || !seen.insert(c.relation).second) continue;
    GraphRelation r{c.relation, c.relation, "", "", "#eeeeee"};
    if (auto node = by_relation.find(c.relation); node != by_relation.end()) {
      const graph::Node& n = manifest.nodes[node->second];
      r.title = n.kind == graph::NodeKind::Source ? n.source_name + "." + n.name : n.name;
      r.unique_id = n.unique_id;
      r.page = node_page(n.unique_id);
      r.fill = lineage_fill(n);
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace mrun::docs
