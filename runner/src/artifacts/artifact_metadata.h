// The "metadata" block every artifact starts with (dbt's shape), shared by
// target/manifest.json and target/run_results.json of one invocation.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

namespace mrun::artifacts {

/// Identity of one mrun invocation, as written into its artifacts.
struct ArtifactMetadata {
  std::string project_name;           ///< the project's `name`
  std::string mrun_version;           ///< written as dbt_version and mrun_version
  std::string invocation_id;          ///< UUID v4, the same in every artifact of a run
  std::string generated_at;           ///< "2026-01-31T12:00:00.123456Z"
  std::string adapter_type = "postgres";  ///< manifest metadata.adapter_type
};

/// Metadata for an invocation starting now: fresh invocation_id and
/// generated_at. Never fails.
ArtifactMetadata new_metadata(std::string project_name, std::string mrun_version);

/// A random RFC 4122 version 4 UUID ("1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b").
std::string new_invocation_id();

/// The current UTC time as ISO 8601 with microseconds and a Z suffix.
std::string utc_timestamp_now();

/// {dbt_schema_version: schema_url, dbt_version, mrun_version, generated_at,
/// invocation_id, env: {}} (keys in that order).
nlohmann::ordered_json metadata_json(const ArtifactMetadata& metadata, std::string_view schema_url);

}  // namespace mrun::artifacts
