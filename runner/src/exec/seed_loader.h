// `mrun seed`: a CSV under seeds/ becomes a table, loaded with COPY. Column
// types come from the seed's `column_types` config, else are inferred from
// the values (bigint, numeric, boolean, date, else text); an empty unquoted
// field is NULL. The table is built beside the old one and swapped in one
// transaction.
#pragma once

#include <string>
#include <vector>

#include "db/pg_connection.h"
#include "parse/relation.h"
#include "parse/relation_catalog.h"
#include "graph/manifest.h"

namespace mrun::exec {

/// What loading a seed did.
struct SeedResult {
  long long rows = 0;
};

/// The seed's rendered pre-hook and post-hook statements (dbt's seed hooks):
/// run in the seed's transaction, before the load and after the table has
/// its name.
struct SeedHooks {
  std::vector<std::string> pre;
  std::vector<std::string> post;
};

/// The columns seed `node` gets from its CSV file `csv_path`: the header's
/// names, trimmed, as written (the table quotes them). Throws ConfigError
/// when the file is empty or its header malformed.
std::vector<std::string> seed_columns(const graph::Node& node, const std::string& csv_path);

/// Loads seed `node` from the CSV file `csv_path` into `relation` (whose
/// schema exists) on `conn` (its worker's: no connection of its own), in
/// one transaction of its own, with `hooks`. Throws
/// ConfigError naming file:line for malformed CSV (bad quoting, wrong field
/// count, invalid UTF-8) and RunError for database failures; the old table
/// then stays.
SeedResult load_seed(db::PgConnection& conn, const graph::Node& node, const std::string& csv_path,
                     const parse::Relation& relation, parse::RelationCatalog& catalog, const SeedHooks& hooks = {});

}  // namespace mrun::exec
