// The models whose view in the database was built from the SQL they
// compile to now, for `mrun docs generate`: such a view's rewrite rule
// (pg_rewrite) is already the analyzed query of the current SQL, so its
// column lineage needs no temporary view (docs/column_lineage.h).
//
// A view counts when a run would reuse it (exec/reuse.h): its model's
// fingerprint now (compiled SQL, config, mrun version, and the data version
// of each parent as the database holds it) is that of its last successful
// build, and the relation is still the very one that build made (same
// object id). A model whose SQL, config or parents changed since, a table
// or incremental model, and a model reading a source nobody can vouch for
// (not loaded by mrun) are not among them.
#pragma once

#include <cstdint>
#include <map>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "parse/project_parser.h"

namespace mrun::task {

/// unique_id -> object id of the view, for those of manifest nodes
/// `models` (enabled view models, compiled_code filled) that hold their
/// current SQL. The state schema `state_schema` must exist.
std::map<std::string, uint32_t> views_holding_current_sql(const std::string& url, const std::string& state_schema,
                                                          const std::string& project,
                                                          const parse::ParsedProject& parsed, pqxx::connection& conn,
                                                          const std::vector<size_t>& models);

}  // namespace mrun::task
