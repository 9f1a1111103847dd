// Reading the run state back for people: the project's recent runs, and
// what each selected node did in them (`mrun history`, task/history_task.h).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace mrun::state {

/// One node (or raw table) in one run.
struct NodeInRun {
  std::string status;  ///< success, error, skipped, pass, fail, warn, reused; loaded, unchanged, failed for loads
  std::optional<int64_t> row_count;     ///< rows in the relation after the run, when recorded
  std::optional<double> seconds;
  std::string message;
};

/// One run, newest first in a RunHistory.
struct RunSummaryRow {
  std::string run_id;
  std::string command;
  std::string status;       ///< running, success, failed, cancelled
  std::optional<int> exit_code;
  std::string started_at;   ///< ISO 8601 UTC
  std::string finished_at;  ///< "" while running (or when the run died)
  std::optional<double> seconds;
  std::string as_of;
  std::string dataset_uri;
  /// "yes": an atomic run whose publish committed; "no": one that published
  /// nothing; "per node": each node replaced its relation as it was built.
  std::string published;
  std::map<std::string, int> statuses;  ///< node status -> count
  /// By unique id (nodes) or by relation (raw tables: `"raw"."ratings"`).
  std::map<std::string, NodeInRun> nodes;
};

/// The `runs` most recent runs of `project` in state schema `schema`, with
/// what the nodes `unique_ids` and the raw tables `relations` did in each.
std::vector<RunSummaryRow> recent_runs(pqxx::connection& conn, const std::string& schema, const std::string& project,
                                       int runs, const std::vector<std::string>& unique_ids,
                                       const std::vector<std::string>& relations);

}  // namespace mrun::state
