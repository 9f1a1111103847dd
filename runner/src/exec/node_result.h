// The outcome of running one node, as printed, logged and written to
// target/run_results.json.
#pragma once

#include <string>

#include "util/error.h"

namespace mrun::exec {

/// dbt's statuses: models/seeds success|error|skipped; tests pass|fail|warn|error|skipped;
/// and Reused (as dbt Fusion names it): a node whose fingerprint equals that of its
/// last build, whose relation (or test verdict) was kept as it was (exec/reuse.h).
enum class NodeStatus { Success, Error, Skipped, Pass, Fail, Warn, Reused };

/// "success", "error", "skipped", "pass", "fail", "warn", "reused".
const char* status_name(NodeStatus status);

/// One node's result.
struct NodeResult {
  std::string unique_id;
  NodeStatus status = NodeStatus::Success;
  std::string message;          ///< e.g. "SELECT 4520", "Got 3 results, configured to fail if != 0", the error
  long long rows_affected = -1; ///< -1: unknown
  long long failures = -1;      ///< tests: failing rows
  double execution_time = 0;    ///< seconds
  std::string started_at;       ///< ISO 8601 UTC
  std::string completed_at;
  std::string relation;         ///< "schema"."name" built, if any
  /// Where it was built when that is not `relation`: its shadow in a
  /// `publish: atomic` run (parse/shadow_relations.h), published later.
  std::string built_relation;
  std::string compiled_path;    ///< target/compiled/... file
  std::string compiled_code;    ///< the SQL it compiled to (empty: not compiled)
  std::string compiled_at;      ///< ISO 8601 UTC: when compiling ended and executing began
  int thread_id = 0;
  /// What the node was built from (exec/reuse.h); empty when not computed.
  std::string fingerprint;
  /// Rows in the relation after the node, when known (tables and seeds:
  /// the rows built; incremental models: counted; views: unknown, -1).
  long long row_count = -1;
  /// For status Error, the run's exit code this error calls for:
  /// exit_code_for() of its cause (a compile error 2, a lost connection 3).
  ExitCode error_exit_code = kExitFailed;
};

}  // namespace mrun::exec
