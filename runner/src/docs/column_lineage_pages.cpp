// The column lineage of each model, for the lineage page: its columns,
// and per column the columns and edges of the picture upstream of it and
// the names to list (docs/column_graph.h), with the picture as DOT, which
// viz.js lays out in the browser. One script per model,
// columns.<unique_id>.js, loaded by the lineage page when it shows that
// model; column_lineage.js does the drawing and the highlighting.
#include <nlohmann/json.hpp>

#include "artifacts/json_text.h"
#include "docs/column_graph.h"
#include "docs/html.h"
#include "docs/site_context.h"
#include "util/parallel.h"

namespace mrun::docs {

namespace {

bool has_column_lineage(const SiteContext& site, size_t index) {
  const graph::Node& n = site.manifest.nodes[index];
  return n.kind == graph::NodeKind::Model && site.has_page(index) && site.input.column_lineage.count(n.unique_id) > 0;
}

// window.mrunColumnLineage: the model's columns in order, the id of every
// column of the picture, its DOT, and per column of the model the
// positions of the columns (itself first) and edges upstream of it.
std::string column_lineage_script(const ColumnGraph& graph, const std::vector<std::string>& order,
                                  const std::string& dot) {
  nlohmann::ordered_json ids = nlohmann::ordered_json::array();
  for (const GraphColumn& c : graph.columns) ids.push_back(c.id);
  nlohmann::ordered_json columns = nlohmann::ordered_json::object();
  for (const auto& [name, upstream] : graph.upstream) {
    std::vector<size_t> upstream_columns = {upstream.column};
    upstream_columns.insert(upstream_columns.end(), upstream.columns.begin(), upstream.columns.end());
    columns[name] = {{"columns", upstream_columns}, {"edges", upstream.edges}};
  }
  nlohmann::ordered_json data = {{"order", order},
                                 {"ids", std::move(ids)},
                                 {"dot", dot},
                                 {"columns", std::move(columns)},
                                 {"left_out", graph.left_out}};
  return "window.mrunColumnLineage = " + artifacts::json_text(data) + ";\n";
}

}  // namespace

std::vector<SiteFile> column_lineage_files(const SiteContext& site) {
  std::vector<size_t> models;
  for (size_t i = 0; i < site.manifest.nodes.size(); ++i)
    if (has_column_lineage(site, i)) models.push_back(i);
  RelationIndex relations = relation_index(site.manifest);
  std::vector<SiteFile> files(models.size() + 1);
  files[0] = {"column_lineage.js", column_lineage_js()};
  run_in_parallel(models.size(), [&](size_t k) {
    std::vector<std::string> order = site.column_names(models[k]);
    ColumnGraph graph = column_graph(site.manifest, relations, site.input.column_lineage, models[k], order);
    files[k + 1] = {column_lineage_data(site.manifest.nodes[models[k]].unique_id),
                    column_lineage_script(graph, order, column_graph_dot(site.manifest, relations, graph))};
  });
  return files;
}

}  // namespace mrun::docs
