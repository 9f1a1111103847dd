// How a run ended, as alerts tell it (notify/alert_payload.h): who ran what,
// the exit code, the counts, the nodes that failed or warned, and the run
// events (project/notification_config.h) that follow from them. Pure data
// and pure functions, built from the scheduler's summary.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "exec/scheduler.h"
#include "graph/manifest.h"
#include "project/notification_config.h"

namespace mrun::notify {

/// Which run: the same for every alert of one invocation.
struct RunIdentity {
  std::string run_id;   ///< the invocation id (as in target/run_results.json)
  std::string project;  ///< the project's name
  std::string command;  ///< "build", "run", "test", "seed"
  std::chrono::system_clock::time_point started_at;
};

/// One node that failed or warned.
struct NodeAlert {
  std::string unique_id;
  std::string name;
  std::string resource_type;  ///< "model", "seed", "test"
  std::string status;         ///< "error", "fail", "warn"
  std::string message;
  std::string compiled_path;  ///< "" when nothing was compiled
  bool anomaly = false;       ///< a row_count_change or volume_anomaly test
};

/// How the run ended.
struct RunOutcome {
  RunIdentity run;
  int exit_code = 0;
  bool cancelled = false;
  std::string error;  ///< a failure outside every node ("the load failed; ..."), else ""
  std::chrono::system_clock::time_point finished_at;
  exec::RunCounts counts;
  std::vector<NodeAlert> failures;  ///< errors and failed tests, in completion order
  std::vector<NodeAlert> warnings;  ///< tests that warned, in completion order
};

/// The outcome of a run of nodes that ended now with `exit_code` (the
/// summary's, or 1 when --warn-error turned warnings into a failure).
RunOutcome outcome_of_nodes(const RunIdentity& run, const exec::RunSummary& summary, const graph::Manifest& manifest,
                            int exit_code);

/// The outcome of a run that failed before any node ran (the load), now.
RunOutcome outcome_of_error(const RunIdentity& run, int exit_code, const std::string& error);

/// True when `node` is a row_count_change or volume_anomaly test (a
/// namespaced "package.row_count_change" too; exec/monitoring.h):
/// their warning or failure is an `anomaly` event. A reject_ratio test's is
/// not (the load's quality, not the data's volume).
bool is_anomaly_test(const graph::Node& node);

/// "cancelled" (interrupted), "failed" (exit code not 0), "warned" (a test
/// warned) or "success".
std::string run_status(const RunOutcome& outcome);

/// The events of the run, in the order of project::AlertEvent: run_failed
/// or run_succeeded (by exit code), test_warned (status "warned"), anomaly
/// (an anomaly test warned or failed).
std::vector<project::AlertEvent> run_events(const RunOutcome& outcome);

}  // namespace mrun::notify
