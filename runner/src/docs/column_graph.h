// The column-level lineage view of one model: its columns and, followed
// through the project's models, every upstream column they are computed
// from, as a graph of columns (grouped by the relation that holds them)
// with column -> column edges. Where a step cannot be known (the database
// could not analyze a model's SQL) the graph has an explicit "unknown"
// column instead. Written as DOT and laid out by Graphviz in the browser
// like the node lineage (viz.js); the page highlights the part upstream of the column a
// reader selects (docs/column_lineage_pages.cpp).
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "docs/docs_site.h"
#include "graph/manifest.h"

namespace mrun::docs {

/// One column in a column graph.
struct GraphColumn {
  std::string id;        ///< "schema.relation.column"; for an unknown step "unknown:" + the column it feeds
  std::string relation;  ///< "schema.relation" ("" for an unknown step)
  std::string name;      ///< the column's name ("unknown" for an unknown step)
  bool unknown = false;
};

/// What one column of the focus is computed from, within a column graph.
struct ColumnUpstream {
  size_t column = 0;            ///< the focus's column (index into ColumnGraph::columns)
  std::vector<size_t> columns;  ///< the columns upstream of it, nearest first (itself not included)
  std::vector<size_t> edges;    ///< the edges between them and into it (indexes into ColumnGraph::edges)
};

/// What the column view of one model shows.
struct ColumnGraph {
  std::vector<GraphColumn> columns;               ///< the focus's columns first, in the order asked
  std::vector<std::pair<size_t, size_t>> edges;   ///< upstream -> downstream, indexes into columns
  std::map<std::string, ColumnUpstream> upstream;  ///< by the name of a column of the focus
  size_t left_out = 0;  ///< upstream columns max_columns left out
};

/// The nodes of the lineage by the relation they build or read
/// ("schema.relation" -> manifest index); made once for all column graphs.
using RelationIndex = std::unordered_map<std::string, size_t>;
RelationIndex relation_index(const graph::Manifest& manifest);

/// The columns `focus_columns` of model `focus` and what they are computed
/// from, followed through `lineage` (docs_site.h SiteInput::column_lineage)
/// down to what no model of `manifest` builds, at most `max_columns`.
ColumnGraph column_graph(const graph::Manifest& manifest, const RelationIndex& relations,
                         const std::map<std::string, std::map<std::string, ColumnOrigin>>& lineage, size_t focus,
                         const std::vector<std::string>& focus_columns, size_t max_columns = 120);

/// A relation that columns of a column graph belong to: one cluster of the
/// picture, which the page's script (column_lineage.js) writes as DOT.
struct GraphRelation {
  std::string relation;   ///< "schema.relation"
  std::string title;      ///< its node's name (a source's "source.table"); the relation when no node has it
  std::string unique_id;  ///< its node ("" when none of the project's)
  std::string page;       ///< its node's page ("" when none)
  std::string fill;       ///< "#rrggbb", by the node's kind (lineage_fill), grey without a node
};

/// The relations of `graph`'s columns in the order they first appear (an
/// unknown step belongs to none).
std::vector<GraphRelation> column_graph_relations(const graph::Manifest& manifest, const RelationIndex& relations,
                                                  const ColumnGraph& graph);

}  // namespace mrun::docs
