// Running selected nodes in dependency order on several connections.
//
// A node starts when all of its selected parents have finished. A node that
// fails (error, or a failing error-severity test) marks its descendants
// skipped (a skipped node's too). In `build`, a test runs once all the nodes
// it tests are built, and the descendants of each of them wait for its
// result when its severity is error (graph/test_gates.h: relationships and
// other tests of several models included; not their own parents and
// ancestors). Of the nodes ready to run, the one with the most nodes
// waiting on it in a chain goes first (of equals, not_null tests last:
// they share scans; then topological order), so the
// chain that decides how long a run takes is not queued behind tests that
// end a branch. --fail-fast stops dispatching after the first
// failure; Ctrl-C cancels running queries (PostgreSQL cancel requests) and
// ends the run cleanly.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "exec/node_executor.h"
#include "exec/run_reporter.h"

namespace mrun::exec {

/// How to run.
struct ScheduleOptions {
  int threads = 4;
  bool fail_fast = false;
  bool tests_block_children = false;  ///< build: descendants of tested nodes wait for error-severity tests
  std::string database_url;           ///< each worker opens its own connection (empty: compile only)
  std::string target_label;           ///< for the start line
  /// Called with each result as it is final (skipped nodes included), on
  /// the scheduler's lock: it must only hand the result on, not wait.
  std::function<void(const graph::Node&, const NodeResult&)> on_result;
};

/// Results of a run.
struct RunSummary {
  std::vector<NodeResult> results;  ///< in completion order
  RunCounts counts;
  double elapsed_seconds = 0;
  bool cancelled = false;
  /// 0 when everything succeeded (warnings allowed); else the worst of the
  /// failures (util/error.h worse_exit_code): 2 for a compile error, 1 for a
  /// failed node or a cancelled run, 3 when only the connection was lost.
  /// Skipped nodes follow from those and add nothing.
  int exit_code() const;
};

/// Runs the manifest nodes `selected` (indexes, in topological order),
/// reporting each node; the caller reports the summary (after its hooks).
RunSummary run_selected(RunState& state, const std::vector<size_t>& selected, const ScheduleOptions& options,
                        RunReporter& reporter);

}  // namespace mrun::exec
