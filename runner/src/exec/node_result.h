// The outcome of running one node, as printed, logged and written to
// target/run_results.json.
#pragma once

#include <string>

#include "util/error.h"

namespace mrun::exec {

/// dbt's statuses: models/seeds success|error|skipped; tests pass|fail|warn|error|skipped.
enum class NodeStatus { Success, Error, Skipped, Pass, Fail, Warn };

/// "success", "error", "skipped", "pass", "fail", "warn".
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
  std::string compiled_path;    ///< target/compiled/... file
  int thread_id = 0;
  /// For status Error, the run's exit code this error calls for:
  /// exit_code_for() of its cause (a compile error 2, a lost connection 3).
  ExitCode error_exit_code = kExitFailed;
};

}  // namespace mrun::exec
