// target/run_results.json in dbt's run-results v5 shape: one entry per
// executed node with status, timing, adapter response and failures.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "artifacts/artifact_metadata.h"
#include "artifacts/json_text.h"
#include "exec/node_result.h"
#include "graph/manifest.h"

namespace mrun::artifacts {

/// "https://schemas.getdbt.com/dbt/run-results/v5.json"
extern const char* const kRunResultsSchemaUrl;

/// Writes the JSON entry of one result: {status, timing [{name: "compile", ...},
/// {name: "execute", started_at, completed_at}] (execute alone when the
/// node compiled nothing, empty when not started), thread_id
/// "Thread-<thread_id + 1>", execution_time, adapter_response {_message,
/// code, rows_affected} (empty when rows_affected is unknown), message
/// (null when empty), failures (null when unknown), unique_id, compiled,
/// compiled_code (the result's, else from `manifest` when given and
/// compiled), relation_name}.
/// Never fails.
void write_result_json(JsonWriter& out, const exec::NodeResult& result, const graph::Manifest* manifest);

/// The whole document as JSON text: metadata, results (in the given
/// order), elapsed_time (seconds), args (the invocation's flags, any JSON
/// object; null gives {}) and, for a run that stopped on an error before
/// its nodes (a configuration or template error...), `error`: its message.
/// Never fails.
std::string run_results_json_text(const std::vector<exec::NodeResult>& results, const graph::Manifest* manifest,
                                  const ArtifactMetadata& metadata, double elapsed_time,
                                  const nlohmann::ordered_json& args, const std::string& run_error = "");

/// Writes run_results_json_text to `path` (target/run_results.json)
/// atomically, a megabyte at a time (never held whole). Throws RunError
/// when the file cannot be written.
void write_run_results_json(const std::string& path, const std::vector<exec::NodeResult>& results,
                            const graph::Manifest* manifest, const ArtifactMetadata& metadata, double elapsed_time,
                            const nlohmann::ordered_json& args, const std::string& run_error = "");


}  // namespace mrun::artifacts
