// `mrun load` as a library call: every loadable source table loaded from
// one dataset, several files at once over separate connections.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "load/dataset.h"
#include "load/table_spec.h"
#include "load/table_load.h"

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
  bool progress_bar = false;     ///< redraw per-file progress on stderr (a terminal)
  /// Called once per table as it finishes (from the loading thread, serialized).
  std::function<void(const TableLoadResult&)> on_table_done;
};

/// The outcome of a whole load.
struct LoadReport {
  std::string load_id;                  ///< the id written to _load_id and load_rejects
  std::vector<TableLoadResult> tables;  ///< in the order of the specs
  /// True when every table loaded.
  bool ok() const;
};

/// A fresh load id: UTC time and a random suffix ("20261122T031500Z-1a2b3c4d").
std::string new_load_id();

/// Loads every table of `tables` from `dataset` into the database at `url`:
/// creates the schemas and load_rejects tables when missing, then loads the
/// files in parallel. Throws ConfigError for a spec the loader cannot use
/// (before touching the database) and RunError when it cannot connect;
/// failures of single tables are in the report.
LoadReport load_tables(const std::string& url, const Dataset& dataset, const std::vector<TableSpec>& tables,
                       const LoadOptions& options);

}  // namespace mrun::load
