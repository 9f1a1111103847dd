// Reading target/catalog.json's content from the database: for every
// relation the project builds (models, seeds) or reads (sources), what
// PostgreSQL has: its kind, comment, owner, columns with their types and
// comments, rows and size. Relations that do not exist (not built yet,
// ephemeral models) are left out, as dbt does.
#pragma once

#include <pqxx/pqxx>
#include <vector>

#include "artifacts/catalog_json.h"
#include "graph/manifest.h"

namespace mrun::docs {

/// The relations of the enabled models, seeds and sources of `manifest`
/// that exist, in manifest order. A table's row count is its statistics
/// (reltuples) when it has been analyzed, else count(*). Throws the
/// database's error (pqxx) when a query fails.
std::vector<artifacts::CatalogRelation> read_database_catalog(pqxx::connection& conn,
                                                              const graph::Manifest& manifest);

}  // namespace mrun::docs
