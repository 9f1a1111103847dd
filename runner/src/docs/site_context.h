// What the page writers of the docs site share: the input, and the lookups
// built from it once (catalog by unique_id, tests by the node they test,
// pages that exist).
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "docs/docs_site.h"

namespace mrun::docs {

/// One written file of the site: its name in the site folder and its content.
struct SiteFile {
  std::string name;
  std::string content;
};

struct SiteContext {
  explicit SiteContext(const SiteInput& input);

  const SiteInput& input;
  const graph::Manifest& manifest;
  std::unordered_map<std::string, const artifacts::CatalogRelation*> catalog;  ///< by unique_id
  std::vector<std::vector<size_t>> tests_of;  ///< node index -> the tests attached to it or depending on it

  /// The catalog entry of `unique_id`, or nullptr when the relation does not exist.
  const artifacts::CatalogRelation* relation(const std::string& unique_id) const;
  /// A link to the page of node `index` (its name as text; a test has no page: plain text).
  std::string link(size_t index) const;
  /// "success" and the like as a coloured badge ("" gives "not run").
  static std::string status_badge(const std::string& status);
  /// Whether node `index` gets a page (enabled model, seed or source).
  bool has_page(size_t index) const;
  /// The columns of node `index`: the database's in their order, then documented ones it lacks.
  std::vector<std::string> column_names(size_t index) const;

  /// The models with a column lineage view (an enabled model the database
  /// analyzed), in manifest order; their views are written
  /// kColumnViewsPerScript to a script.
  std::vector<size_t> column_models;
  static constexpr size_t kColumnViewsPerScript = 100;
  /// The script holding the column lineage view of node `index`, "" when it has none.
  std::string column_lineage_script(size_t index) const;

 private:
  std::unordered_map<size_t, size_t> column_position_;  ///< node index -> position in column_models
};

/// The overview: index.html.
std::string overview_page(const SiteContext& site);
/// The page of a model, seed or source.
std::string node_page_html(const SiteContext& site, size_t index);
/// search.html (the form and the script) and search_index.js (the data).
std::string search_page(const SiteContext& site);
std::string search_index_js(const SiteContext& site);
/// site.css.
const char* site_css();
/// lineage.js: the lineage page's view of one node, drawn by viz.js.
const char* lineage_js();
/// column_lineage.js: the column view of the lineage page (highlights what a selected column is computed from).
const char* column_lineage_js();
/// The column lineage views of the models that have one (column_models), in
/// scripts of kColumnViewsPerScript (column_lineage_data): each model's
/// columns, the columns and relations upstream of them and the edges
/// between, from which column_lineage.js writes the picture's DOT; and
/// column_lineage.js.
std::vector<SiteFile> column_lineage_files(const SiteContext& site);
/// The lineage page (lineage.html), the lineage graph (lineage_data.js), lineage.js and
/// viz.js. Without viz.js bundled, the page lists the nodes without a picture, and
/// `warnings` says so.
std::vector<SiteFile> lineage_files(const SiteContext& site, std::vector<std::string>& warnings);

}  // namespace mrun::docs
