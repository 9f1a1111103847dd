// The lineage view of the site, drawn in the browser: one page,
// lineage.html?id=<unique_id>&u=<upstream>&d=<downstream>, whose script
// (lineage.js, docs/lineage_script.cpp) takes the view of that node from
// the lineage graph (lineage_data.js), writes it as DOT and has Graphviz,
// compiled to WebAssembly (viz.js, bundled into mrun at build time:
// docs/viz_asset.h), lay it out. So generate writes a few files whatever
// the size of the project, not a picture per node and depth, and the site
// still needs no network: every script is loaded by a <script> tag from
// the site's folder, which works from file:// as from a web server.
#include <nlohmann/json.hpp>

#include "artifacts/json_text.h"
#include "docs/dot_text.h"
#include "docs/html.h"
#include "docs/lineage_graph.h"
#include "docs/site_context.h"
#include "docs/viz_asset.h"

namespace mrun::docs {

namespace {

// window.mrunLineage: each node as [unique_id, label, kind, page, fill,
// column lineage script ("" for a model the database could not analyze,
// null for a seed or source)], and its parents as positions.
std::string lineage_data_js(const SiteContext& site) {
  LineageGraph g = lineage_graph(site.manifest);
  nlohmann::ordered_json nodes = nlohmann::ordered_json::array();
  for (size_t i : g.nodes) {
    const graph::Node& n = site.manifest.nodes[i];
    nlohmann::ordered_json columns = nullptr;
    if (n.kind == graph::NodeKind::Model) columns = site.column_lineage_script(i);
    nodes.push_back({n.unique_id, n.kind == graph::NodeKind::Source ? n.source_name + "." + n.name : n.name,
                     graph::kind_name(n.kind), node_page(n.unique_id), lineage_fill(n), std::move(columns)});
  }
  nlohmann::ordered_json data = {{"max_depth", kMaxLineageDepth},
                                 {"max_nodes", kMaxLineageNodes},
                                 {"nodes", std::move(nodes)},
                                 {"parents", g.parents}};
  return "window.mrunLineage = " + artifacts::json_text(data) + ";\n";
}

std::string lineage_html(const SiteContext& site) {
  const char* body = R"HTML(<h1 id="lineage-title">Lineage</h1>
<div class="depths" id="lineage-depths"></div>
<p class="muted">Click a node to focus on it.</p>
<div class="lineage-graph" id="lineage-graph"></div>
<p class="muted" id="lineage-left-out" hidden></p>
<section id="column-lineage" hidden><h2>Column lineage</h2>
<p id="column-unknown" class="unknown" hidden>Unknown: the database could not analyze this model's SQL (is it built, and are its parents?).</p>
<div id="column-view" hidden><p><label>Column <select id="column-select"><option value="">choose a column</option></select></label>
<span class="muted">or click a column of this model in the picture: what it is computed from is highlighted.</span></p>
<ol id="column-sources" class="column-sources"></ol>
<div id="column-graph" class="column-graph"></div></div>
</section>
<script src="lineage_data.js"></script>
<script src="viz-global.js"></script>
<script src="lineage.js"></script>)HTML";
  return html_page(site.input.project_name, "Lineage", body, site.input.generated_at);
}

}  // namespace

std::vector<SiteFile> lineage_files(const SiteContext& site, std::vector<std::string>& warnings) {
  std::vector<SiteFile> files = {{"lineage.html", lineage_html(site)},
                                 {"lineage_data.js", lineage_data_js(site)},
                                 {"lineage.js", lineage_js()}};
  std::string_view viz = viz_js();
  if (viz.empty()) {
    warnings.push_back("this mrun was built without viz.js (npm ci in tools/docs-site before cmake): the lineage "
                       "pages list the nodes without a picture");
    files.push_back({"viz-global.js", "/* viz.js was not bundled into this mrun: no pictures */\n"});
  } else {
    files.push_back({"viz-global.js", std::string(viz)});
  }
  return files;
}

}  // namespace mrun::docs
