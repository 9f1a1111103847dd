// index.html: the project at a glance. Sources, then the models layer by
// layer (the first folder under the model paths: staging, core, marts...,
// ordered by how deep in the DAG their models sit on average, so raw ->
// staging -> core -> marts reads top to bottom), folder by folder within a
// layer; seeds; and test coverage.
#include <algorithm>
#include <map>

#include "docs/html.h"
#include "docs/markdown.h"
#include "docs/site_context.h"
#include "graph/dag.h"

namespace mrun::docs {

namespace {

// The folders of a model between the project and its name ("marts/finance").
std::string folder_of(const graph::Node& n) {
  std::string folder;
  for (size_t k = 1; k + 1 < n.fqn.size(); ++k) folder += (folder.empty() ? "" : "/") + n.fqn[k];
  return folder;
}

std::string layer_of(const graph::Node& n) { return n.fqn.size() > 2 ? n.fqn[1] : "(top level)"; }

std::string first_line(const std::string& text, size_t max_chars = 160) {
  std::string line = text.substr(0, text.find('\n'));
  return line.size() > max_chars ? line.substr(0, max_chars) + "…" : line;
}

// Longest path from a root to each node (sources and seeds are 0).
std::vector<int> dag_depths(const graph::Manifest& m) {
  std::vector<int> depth(m.nodes.size(), 0);
  for (size_t i : graph::topological_order(m))
    for (size_t p : m.parents[i]) depth[i] = std::max(depth[i], depth[p] + 1);
  return depth;
}

std::string percent(size_t part, size_t whole) {
  return whole == 0 ? "–" : std::to_string(part * 100 / whole) + "%";
}

}  // namespace

std::string overview_page(const SiteContext& site) {
  const graph::Manifest& m = site.manifest;
  std::vector<int> depth = dag_depths(m);
  std::map<std::string, std::vector<size_t>> models_by_layer;
  std::map<std::string, std::vector<size_t>> sources_by_name;
  std::vector<size_t> seeds;
  size_t models = 0, tested_models = 0, tests = 0, columns = 0, tested_columns = 0;
  for (size_t i = 0; i < m.nodes.size(); ++i) {
    const graph::Node& n = m.nodes[i];
    if (!n.enabled()) continue;
    if (n.kind == graph::NodeKind::Test || n.kind == graph::NodeKind::UnitTest) {
      ++tests;
      continue;
    }
    if (n.kind == graph::NodeKind::Source) sources_by_name[n.source_name].push_back(i);
    if (n.kind == graph::NodeKind::Seed) seeds.push_back(i);
    if (n.kind != graph::NodeKind::Model) continue;
    ++models;
    models_by_layer[layer_of(n)].push_back(i);
    if (!site.tests_of[i].empty()) ++tested_models;
    for (const auto& c : n.columns) {
      ++columns;
      bool tested = std::any_of(site.tests_of[i].begin(), site.tests_of[i].end(),
                                [&](size_t t) { return m.nodes[t].test.column_name == c.name; });
      if (tested) ++tested_columns;
    }
  }

  size_t sources = 0;
  for (const auto& [name, tables] : sources_by_name) sources += tables.size();

  std::string body = "<h1>" + escape_html(site.input.project_name) + "</h1>\n<p class=\"counts\">" +
                     std::to_string(models) + " models · " + std::to_string(sources) + " source tables · " +
                     std::to_string(seeds.size()) + " seeds · " + std::to_string(tests) + " tests</p>\n";
  body += "<section id=\"coverage\"><h2>Test coverage</h2><table><tr><th></th><th>tested</th><th>of</th><th></th></tr>"
          "<tr><td>models with a test</td><td>" + std::to_string(tested_models) + "</td><td>" + std::to_string(models) +
          "</td><td>" + percent(tested_models, models) + "</td></tr><tr><td>documented columns with a test</td><td>" +
          std::to_string(tested_columns) + "</td><td>" + std::to_string(columns) + "</td><td>" +
          percent(tested_columns, columns) + "</td></tr></table></section>\n";

  auto node_row = [&](size_t i) {
    const graph::Node& n = m.nodes[i];
    auto last = site.input.history.last_results.find(n.unique_id);
    return "<tr><td>" + site.link(i) + "</td><td>" + escape_html(n.materialized()) + "</td><td>" +
           std::to_string(site.tests_of[i].size()) + "</td><td>" +
           SiteContext::status_badge(last == site.input.history.last_results.end() ? "" : last->second.status) +
           "</td><td>" + escape_html(first_line(markdown_text(n.description))) + "</td></tr>\n";
  };
  const std::string table_head =
      "<table class=\"nodes\"><tr><th>name</th><th>materialized</th><th>tests</th><th>last run</th>"
      "<th>description</th></tr>\n";

  body += "<section id=\"sources\"><h2>Sources</h2>";
  if (sources_by_name.empty()) body += "<p>No sources.</p>";
  for (const auto& [name, tables] : sources_by_name) {
    body += "<h3>" + escape_html(name) + "</h3><ul class=\"sources\">";
    for (size_t i : tables)
      body += "<li>" + site.link(i) + " <span class=\"muted\">" + escape_html(first_line(markdown_text(m.nodes[i].description))) +
              "</span></li>";
    body += "</ul>\n";
  }
  body += "</section>\n";

  std::vector<std::pair<double, std::string>> layers;
  for (const auto& [layer, nodes] : models_by_layer) {
    double total = 0;
    for (size_t i : nodes) total += depth[i];
    layers.emplace_back(total / static_cast<double>(nodes.size()), layer);
  }
  std::sort(layers.begin(), layers.end());
  body += "<section id=\"models\"><h2>Models by layer</h2>";
  for (const auto& [mean_depth, layer] : layers) {
    body += "<h3 class=\"layer\">" + escape_html(layer) + "</h3>";
    std::map<std::string, std::vector<size_t>> by_folder;
    for (size_t i : models_by_layer[layer]) by_folder[folder_of(m.nodes[i])].push_back(i);
    for (auto& [folder, nodes] : by_folder) {
      std::sort(nodes.begin(), nodes.end(), [&](size_t a, size_t b) { return m.nodes[a].name < m.nodes[b].name; });
      body += "<h4 class=\"folder\">models/" + escape_html(folder) + "</h4>" + table_head;
      for (size_t i : nodes) body += node_row(i);
      body += "</table>\n";
    }
  }
  body += "</section>\n";
  if (!seeds.empty()) {
    body += "<section id=\"seeds\"><h2>Seeds</h2>" + table_head;
    for (size_t i : seeds) body += node_row(i);
    body += "</table></section>\n";
  }
  return html_page(site.input.project_name, "Overview", body, site.input.generated_at);
}

}  // namespace mrun::docs
