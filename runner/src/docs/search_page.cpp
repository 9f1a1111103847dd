// Search by model, column and description: search_index.js holds one entry
// per page (name, kind, page, description, columns with descriptions; the
// descriptions' words without their Markdown) and
// search.html ranks them in the browser with a few lines of plain
// JavaScript: a name match first, then a column, then a description. The
// index is a script, not a JSON file to fetch, so it loads from file:// too.
#include <nlohmann/json.hpp>
#include <set>

#include "artifacts/json_text.h"
#include "docs/html.h"
#include "docs/markdown.h"
#include "docs/site_context.h"

namespace mrun::docs {

std::string search_index_js(const SiteContext& site) {
  nlohmann::ordered_json entries = nlohmann::ordered_json::array();
  for (size_t i = 0; i < site.manifest.nodes.size(); ++i) {
    if (!site.has_page(i)) continue;
    const graph::Node& n = site.manifest.nodes[i];
    nlohmann::ordered_json columns = nlohmann::ordered_json::array();
    std::set<std::string> seen;
    for (const auto& c : n.columns)
      if (seen.insert(c.name).second) columns.push_back({c.name, markdown_text(c.description)});
    if (const artifacts::CatalogRelation* r = site.relation(n.unique_id))
      for (const auto& c : r->columns)
        if (seen.insert(c.name).second) columns.push_back({c.name, c.comment});
    entries.push_back({{"n", n.kind == graph::NodeKind::Source ? n.source_name + "." + n.name : n.name},
                       {"k", graph::kind_name(n.kind)},
                       {"u", node_page(n.unique_id)},
                       {"d", markdown_text(n.description)},
                       {"c", std::move(columns)}});
  }
  return "window.mrunSearchIndex = " + artifacts::json_text(entries) + ";\n";
}

std::string search_page(const SiteContext& site) {
  const char* body = R"HTML(<h1>Search</h1>
<p class="muted" id="search-summary"></p>
<ol id="search-results" class="results"></ol>
<script src="search_index.js"></script>
<script>
(function () {
  var query = new URLSearchParams(window.location.search).get("q") || "";
  var input = document.querySelector("header input[name=q]");
  input.value = query;
  var words = query.toLowerCase().split(/\s+/).filter(Boolean);
  var summary = document.getElementById("search-summary");
  var list = document.getElementById("search-results");
  if (!words.length) { summary.textContent = "Type a model, column or words of a description."; return; }
  function has(text) { text = (text || "").toLowerCase(); return words.every(function (w) { return text.indexOf(w) >= 0; }); }
  var hits = [];
  window.mrunSearchIndex.forEach(function (e) {
    var score = 0, matched = [];
    if (has(e.n)) score += 100;
    e.c.forEach(function (c) {
      if (has(c[0])) { score += 10; matched.push(c[0]); }
      else if (has(c[1])) { score += 2; matched.push(c[0]); }
    });
    if (has(e.d)) score += 5;
    if (score) hits.push({ entry: e, score: score, columns: matched });
  });
  hits.sort(function (a, b) { return b.score - a.score || a.entry.n.localeCompare(b.entry.n); });
  summary.textContent = hits.length + " result" + (hits.length === 1 ? "" : "s") + " for \u201c" + query + "\u201d";
  hits.slice(0, 200).forEach(function (h) {
    var item = document.createElement("li");
    var link = document.createElement("a");
    link.href = h.entry.u;
    link.textContent = h.entry.n;
    item.appendChild(link);
    var kind = document.createElement("span");
    kind.className = "kind";
    kind.textContent = " " + h.entry.k;
    item.appendChild(kind);
    if (h.columns.length) {
      var columns = document.createElement("div");
      columns.className = "matched-columns";
      columns.textContent = "columns: " + h.columns.join(", ");
      item.appendChild(columns);
    }
    if (h.entry.d) {
      var description = document.createElement("div");
      description.className = "muted";
      description.textContent = h.entry.d.split("\n")[0];
      item.appendChild(description);
    }
    list.appendChild(item);
  });
})();
</script>)HTML";
  return html_page(site.input.project_name, "Search", body, site.input.generated_at);
}

}  // namespace mrun::docs
