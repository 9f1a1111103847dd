// The column view of the lineage pages: below a model's node graph, a
// choice of its columns and the picture of its column lineage
// (docs/column_graph.h, laid out by Graphviz at generate time). Choosing a
// column highlights the columns and edges upstream of it and lists them,
// "unknown" included where the database could not tell. A model's picture
// and data are one script, columns.<unique_id>.js, shared by its lineage
// pages of every depth and loaded by a <script> tag (no fetch(), so
// file:// works); column_lineage.js does the highlighting.
#include <nlohmann/json.hpp>

#include "artifacts/json_text.h"
#include "docs/column_graph.h"
#include "docs/graphviz.h"
#include "docs/html.h"
#include "docs/site_context.h"
#include "util/parallel.h"

namespace mrun::docs {

namespace {

bool has_column_lineage(const SiteContext& site, size_t index) {
  const graph::Node& n = site.manifest.nodes[index];
  return n.kind == graph::NodeKind::Model && site.has_page(index) && site.input.column_lineage.count(n.unique_id) > 0;
}

// window.mrunColumnLineage: the picture and, per column of the focus, the
// SVG ids to highlight and the upstream columns to list.
std::string column_lineage_script(const ColumnGraph& graph, const std::string& svg) {
  nlohmann::ordered_json columns = nlohmann::ordered_json::object();
  for (const auto& [name, upstream] : graph.upstream) {
    nlohmann::ordered_json ids = {"col-" + graph.columns[upstream.column].id};
    nlohmann::ordered_json edges = nlohmann::ordered_json::array(), from = nlohmann::ordered_json::array();
    for (size_t k : upstream.columns) {
      const GraphColumn& c = graph.columns[k];
      ids.push_back("col-" + c.id);
      from.push_back(c.unknown ? "unknown: the database could not tell what " + c.id.substr(c.id.find(':') + 1) +
                                     " is computed from"
                               : c.id);
    }
    for (size_t e : upstream.edges) edges.push_back("coledge-" + std::to_string(e));
    columns[name] = {{"ids", std::move(ids)}, {"edges", std::move(edges)}, {"from", std::move(from)}};
  }
  nlohmann::ordered_json data = {{"svg", svg}, {"columns", std::move(columns)}, {"left_out", graph.left_out}};
  return "window.mrunColumnLineage = " + artifacts::json_text(data) + ";\n";
}

}  // namespace

std::string column_lineage_section(const SiteContext& site, size_t index) {
  const graph::Node& n = site.manifest.nodes[index];
  if (n.kind != graph::NodeKind::Model) return "";
  std::string out = "<section id=\"column-lineage\"><h2>Column lineage</h2>";
  if (!has_column_lineage(site, index))
    return out + "<p class=\"unknown\">Unknown: the database could not analyze this model's SQL (is it built, and "
                 "are its parents?).</p></section>";
  out += "<p><label>Column <select id=\"column-select\"><option value=\"\">choose a column</option>";
  for (const auto& name : site.column_names(index))
    out += "<option value=\"" + escape_html(name) + "\">" + escape_html(name) + "</option>";
  out += "</select></label> <span class=\"muted\">or click a column of " + escape_html(n.name) +
         " in the picture: what it is computed from is highlighted.</span></p>"
         "<ol id=\"column-sources\" class=\"column-sources\"></ol>"
         "<div id=\"column-graph\" class=\"column-graph\"></div>"
         "<script src=\"" + escape_html(column_lineage_data(n.unique_id)) + "\"></script>"
         "<script src=\"column_lineage.js\"></script></section>";
  return out;
}

std::vector<SiteFile> column_lineage_files(const SiteContext& site) {
  std::vector<size_t> models;
  for (size_t i = 0; i < site.manifest.nodes.size(); ++i)
    if (has_column_lineage(site, i)) models.push_back(i);
  std::vector<ColumnGraph> graphs(models.size());
  std::vector<std::string> dots(models.size());
  RelationIndex relations = relation_index(site.manifest);
  run_in_parallel(models.size(), [&](size_t k) {
    graphs[k] = column_graph(site.manifest, relations, site.input.column_lineage, models[k],
                             site.column_names(models[k]));
    dots[k] = column_graph_dot(site.manifest, relations, graphs[k]);
  });
  std::vector<std::string> svgs = graphviz_available() ? render_svgs(dots) : std::vector<std::string>(dots.size());
  std::vector<SiteFile> files(models.size() + 1);
  files[0] = {"column_lineage.js", column_lineage_js()};
  run_in_parallel(models.size(), [&](size_t k) {
    files[k + 1] = {column_lineage_data(site.manifest.nodes[models[k]].unique_id),
                    column_lineage_script(graphs[k], svgs[k])};
  });
  return files;
}

}  // namespace mrun::docs
