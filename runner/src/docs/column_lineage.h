// Column-level lineage: for each model column, the upstream columns it is
// computed from, told by PostgreSQL's own analyzer, not by a SQL parser of
// ours. Each model's compiled SELECT becomes a temporary view inside a
// transaction that is rolled back (a model whose view was built from its
// current SQL has its own); the view's rewrite rule (pg_rewrite) is the
// analyzed query tree (docs/query_tree.h), whose output columns are
// followed through expressions, joins, subqueries, CTEs, set operations and
// sublinks down to the columns of real relations. Direct origins name the
// relations the model reads (another model, a seed, a raw table); roots
// follow models' origins further, down to what no model of the project
// builds (sources, seeds).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "docs/column_lineage_cache.h"
#include "docs/docs_site.h"
#include "graph/manifest.h"

namespace mrun::docs {

/// unique_id -> column -> origin, for the enabled models of `manifest`
/// with compiled SQL whose relations the database can analyze (a model
/// whose parents are not built is left out). Nothing is changed in the
/// database. The models are analyzed a few hundred per round trip, shared
/// out between `connections` (one or more, to the same database), which
/// work at the same time. With a `cache`, only the models it does not hold
/// (still valid) are analyzed, and what they give is remembered in it (the
/// caller saves it). `built_views`, when given, is asked once which of the
/// models to analyze (manifest indexes) have a view built from their
/// current SQL (unique_id -> its object id: task/current_views.h); those
/// are read from their view's rewrite rule, with no temporary view. Throws
/// the database's error when it cannot be reached.
using BuiltViews = std::function<std::map<std::string, uint32_t>(const std::vector<size_t>& models)>;
std::map<std::string, std::map<std::string, ColumnOrigin>> read_column_lineage(
    const std::vector<pqxx::connection*>& connections, const graph::Manifest& manifest,
    ColumnLineageCache* cache = nullptr, const BuiltViews& built_views = nullptr);

/// Origins of the output columns of one analyzed query tree (the text of a
/// view's pg_rewrite.ev_action): column -> (relation OID, column number)
/// pairs; an OID-less column (a constant, a function without columns) has
/// none. Throws RunError on text it cannot read.
std::map<std::string, std::vector<std::pair<long, long>>> query_column_origins(const std::string& ev_action);

}  // namespace mrun::docs
