// Writing and reading the run state (state/state_schema.h): one RunStore per
// run, on a connection of its own, used from the run's coordinating thread.
//
// A run is recorded when it starts (status `running`) and updated when it
// ends; each node's result and each file's load are recorded as they finish,
// so a run that is killed halfway still tells the next one what it built.
// The next run reads them back: the fingerprint of each node's last
// successful build (to skip unchanged work), the last load of each raw table,
// and row counts for monitoring and `mrun history`.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace mrun::state {

/// A run as it starts.
struct RunStart {
  std::string run_id;        ///< the invocation id
  std::string project;
  std::string command;       ///< build, run, test, seed, load
  std::string args_json;     ///< the invocation's flags, a JSON object
  std::string target;
  std::string dataset_uri;   ///< where the raw files came from (redacted), if loaded
  std::string as_of;         ///< the drop's date (YYYY-MM-DD), if given
  std::string mrun_version;
  std::string publish;       ///< atomic or per_node; empty for runs that build nothing (load, test)
};

/// One node's result as recorded.
struct NodeRecord {
  std::string unique_id;
  std::string resource_type;  ///< model, seed, test, ...
  std::string name;
  std::string status;         ///< success, error, skipped, pass, fail, warn, reused
  std::string message;
  std::optional<int64_t> rows_affected;
  std::optional<int64_t> failures;
  double execution_seconds = 0;
  std::string started_at;     ///< ISO 8601 (empty: not started)
  std::string completed_at;
  std::string fingerprint;    ///< empty: none
  std::string relation;       ///< "schema"."name" built, if any
  /// Where it was built when not `relation` (its shadow, published later):
  /// the object id recorded is that relation's, which a publish keeps.
  std::string built_relation;
  std::optional<int64_t> row_count;  ///< rows in the relation after the node, when known
};

/// One file's load as recorded.
struct LoadRecord {
  std::string load_id;
  std::string relation;          ///< "schema"."table"
  std::string file;
  std::string status;            ///< loaded, unchanged, failed
  bool committed = false;        ///< the load committed (in an atomic run: published once the run publishes)
  /// The staged table, when the load is published later with the run's
  /// models: the object id recorded is its, which the publish keeps.
  std::string built_relation;
  std::optional<int64_t> size_bytes;
  std::string file_signature;    ///< size/mtime/inode of a plain file ("" for zip entries)
  std::string content_fingerprint;
  std::string spec_fingerprint;  ///< the loader's settings of the table
  std::optional<int64_t> rows_read, rows_loaded, rows_rejected;
  double seconds = 0;
  std::string message;
};

/// The latest result of a node that was not skipped, in a run whose results
/// were published (a `publish: atomic` run that did not publish built
/// nothing anyone reads): what its relation (or its test's verdict) last
/// came from. Only success, pass and reused may be
/// reused again; an error leaves the relation of an earlier build, which
/// the next run rebuilds.
struct PreviousBuild {
  std::string run_id;
  std::string status;
  std::string fingerprint;
  std::string relation;
  std::optional<uint32_t> relation_oid;
  std::optional<int64_t> rows_affected;
  std::optional<int64_t> row_count;
  std::optional<int64_t> failures;  ///< tests: failing rows
  std::string message;
};

/// The load that filled the published raw table `relation` last.
struct PreviousLoad {
  std::string run_id;
  std::string load_id;
  std::string file_signature;
  std::string content_fingerprint;
  std::string spec_fingerprint;
  std::optional<uint32_t> relation_oid;
  std::optional<int64_t> rows_loaded;
};

/// A relation's row count as a successful run recorded it.
struct RecordedRowCount {
  std::string run_id;
  std::string date;        ///< the day the run started, YYYY-MM-DD (UTC)
  int64_t row_count = 0;
};

/// The loader's numbers of the load behind a raw table: the newest
/// committed load that read its file (a load that found the file unchanged
/// keeps the table of the one before it).
struct LoadNumbers {
  std::string run_id;
  std::string load_id;
  int64_t rows_read = 0;
  int64_t rows_rejected = 0;
  std::optional<int64_t> rows_loaded;   ///< what the load's COPY wrote into the table, when recorded
};

/// When mrun last loaded new data into a raw table (`mrun source freshness`
/// of a source mrun loads and that names no loaded_at_field).
struct LastLoad {
  std::string loaded_at;      ///< ISO 8601, UTC
  double age_seconds = 0;     ///< how long ago, by the database's clock
};

/// Reads and writes the state schema of one project.
class RunStore {
 public:
  /// Connects to `url` and creates or migrates `schema` (state_schema.h).
  /// Throws RunError when the database cannot be reached.
  RunStore(const std::string& url, std::string schema, std::string project);
  ~RunStore();
  RunStore(const RunStore&) = delete;
  RunStore& operator=(const RunStore&) = delete;

  const std::string& schema() const { return schema_; }

  /// Records a run as `running`.
  void begin_run(const RunStart& run);
  /// Records how the run ended: status (success, failed, cancelled) and exit
  /// code; and, when it loaded files, the dataset's fingerprint (a digest
  /// of each raw table's content fingerprint).
  void finish_run(const std::string& run_id, const std::string& status, int exit_code);
  /// Records one node's result, and its relation's object id and row count.
  void record_node(const std::string& run_id, const NodeRecord& node);
  /// Records one file's load; for a committed one, the raw table's object id
  /// and row count too.
  void record_load(const std::string& run_id, const LoadRecord& load);

  /// The latest result of every node of the project that ran, by unique id.
  std::map<std::string, PreviousBuild> previous_builds();
  /// The last published load of every raw table, by relation.
  std::map<std::string, PreviousLoad> previous_loads();
  /// The row counts of every relation in the project's last `runs`
  /// successful runs (status success) that recorded one for it, newest
  /// first, by relation ("schema"."name"). A run still running, failed or
  /// cancelled is no history.
  std::map<std::string, std::vector<RecordedRowCount>> row_count_history(int runs);
  /// The numbers of the load behind every raw table the project loaded, by relation.
  /// Only loads readers saw (a run that published) or of `current_run`
  /// (whose tests audit its own load before it publishes).
  std::map<std::string, LoadNumbers> published_load_numbers(const std::string& current_run);
  /// When each raw table last received a file's rows (a committed load with
  /// status `loaded`, in a run that published), by relation. A load that
  /// found its file unchanged brought no new data and does not count.
  std::map<std::string, LastLoad> last_loads();
  /// The newest `as_of` among the project's successful runs ("" when none).
  std::string newest_published_as_of();

  /// The statement that marks run `run_id` published, to run in the
  /// transaction that publishes it (so the mark commits with the swap).
  std::string mark_published_sql(const std::string& run_id) const;

  /// The object id of every relation in `relations` that exists.
  std::map<std::string, uint32_t> relation_oids(const std::vector<std::string>& relations);

  /// The connection (for queries of history and monitoring).
  pqxx::connection& connection() { return *conn_; }

 private:
  std::unique_ptr<pqxx::connection> conn_;
  std::string schema_;
  std::string quoted_;  ///< schema_ quoted
  std::string project_;
};

}  // namespace mrun::state
