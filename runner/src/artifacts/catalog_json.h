// target/catalog.json in dbt's catalog v1 shape: what the database says
// about every relation the project builds or reads (its columns with types
// and comments, its row count and size), keyed by the node's unique_id under
// "nodes" (models, seeds) or "sources". dbt docs and the tools that read
// dbt's artifacts read this file beside manifest.json; `mrun docs generate`
// writes it (the relations are read from the database by docs/).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "artifacts/artifact_metadata.h"

namespace mrun::artifacts {

/// "https://schemas.getdbt.com/dbt/catalog/v1.json"
extern const char* const kCatalogSchemaUrl;

/// One column as the database has it.
struct CatalogColumn {
  std::string name;
  std::string type;     ///< format_type(): "integer", "numeric(12,2)", "text"
  int index = 0;        ///< 1-based position
  std::string comment;  ///< "": none
};

/// One relation that exists in the database, for the node that builds or reads it.
struct CatalogRelation {
  std::string unique_id;
  bool is_source = false;       ///< listed under "sources", else under "nodes"
  std::string database;
  std::string schema;
  std::string name;
  std::string type;             ///< "BASE TABLE", "VIEW", "MATERIALIZED VIEW"
  std::string comment;
  std::string owner;
  std::vector<CatalogColumn> columns;
  std::optional<int64_t> row_count;   ///< tables: rows (statistics after ANALYZE, else counted)
  std::optional<int64_t> bytes;       ///< tables: pg_total_relation_size
};

/// The catalog document as JSON text. Never fails.
std::string catalog_json_text(const std::vector<CatalogRelation>& relations, const ArtifactMetadata& metadata);

/// Writes catalog_json_text to `path` (target/catalog.json) atomically.
/// Throws ConfigError when the file cannot be written.
void write_catalog_json(const std::string& path, const std::vector<CatalogRelation>& relations,
                        const ArtifactMetadata& metadata);

}  // namespace mrun::artifacts
