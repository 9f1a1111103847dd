// `mrun seed`: a CSV under seeds/ becomes a table, loaded with COPY. Column
// types come from the seed's `column_types` config, else are inferred from
// the values (integer, numeric, boolean, date, else text).
#pragma once

#include <pqxx/pqxx>

#include "exec/materializer.h"
#include "exec/relation.h"
#include "exec/relation_catalog.h"
#include "graph/manifest.h"

namespace mrun::exec {

/// What loading a seed did.
struct SeedResult {
  long long rows = 0;
};

/// Loads seed `node` from the CSV file `csv_path` into `relation`, replacing
/// the old table in one
/// transaction. Throws ConfigError naming file:line for malformed CSV.
SeedResult load_seed(pqxx::connection& conn, const graph::Node& node, const std::string& csv_path,
                     const Relation& relation, bool full_refresh,
                     RelationCatalog& catalog, SchemaRegistry& schemas);

}  // namespace mrun::exec
