// What the run state (state/state_schema.h) remembers, as the docs site
// shows it: each node's last result (status, time, rows), the row count of
// each relation over the last runs, and the last loads of each raw table
// with the loader's numbers and its most frequent reject reasons (from
// <schema>.load_rejects, with line numbers).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "graph/manifest.h"

namespace mrun::docs {

/// A node's latest result that was not skipped.
struct LastResult {
  std::string run_id;
  std::string status;        ///< success, error, pass, fail, warn, reused
  std::string completed_at;  ///< as PostgreSQL prints timestamptz
  double execution_seconds = 0;
  std::optional<int64_t> rows_affected;
  std::optional<int64_t> row_count;
  std::string message;
};

/// A relation's row count after one run.
struct RowCountPoint {
  std::string run_id;
  std::string started_at;
  int64_t row_count = 0;
};

/// One reject reason of one load: how many records, and the first lines.
struct RejectReason {
  std::string reason;
  int64_t count = 0;
  std::vector<int64_t> lines;
};

/// One file's load into a raw table.
struct LoadSummary {
  std::string run_id;
  std::string load_id;
  std::string file;
  std::string status;  ///< loaded, unchanged, failed
  std::optional<int64_t> rows_read, rows_loaded, rows_rejected;
  std::string content_fingerprint;
  std::string recorded_at;
  double seconds = 0;
  std::string message;
  std::vector<RejectReason> top_rejects;  ///< most frequent first
};

/// The history of one project.
struct RunHistory {
  bool recorded = false;  ///< the state schema exists (false: nothing has run against this database)
  std::map<std::string, LastResult> last_results;                 ///< by unique_id (models, seeds, tests)
  std::map<std::string, std::vector<RowCountPoint>> row_counts;   ///< by unique_id, oldest first
  std::map<std::string, std::vector<LoadSummary>> loads;          ///< by source unique_id, newest first
};

/// How much history the pages show.
struct HistoryLimits {
  size_t runs = 30;         ///< row counts of the last runs
  size_t loads = 3;         ///< loads per raw table
  size_t reject_reasons = 5;
  size_t reject_lines = 5;  ///< line numbers per reason
};

/// Reads the history of `project` from `state_schema` for the nodes of
/// `manifest`. An absent schema is no error (recorded stays false). Throws
/// the database's error when a query fails.
RunHistory read_run_history(pqxx::connection& conn, const std::string& state_schema, const std::string& project,
                            const graph::Manifest& manifest, const HistoryLimits& limits = {});

}  // namespace mrun::docs
