// The page of one model, seed or source: what it is (description, config,
// relation; the description as Markdown), its columns (type from the catalog, description, tests and
// their last status, column lineage), its health (last build, row-count
// trend; for a source, the loader's last loads and their rejects), its
// neighbours and its SQL.
#include <algorithm>
#include <set>

#include "artifacts/config_value_json.h"
#include "artifacts/json_text.h"
#include "docs/html.h"
#include "docs/lineage_graph.h"
#include "docs/markdown.h"
#include "docs/site_context.h"
#include "docs/sql_highlight.h"

namespace mrun::docs {

namespace {

std::string optional_number(const std::optional<int64_t>& n) { return n ? std::to_string(*n) : "–"; }

std::string test_label(const graph::Node& t) {
  return t.test.test_name.empty() ? t.name : t.test.test_name;  // a singular test by its file's name
}

// The tests of `tests` on `column` ("" for model-level and singular tests),
// each with its last status.
std::string tests_cell(const SiteContext& site, const std::vector<size_t>& tests, const std::string& column) {
  std::string out;
  for (size_t t : tests) {
    const graph::Node& test = site.manifest.nodes[t];
    if (test.test.column_name != column) continue;
    auto last = site.input.history.last_results.find(test.unique_id);
    out += "<div class=\"test\" title=\"" + escape_html(test.unique_id) + "\">" + escape_html(test_label(test)) + " " +
           SiteContext::status_badge(last == site.input.history.last_results.end() ? "" : last->second.status) +
           "</div>";
  }
  return out;
}

std::string lineage_cell(const SiteContext& site, const std::string& unique_id, const std::string& column) {
  auto node = site.input.column_lineage.find(unique_id);
  if (node == site.input.column_lineage.end())
    return "<span class=\"unknown\" title=\"the database could not analyze this model's SQL\">unknown</span>";
  auto origin = node->second.find(column);
  if (origin == node->second.end() || !origin->second.known) return "<span class=\"unknown\">unknown</span>";
  if (origin->second.sources.empty()) return "<span class=\"muted\">computed (no column)</span>";
  std::string out;
  for (const auto& s : origin->second.sources) out += "<div class=\"origin\">" + escape_html(s) + "</div>";
  if (origin->second.roots != origin->second.sources && !origin->second.roots.empty()) {
    out += "<div class=\"muted\">from the sources:</div>";
    for (const auto& s : origin->second.roots) out += "<div class=\"origin root\">" + escape_html(s) + "</div>";
  }
  return out;
}

std::string columns_section(const SiteContext& site, size_t index) {
  const graph::Node& n = site.manifest.nodes[index];
  const artifacts::CatalogRelation* relation = site.relation(n.unique_id);
  std::vector<std::string> names = site.column_names(index);
  bool lineage = n.kind == graph::NodeKind::Model;  // a model the database could not analyze: "unknown"
  std::string out = "<section id=\"columns\"><h2>Columns</h2>";
  if (names.empty()) return out + "<p class=\"muted\">No columns known (not built, and none documented).</p></section>";
  out += "<table class=\"columns\"><tr><th>column</th><th>type</th><th>description</th><th>tests</th>" +
         std::string(lineage ? "<th>computed from</th>" : "") + "</tr>\n";
  for (const auto& name : names) {
    std::string type, description;
    if (relation)
      for (const auto& c : relation->columns)
        if (c.name == name) type = c.type;
    for (const auto& c : n.columns)
      if (c.name == name) {
        description = c.description;
        if (type.empty()) type = c.data_type;
      }
    out += "<tr><td class=\"column-name\">" + escape_html(name) + "</td><td>" + escape_html(type) +
           "</td><td class=\"description markdown\">" + markdown_html(description) + "</td><td>" +
           tests_cell(site, site.tests_of[index], name) + "</td>" +
           (lineage ? "<td>" + lineage_cell(site, n.unique_id, name) + "</td>" : "") + "</tr>\n";
  }
  return out + "</table></section>\n";
}

std::string health_section(const SiteContext& site, const graph::Node& n) {
  std::string out = "<section id=\"health\"><h2>Last build</h2>";
  const RunHistory& history = site.input.history;
  auto last = history.last_results.find(n.unique_id);
  if (last == history.last_results.end()) {
    out += history.recorded ? "<p class=\"muted\">No run has built it yet.</p>"
                            : "<p class=\"muted\">No run history in this database.</p>";
  } else {
    const LastResult& r = last->second;
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.2f", r.execution_seconds);
    out += "<table class=\"facts\"><tr><th>status</th><td>" + SiteContext::status_badge(r.status) +
           "</td></tr><tr><th>finished</th><td>" + escape_html(r.completed_at) + "</td></tr><tr><th>took</th><td>" +
           seconds + " s</td></tr><tr><th>rows</th><td>" + optional_number(r.row_count ? r.row_count : r.rows_affected) +
           "</td></tr>" + (r.message.empty() ? "" : "<tr><th>message</th><td>" + escape_html(r.message) + "</td></tr>") +
           "</table>";
  }
  auto trend = history.row_counts.find(n.unique_id);
  if (trend != history.row_counts.end() && !trend->second.empty()) {
    const auto& points = trend->second;
    int64_t top = 1;
    for (const auto& p : points) top = std::max(top, p.row_count);
    const int width = 320, height = 60;
    std::string polyline;
    for (size_t k = 0; k < points.size(); ++k) {
      double x = points.size() == 1 ? width / 2.0 : static_cast<double>(k) * width / static_cast<double>(points.size() - 1);
      double y = height - static_cast<double>(points[k].row_count) * (height - 4) / static_cast<double>(top) - 2;
      polyline += std::to_string(x) + "," + std::to_string(y) + " ";
    }
    out += "<h3>Row count by run</h3><svg class=\"trend\" width=\"" + std::to_string(width) + "\" height=\"" +
           std::to_string(height) + "\" role=\"img\" aria-label=\"row count by run\"><polyline points=\"" + polyline +
           "\"/></svg><table class=\"trend-table\"><tr><th>run started</th><th>rows</th></tr>";
    for (auto p = points.rbegin(); p != points.rend(); ++p)
      out += "<tr><td>" + escape_html(p->started_at) + "</td><td>" + std::to_string(p->row_count) + "</td></tr>";
    out += "</table>";
  }
  return out + "</section>\n";
}

std::string loads_section(const SiteContext& site, const graph::Node& n) {
  std::string out = "<section id=\"loads\"><h2>Last loads</h2>";
  auto loads = site.input.history.loads.find(n.unique_id);
  if (loads == site.input.history.loads.end())
    return out + "<p class=\"muted\">No load of this table is recorded.</p></section>\n";
  out += "<table class=\"loads\"><tr><th>loaded at</th><th>file</th><th>status</th><th>rows read</th>"
         "<th>loaded</th><th>rejected</th><th>fingerprint</th></tr>\n";
  std::string rejects;
  for (const LoadSummary& l : loads->second) {
    out += "<tr><td>" + escape_html(l.recorded_at) + "</td><td>" + escape_html(l.file) + "</td><td>" +
           SiteContext::status_badge(l.status) + "</td><td>" + optional_number(l.rows_read) + "</td><td>" +
           optional_number(l.rows_loaded) + "</td><td>" + optional_number(l.rows_rejected) +
           "</td><td class=\"mono\">" + escape_html(l.content_fingerprint) + "</td></tr>\n";
    if (l.top_rejects.empty()) continue;
    rejects += "<h3>Rejects of the load at " + escape_html(l.recorded_at) +
               "</h3><table class=\"rejects\"><tr><th>reason</th><th>records</th><th>first lines</th></tr>";
    for (const RejectReason& r : l.top_rejects) {
      std::string lines;
      for (int64_t line : r.lines) lines += (lines.empty() ? "" : ", ") + std::to_string(line);
      rejects += "<tr><td>" + escape_html(r.reason) + "</td><td>" + std::to_string(r.count) + "</td><td>" + lines +
                 "</td></tr>";
    }
    rejects += "</table>";
  }
  return out + "</table>" + rejects + "</section>\n";
}

std::string neighbours_section(const SiteContext& site, size_t index) {
  auto list = [&](const std::vector<size_t>& nodes) {
    std::string out;
    for (size_t i : nodes)
      if (site.has_page(i)) out += "<li>" + site.link(i) + "</li>";
    return out.empty() ? std::string("<p class=\"muted\">none</p>") : "<ul>" + out + "</ul>";
  };
  const graph::Node& n = site.manifest.nodes[index];
  return "<section id=\"neighbours\"><h2>Depends on</h2>" + list(site.manifest.parents[index]) +
         "<h2>Used by</h2>" + list(site.manifest.children[index]) + "<p><a class=\"lineage-link\" href=\"" +
         escape_html(lineage_page(n.unique_id, 2, 2)) + "\">Lineage graph</a></p></section>\n";
}

std::string config_section(const graph::Node& n) {
  std::string out = "<section id=\"config\"><h2>Config</h2><table class=\"facts\">";
  for (const auto& [key, value] : n.config.entries())
    out += "<tr><th>" + escape_html(key) + "</th><td class=\"mono\">" +
           escape_html(artifacts::config_value_json(value)) + "</td></tr>";
  return out + "</table></section>\n";
}

std::string sql_section(const std::string& id, const std::string& title, const std::string& sql) {
  if (sql.empty()) return "";
  return "<section id=\"" + id + "\"><h2>" + title + "</h2><pre class=\"sql\"><code>" + highlight_sql(sql) +
         "</code></pre></section>\n";
}

}  // namespace

std::string node_page_html(const SiteContext& site, size_t index) {
  const graph::Node& n = site.manifest.nodes[index];
  bool source = n.kind == graph::NodeKind::Source;
  std::string title = source ? n.source_name + "." + n.name : n.name;
  std::string body = "<h1>" + escape_html(title) + " <span class=\"kind\">" + graph::kind_name(n.kind) + "</span></h1>";
  const artifacts::CatalogRelation* relation = site.relation(n.unique_id);
  body += "<table class=\"facts\"><tr><th>relation</th><td class=\"mono\">" +
          escape_html(n.database_schema + "." + n.relation_name) + "</td></tr>";
  if (!source) body += "<tr><th>materialized</th><td>" + escape_html(n.materialized()) + "</td></tr>";
  body += "<tr><th>file</th><td class=\"mono\">" + escape_html(source ? n.original_file_path : n.path) + "</td></tr>";
  if (relation) {
    body += "<tr><th>in the database</th><td>" + escape_html(relation->type) +
            (relation->row_count ? ", " + std::to_string(*relation->row_count) + " rows" : "") +
            (relation->bytes ? ", " + std::to_string(*relation->bytes / 1024) + " KiB" : "") + "</td></tr>";
  } else {
    body += "<tr><th>in the database</th><td class=\"muted\">does not exist</td></tr>";
  }
  body += "</table>\n<section id=\"description\"><h2>Description</h2>" +
          (n.description.empty() ? std::string("<p class=\"muted\">No description.</p>")
                                 : "<div class=\"description markdown\">" + markdown_html(n.description) + "</div>") +
          "</section>\n";
  body += columns_section(site, index);
  std::string other_tests = tests_cell(site, site.tests_of[index], "");
  if (!other_tests.empty()) body += "<section id=\"tests\"><h2>Tests of the whole " + std::string(graph::kind_name(n.kind)) + "</h2>" + other_tests + "</section>\n";
  body += source ? loads_section(site, n) : health_section(site, n);
  body += neighbours_section(site, index);
  if (!source) body += config_section(n);
  body += sql_section("raw-sql", "Source code", n.raw_code);
  body += sql_section("compiled-sql", "Compiled SQL", n.compiled_code);
  return html_page(site.input.project_name, title, body, site.input.generated_at);
}

}  // namespace mrun::docs
