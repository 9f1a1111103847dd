// `mrun load` as a library call: every loadable source table loaded from
// one dataset, several files at once over separate connections, and then
// published all at once or not at all.
//
// Each file is loaded into a staged table (table_load.h). When every file
// loaded, one transaction swaps all staged tables in place of the old ones
// (or, with LoadOptions::publish false, the caller's publish does, with the
// models of its run)
// and recreates the views over them (dependent_views.h): readers see every
// old table or every new one. When any file failed, or the load was
// interrupted (Ctrl-C, SIGTERM: util/interrupt.h, which cancels the running
// COPY statements), the staged tables are dropped and every old table stays
// as it was; only the rejects of this load id are kept, to explain it.
//
// A file with a header and no good record replaces its table with an empty
// one, with a warning naming both (TableLoadResult::warnings); a table whose
// meta sets min_rows fails the load instead when it has fewer good rows.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "load/dataset.h"
#include "load/table_spec.h"
#include "load/copy/load_sql.h"
#include "load/copy/table_load.h"

namespace mrun::load {

/// How to run a load.
struct LoadOptions {
  int threads = 4;               ///< files loaded at once (one connection each)
  /// COPY streams (one more connection each) for a file of at least
  /// split_min_bytes; capped by threads. Two: on the 2-core reference machine
  /// two server backends use both cores (docs/benchmarks.md, Load).
  int streams_per_large_file = 2;
  uint64_t split_min_bytes = kSplitMinBytes;  ///< see StreamOptions (0 splits every file: tests)
  size_t copy_block_bytes = size_t{1} << 20;  ///< see StreamOptions (small in tests, to deal many blocks)
  std::string load_id;           ///< tags rows and rejects; empty: new_load_id()
  /// false: when every file loaded, keep the staged tables for the caller to
  /// publish with the rest of its run (`publish: atomic`, task/publish_step.h)
  /// instead of swapping them in now.
  bool publish = true;
  bool progress_bar = false;     ///< redraw per-file progress on stderr (a terminal)
  bool json_log = false;         ///< --log-format json: the files' summaries as JSON events
  /// Called once per table as it finishes (from the loading thread, serialized).
  std::function<void(const TableLoadResult&)> on_table_done;
};

/// The outcome of a whole load.
struct LoadReport {
  std::string load_id;                  ///< the id written to _load_id and load_rejects
  std::vector<TableLoadResult> tables;  ///< in the order of the specs
  bool published = false;               ///< every new table replaced its old one (else none did)
  /// Every file loaded and LoadOptions::publish was false: the staged tables
  /// (NewTables{spec, load_id, streams}) wait for the caller's publish.
  bool staged = false;
  bool interrupted = false;             ///< SIGINT or SIGTERM cancelled the load
  /// True when the load was published or staged for publishing.
  bool ok() const { return published || staged; }
  /// 0 when ok(); else 1, or 3 when every failure was a lost
  /// connection or an unreachable server (a retry may work).
  ExitCode exit_code() const;
};

/// The raw tables a load staged for its caller's publish (LoadOptions::publish false).
struct StagedLoad {
  std::vector<TableSpec> tables;  ///< the tables loaded
  std::string load_id;            ///< their load
  std::vector<int> streams;       ///< COPY streams of each table (child tables)

  /// The staged tables of table `i`.
  NewTables new_tables(size_t i) const { return NewTables{tables[i], load_id, streams[i]}; }
};

/// A fresh load id: UTC time and a random suffix ("20261122T031500Z-1a2b3c4d").
std::string new_load_id();

/// Loads every table of `tables` from `dataset` into the database at `url`:
/// creates the schemas and load_rejects tables when missing, drops what
/// earlier loads left staged, loads the files in parallel and publishes them
/// together. Watches for SIGINT/SIGTERM while it runs (the caller installs
/// an InterruptGuard). Throws ConfigError for a spec the loader cannot use
/// (before touching the database) and RunError when it cannot connect;
/// failures of single tables are in the report. Run it under the run lock.
LoadReport load_tables(const std::string& url, const Dataset& dataset, const std::vector<TableSpec>& tables,
                       const LoadOptions& options);

}  // namespace mrun::load
