// target/manifest.json in dbt's manifest v11 shape, so tools that read dbt
// manifests (lineage viewers, orchestrators, dbt-artifacts parsers) can read
// mrun's: metadata, nodes, sources, macros, disabled, parent_map, child_map.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "artifacts/artifact_metadata.h"
#include "artifacts/json_text.h"
#include "graph/manifest.h"

namespace mrun::artifacts {

/// "https://schemas.getdbt.com/dbt/manifest/v11.json"
extern const char* const kManifestSchemaUrl;

/// A macro as listed under "macros" (unique_id "macro.<package>.<name>").
struct MacroInfo {
  std::string name;     ///< "cents_to_dollars"
  std::string package;  ///< the project or package that defines it
  std::string path;  ///< project-relative file
  std::string sql;   ///< the macro's source text ("" when unknown)
};

/// What goes into the manifest besides the nodes.
struct ManifestJsonInput {
  ArtifactMetadata metadata;  ///< project, invocation id, time
  std::string database;  ///< database name for "database"/relation_name ("": null, schema.alias names)
  std::vector<MacroInfo> macros;  ///< listed under "macros"
};

/// Writes the JSON entry of node `index` as dbt writes it under "nodes" or
/// "sources" (resource_type, name, fqn, config with dbt's defaults,
/// depends_on, raw_code, compiled_code when compiled, test_metadata for
/// generic tests, ...). `manifest` must be linked. Never fails.
void write_node_json(JsonWriter& out, const graph::Manifest& manifest, size_t index, const std::string& database = "");

/// write_node_json into a string of its own.
std::string node_json(const graph::Manifest& manifest, size_t index, const std::string& database = "");

/// The whole manifest document as JSON text, written node by node. Enabled
/// nodes go to "nodes"/"sources", disabled ones to "disabled";
/// parent_map/child_map list enabled neighbours sorted by unique_id. Never
/// fails.
std::string manifest_json_text(const graph::Manifest& manifest, const ManifestJsonInput& input);

/// manifest_json_text written into `file` a megabyte at a time (never held
/// whole; not committed: the caller puts it in place). Throws RunError
/// when the file cannot be written.
void write_manifest_json(AtomicFile& file, const graph::Manifest& manifest, const ManifestJsonInput& input);

/// Writes the manifest to `path` (target/manifest.json) atomically.
/// Throws RunError when the file cannot be written.
void write_manifest_json(const std::string& path, const graph::Manifest& manifest, const ManifestJsonInput& input);

/// The input of the CLI's short form: macros given as names ("name" in the
/// project's package, or "package.name"), metadata made from
/// `invocation_id` and `project_name` (generated now).
ManifestJsonInput manifest_input(const std::vector<std::string>& macro_names, const std::string& invocation_id,
                                 const std::string& project_name);

/// write_manifest_json of manifest_input(macro_names, invocation_id,
/// project_name). Throws ConfigError when the file cannot be written.
void write_manifest_json(const std::string& path, const graph::Manifest& manifest,
                         const std::vector<std::string>& macro_names, const std::string& invocation_id,
                         const std::string& project_name);

}  // namespace mrun::artifacts
