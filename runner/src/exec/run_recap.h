// The recap at the end of a run, like dbt's: every node that failed (error,
// failing test), then every node skipped, each with the file to look at, so
// that the last lines of a long log say what to fix. RunReporter::recap
// prints it (text, or one JSON event).
#pragma once

#include <string>
#include <vector>

#include "exec/node_result.h"
#include "graph/manifest.h"

namespace mrun::exec {

/// One failed or skipped node.
struct RecapEntry {
  std::string unique_id;
  NodeStatus status = NodeStatus::Error;  ///< Error, Fail or Skipped
  std::string file;     ///< the node's file (for a generic test, the schema file that declares it)
  std::string message;  ///< why: the error, the failing count, or why it was skipped
};

/// The failed nodes of `results` (in completion order), then the skipped ones.
std::vector<RecapEntry> recap_of(const std::vector<NodeResult>& results, const graph::Manifest& manifest);

}  // namespace mrun::exec
