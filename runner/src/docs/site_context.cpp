#include "docs/site_context.h"

#include <set>

#include "docs/html.h"

namespace mrun::docs {

SiteContext::SiteContext(const SiteInput& in) : input(in), manifest(in.manifest), tests_of(in.manifest.nodes.size()) {
  for (const auto& r : in.catalog) catalog[r.unique_id] = &r;
  for (size_t t = 0; t < manifest.nodes.size(); ++t) {
    if (manifest.nodes[t].kind != graph::NodeKind::Test || !manifest.nodes[t].enabled()) continue;
    for (size_t parent : manifest.parents[t]) tests_of[parent].push_back(t);
  }
  for (size_t i = 0; i < manifest.nodes.size(); ++i)
    if (manifest.nodes[i].kind == graph::NodeKind::Model && has_page(i) &&
        in.column_lineage.count(manifest.nodes[i].unique_id)) {
      column_position_[i] = column_models.size();
      column_models.push_back(i);
    }
}

std::string SiteContext::column_lineage_script(size_t index) const {
  auto it = column_position_.find(index);
  return it == column_position_.end() ? "" : column_lineage_data(it->second / kColumnViewsPerScript);
}

const artifacts::CatalogRelation* SiteContext::relation(const std::string& unique_id) const {
  auto it = catalog.find(unique_id);
  return it == catalog.end() ? nullptr : it->second;
}

bool SiteContext::has_page(size_t index) const {
  const graph::Node& n = manifest.nodes[index];
  return n.enabled() && n.kind != graph::NodeKind::Test && n.kind != graph::NodeKind::UnitTest;
}

std::vector<std::string> SiteContext::column_names(size_t index) const {
  std::vector<std::string> names;
  std::set<std::string> seen;
  if (const artifacts::CatalogRelation* r = relation(manifest.nodes[index].unique_id))
    for (const auto& c : r->columns)
      if (seen.insert(c.name).second) names.push_back(c.name);
  for (const auto& c : manifest.nodes[index].columns)
    if (seen.insert(c.name).second) names.push_back(c.name);
  return names;
}

std::string SiteContext::link(size_t index) const {
  const graph::Node& n = manifest.nodes[index];
  std::string name = n.kind == graph::NodeKind::Source ? n.source_name + "." + n.name : n.name;
  if (!has_page(index)) return escape_html(name);
  return "<a href=\"" + escape_html(node_page(n.unique_id)) + "\">" + escape_html(name) + "</a>";
}

std::string SiteContext::status_badge(const std::string& status) {
  std::string cls = "neutral";
  if (status == "success" || status == "pass" || status == "reused" || status == "loaded" || status == "unchanged")
    cls = "good";
  else if (status == "error" || status == "fail" || status == "failed")
    cls = "bad";
  else if (status == "warn")
    cls = "warn";
  return "<span class=\"badge " + cls + "\">" + escape_html(status.empty() ? "not run" : status) + "</span>";
}

}  // namespace mrun::docs
