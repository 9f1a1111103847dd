// Loading one file of a dataset into a staged table beside its raw table.
//
// The file is scanned as CSV; each record is checked and transformed per its
// TableSpec, good rows are streamed with COPY into a new table created in the
// same transaction (so wal_level=minimal skips the WAL), bad ones go to
// <schema>.load_rejects. The new table is committed as the file's staged
// table (load_sql.h) and analyzed; the old table is untouched. The loader
// swaps every file's staged table in at once, or none (loader.h).
//
// A large file goes out over several COPY streams: one server backend parses
// and stores the rows of a COPY on one core, so with a single stream the
// server is the bottleneck while other cores idle. The one scanner deals
// whole blocks of rows to the streams in turn; each stream fills its own
// child table on its own connection, in its own transaction (no WAL either).
// The children of the other connections commit once every stream succeeded;
// the staging transaction on the main connection (which holds the first
// child) then attaches them all to a new parent table (load_sql.h). A failure
// drops the children that were committed.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "load/dataset.h"
#include "load/copy/pg_copy.h"
#include "util/error.h"
#include "load/copy/reject_log.h"
#include "load/table_spec.h"

namespace mrun::load {

/// Live counters of one file's load, read by the progress display.
struct FileProgress {
  std::string file;                       ///< file name
  std::atomic<uint64_t> bytes{0};         ///< bytes read so far
  std::atomic<uint64_t> total_bytes{0};   ///< file size when known, else 0
  std::atomic<int64_t> records{0};        ///< records read so far
  std::atomic<bool> started{false};       ///< the load of this file began
  std::atomic<bool> done{false};          ///< the load of this file ended
};

/// What the load of one table did.
struct TableLoadResult {
  std::string table;    ///< schema.name
  std::string file;     ///< file name in the dataset
  int64_t read = 0;     ///< records read (header and blank lines excluded); = loaded + rejected
  int64_t loaded = 0;   ///< good rows (stored in the table only when ok)
  int64_t rejected = 0; ///< records written to load_rejects
  double seconds = 0;   ///< wall time of this table's load
  uint64_t bytes = 0;   ///< bytes of the file read
  /// What identifies the file's bytes (ByteStream::content_fingerprint),
  /// when it was read to its end.
  std::string content_fingerprint;
  bool ok = false;      ///< the file loaded: its staged table is committed (see LoadReport::published)
  int streams = 0;      ///< COPY streams of the staged table (NewTables), when ok
  std::string error;    ///< why the load failed (when !ok)
  ExitCode exit_code = kExitOk;  ///< when !ok: 3 when a connection was lost (a retry may work), else 1
  /// What the publish warns about, one message each: the views over the old
  /// table that could not be recreated over the new one, and a table
  /// replaced by an empty one (a file with a header and no good records).
  std::vector<std::string> warnings;
  std::vector<Reject> first_rejects;  ///< the first few rejects, for messages
};

/// Files at least this large (uncompressed size, when the dataset knows it)
/// are split over several COPY streams. Smaller files gain little (they end
/// while ratings.csv still loads) and stay one plain table.
constexpr uint64_t kSplitMinBytes = uint64_t{256} << 20;

/// How rows travel to the server.
struct StreamOptions {
  std::string url;  ///< where the connections of extra streams go (empty: one stream)
  int streams = 1;  ///< COPY streams for a file of at least split_min_bytes (1: no split)
  uint64_t split_min_bytes = kSplitMinBytes;  ///< 0 splits every file, whatever its size (tests)
  size_t block_bytes = size_t{1} << 20;      ///< rows go out in blocks of about this size, whole blocks per stream
};

/// Name of the rejects table of `schema` (quoted, schema-qualified).
std::string rejects_table(const std::string& schema);

/// Loads `spec.load.file` of `dataset` into a staged table for
/// `spec.schema`.`spec.identifier` over `connection` (plus one connection per
/// extra stream as `streams` says), tagging rows and rejects with `load_id`;
/// updates `progress` when given. Never throws for a failed load: the result
/// says what failed (missing file, header mismatch, reject ratio above
/// max_reject_ratio, fewer good rows than min_rows, database error, cancel), and nothing of it is left but
/// its rejects.
TableLoadResult load_table(PgConnection& connection, const Dataset& dataset, const TableSpec& spec,
                           const std::string& load_id, const StreamOptions& streams = {},
                           FileProgress* progress = nullptr);

}  // namespace mrun::load
