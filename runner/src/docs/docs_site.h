// The static documentation site of `mrun docs generate`, in one folder
// (target/docs): index.html (the overview), one page per model, seed and
// source, the lineage page (lineage.html: one node's neighbours at chosen
// depths, laid out in the browser by Graphviz compiled to WebAssembly, with
// the column lineage of a model), search.html with its index
// (search_index.js) and the stylesheet. No file is fetched from
// the network, and data is loaded by <script> tags, not fetch(): the site
// works from file:// as from any web server.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "artifacts/catalog_json.h"
#include "docs/run_history.h"
#include "graph/manifest.h"

namespace mrun::docs {

/// The upstream columns of one column (column-level lineage).
struct ColumnOrigin {
  bool known = false;                 ///< false: the analyzer could not tell (say "unknown")
  std::vector<std::string> sources;   ///< "schema.relation.column", sorted: what the model reads
  std::vector<std::string> roots;     ///< the same followed through the project's models, to what none builds
};

/// Everything the site shows.
struct SiteInput {
  std::string project_name;
  std::string generated_at;
  const graph::Manifest& manifest;   ///< linked, with compiled_code filled
  std::vector<artifacts::CatalogRelation> catalog;
  RunHistory history;
  /// unique_id -> column -> its origin; a model absent here has no column lineage.
  std::map<std::string, std::map<std::string, ColumnOrigin>> column_lineage;
};

/// What was written.
struct SiteSummary {
  size_t pages = 0;
  std::vector<std::string> warnings;  ///< e.g. no viz.js bundled: the lineage page lists neighbours without a picture
};

/// Writes the site into `dir` (created; files of an earlier site are
/// replaced, others left). Throws ConfigError when a file cannot be written.
SiteSummary write_docs_site(const std::string& dir, const SiteInput& input);

}  // namespace mrun::docs
