// target/sources.json in dbt's sources v3 shape: one entry per source table
// whose freshness `mrun source freshness` checked.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "artifacts/artifact_metadata.h"
#include "project/source_freshness.h"

namespace mrun::artifacts {

/// "https://schemas.getdbt.com/dbt/sources/v3.json"
extern const char* const kSourcesSchemaUrl;

/// One source table's freshness.
struct FreshnessResult {
  std::string unique_id;
  std::string status;          ///< pass, warn, error, or "runtime error" (the query failed: `error` says why)
  std::string max_loaded_at;   ///< ISO 8601; empty: no rows
  std::string snapshotted_at;  ///< ISO 8601, the database's now()
  std::optional<double> age_seconds;  ///< max_loaded_at_time_ago_in_s; nullopt: no rows
  project::FreshnessRule criteria;
  std::string error;
  std::string started_at, completed_at;
  double execution_time = 0;
};

/// The whole document: metadata, results, elapsed_time. Never fails.
std::string sources_json_text(const std::vector<FreshnessResult>& results, const ArtifactMetadata& metadata,
                              double elapsed_time);

/// Writes sources_json_text to `path` atomically. Throws ConfigError when it cannot.
void write_sources_json(const std::string& path, const std::vector<FreshnessResult>& results,
                        const ArtifactMetadata& metadata, double elapsed_time);

}  // namespace mrun::artifacts
