// The lineage pages: for each node with a page and each pair of depths, a
// picture laid out by Graphviz (docs/graphviz.h) inlined as SVG, links to
// the other depths, and a link to the node's page. Every picture is drawn
// at generate time, so `mrun docs serve` and file:// need nothing more.
#include "docs/graphviz.h"
#include "docs/html.h"
#include "docs/lineage_graph.h"
#include "docs/site_context.h"

namespace mrun::docs {

namespace {

std::string depth_links(const std::string& unique_id, int upstream, int downstream) {
  std::string out = "<div class=\"depths\">Upstream:";
  for (int u = 1; u <= kMaxLineageDepth; ++u)
    out += u == upstream ? " <strong>" + std::to_string(u) + "</strong>"
                         : " <a class=\"depth-up\" href=\"" + escape_html(lineage_page(unique_id, u, downstream)) +
                               "\">" + std::to_string(u) + "</a>";
  out += " &nbsp; Downstream:";
  for (int d = 1; d <= kMaxLineageDepth; ++d)
    out += d == downstream ? " <strong>" + std::to_string(d) + "</strong>"
                           : " <a class=\"depth-down\" href=\"" + escape_html(lineage_page(unique_id, upstream, d)) +
                                 "\">" + std::to_string(d) + "</a>";
  return out + "</div>";
}

// The nodes of `view` as a list, for a site made without Graphviz.
std::string node_list(const SiteContext& site, const LineageView& view) {
  std::string out = "<ul>";
  for (size_t i : view.nodes)
    out += "<li><a href=\"" + escape_html(lineage_page(site.manifest.nodes[i].unique_id, view.upstream, view.downstream)) +
           "\">" + escape_html(site.manifest.nodes[i].name) + "</a></li>";
  return out + "</ul>";
}

}  // namespace

std::vector<SiteFile> lineage_pages(const SiteContext& site, std::vector<std::string>& warnings) {
  const graph::Manifest& m = site.manifest;
  std::vector<LineageView> views;
  for (size_t i = 0; i < m.nodes.size(); ++i) {
    if (!site.has_page(i)) continue;
    for (int u = 1; u <= kMaxLineageDepth; ++u)
      for (int d = 1; d <= kMaxLineageDepth; ++d) views.push_back(lineage_view(m, i, u, d));
  }
  std::vector<std::string> svgs;
  if (graphviz_available()) {
    std::vector<std::string> dots;
    dots.reserve(views.size());
    for (const auto& v : views) dots.push_back(lineage_dot(m, v));
    svgs = render_svgs(dots);
  } else {
    warnings.push_back("Graphviz's dot is not installed (apt-get install graphviz): the lineage pages list the "
                       "nodes without a picture");
  }
  std::vector<SiteFile> pages;
  pages.reserve(views.size());
  for (size_t k = 0; k < views.size(); ++k) {
    const LineageView& v = views[k];
    const graph::Node& n = m.nodes[v.focus];
    std::string body = "<h1>Lineage of " + site.link(v.focus) + " <span class=\"kind\">" + graph::kind_name(n.kind) +
                       "</span></h1>" + depth_links(n.unique_id, v.upstream, v.downstream) +
                       "<p class=\"muted\">Click a node to focus on it.</p><div class=\"lineage-graph\">" +
                       (svgs.empty() ? node_list(site, v) : svgs[k]) + "</div>";
    if (v.left_out > 0)
      body += "<p class=\"muted\">" + std::to_string(v.left_out) +
              " more nodes within these depths are left out of the picture.</p>";
    body += column_lineage_section(site, v.focus);
    pages.push_back({lineage_page(n.unique_id, v.upstream, v.downstream),
                     html_page(site.input.project_name, "Lineage of " + n.name, body, site.input.generated_at)});
  }
  return pages;
}

}  // namespace mrun::docs
