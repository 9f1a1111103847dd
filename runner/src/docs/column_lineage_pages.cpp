// The column lineage view of each model, for the lineage page: its
// columns, the columns upstream of them with the relations they belong to
// and the edges between (docs/column_graph.h), and per column of the model
// the columns and edges upstream of it. column_lineage.js writes the
// picture's DOT from them, which viz.js lays out in the browser. The views
// go into scripts of SiteContext::kColumnViewsPerScript models
// (columns.<part>.js, as window.mrunColumnLineage[unique_id]), loaded by
// the lineage page of a model in that part: a hundred files for 10,000
// models rather than 10,000.
#include <nlohmann/json.hpp>

#include "artifacts/json_text.h"
#include "docs/column_graph.h"
#include "docs/html.h"
#include "docs/site_context.h"
#include "util/parallel.h"

namespace mrun::docs {

namespace {

// One model's view: its columns in order, the id of every column of the
// picture, the relations they belong to ([relation, title, unique_id, page,
// fill]), the edges (pairs of positions), and per column of the model the
// positions of the columns (itself first) and edges upstream of it.
nlohmann::ordered_json column_view(const graph::Manifest& manifest, const RelationIndex& relations,
                                   const ColumnGraph& graph, const std::vector<std::string>& order) {
  nlohmann::ordered_json ids = nlohmann::ordered_json::array();
  for (const GraphColumn& c : graph.columns) ids.push_back(c.id);
  nlohmann::ordered_json groups = nlohmann::ordered_json::array();
  for (const GraphRelation& r : column_graph_relations(manifest, relations, graph))
    groups.push_back({r.relation, r.title, r.unique_id, r.page, r.fill});
  nlohmann::ordered_json edges = nlohmann::ordered_json::array();
  for (const auto& [from, to] : graph.edges) edges.push_back({from, to});
  nlohmann::ordered_json columns = nlohmann::ordered_json::object();
  for (const auto& [name, upstream] : graph.upstream) {
    std::vector<size_t> upstream_columns = {upstream.column};
    upstream_columns.insert(upstream_columns.end(), upstream.columns.begin(), upstream.columns.end());
    columns[name] = {{"columns", upstream_columns}, {"edges", upstream.edges}};
  }
  return {{"order", order},
          {"ids", std::move(ids)},
          {"relations", std::move(groups)},
          {"edges", std::move(edges)},
          {"columns", std::move(columns)},
          {"left_out", graph.left_out}};
}

}  // namespace

std::vector<SiteFile> column_lineage_files(const SiteContext& site) {
  const std::vector<size_t>& models = site.column_models;
  RelationIndex relations = relation_index(site.manifest);
  std::vector<std::string> views(models.size());
  run_in_parallel(models.size(), [&](size_t k) {
    std::vector<std::string> order = site.column_names(models[k]);
    ColumnGraph graph = column_graph(site.manifest, relations, site.input.column_lineage, models[k], order);
    views[k] = artifacts::json_text(column_view(site.manifest, relations, graph, order));
  });
  std::vector<SiteFile> files = {{"column_lineage.js", column_lineage_js()}};
  for (size_t begin = 0; begin < models.size(); begin += SiteContext::kColumnViewsPerScript) {
    size_t end = std::min(models.size(), begin + SiteContext::kColumnViewsPerScript);
    std::string script = "window.mrunColumnLineage = {";
    for (size_t k = begin; k < end; ++k)
      script += (k == begin ? "\n" : ",\n") + artifacts::json_text(site.manifest.nodes[models[k]].unique_id) + ": " +
                views[k];
    files.push_back({site.column_lineage_script(models[begin]), script + "\n};\n"});
  }
  return files;
}

}  // namespace mrun::docs
