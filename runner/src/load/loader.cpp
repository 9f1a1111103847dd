#include "load/loader.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "db/quote.h"
#include "load/copy/dependent_views.h"
#include "load/load_progress.h"
#include "load/copy/load_sql.h"
#include "load/csv/value_check.h"
#include "util/error.h"
#include "util/interrupt.h"

namespace mrun::load {

std::string new_load_id() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &utc);
  std::random_device random;
  char suffix[16];
  std::snprintf(suffix, sizeof suffix, "%08x", static_cast<unsigned>(random()));
  return std::string(stamp) + "-" + suffix;
}

ExitCode LoadReport::exit_code() const {
  if (ok()) return kExitOk;
  if (interrupted) return kExitFailed;
  ExitCode code = kExitOk;
  for (const TableLoadResult& t : tables)
    if (!t.ok) code = worse_exit_code(code, t.exit_code == kExitOk ? kExitFailed : t.exit_code);
  return code == kExitOk ? kExitFailed : code;
}

namespace {

std::vector<std::string> schemas_of(const std::vector<TableSpec>& tables) {
  std::set<std::string> schemas;
  for (const TableSpec& t : tables) schemas.insert(t.schema);
  return {schemas.begin(), schemas.end()};
}

// A file without a good record empties its table: never without a word
// (meta.min_rows turns it into a failed load).
std::string empty_table_warning(const TableLoadResult& result) {
  std::string what = result.read == 0 ? "has a header and no records"
                                       : "has no good records (" + std::to_string(result.rejected) + " rejected)";
  return result.file + " " + what + ": " + result.table +
         " is now empty (set meta.min_rows on the source table to fail such a load instead)";
}

void warn_of_empty_tables(LoadReport& report) {
  for (TableLoadResult& result : report.tables)
    if (result.loaded == 0) result.warnings.push_back(empty_table_warning(result));
}

// Swaps every staged table in, in one transaction, keeping the views over
// the old tables. Returns false (rolled back, the failing table's error set)
// when a swap fails.
bool publish(PgConnection& connection, const std::vector<TableSpec>& tables, LoadReport& report) {
  connection.exec("BEGIN");
  for (size_t i = 0; i < tables.size(); ++i) {
    TableLoadResult& result = report.tables[i];
    NewTables staged{tables[i], report.load_id, result.streams};
    std::vector<DependentView> views = capture_dependent_views(connection, tables[i].schema, tables[i].identifier);
    std::string error = connection.try_exec(staged.swap_sql());
    if (!error.empty()) {
      connection.exec("ROLLBACK");
      result.ok = false;
      result.error = "replacing " + result.table + ": " + error;
      result.exit_code = connection.lost() ? kExitTransient : kExitFailed;
      return false;
    }
    result.warnings = recreate_dependent_views(connection, views, result.table);
  }
  connection.exec("COMMIT");
  warn_of_empty_tables(report);
  return true;
}

}  // namespace

LoadReport load_tables(const std::string& url, const Dataset& dataset, const std::vector<TableSpec>& tables,
                       const LoadOptions& options) {
  for (const TableSpec& t : tables)
    for (const project::LoadColumn& c : t.load.columns) value_rule_for(c);  // ConfigError before any work

  LoadReport report;
  report.load_id = options.load_id.empty() ? new_load_id() : options.load_id;
  report.tables.resize(tables.size());
  std::vector<std::string> schemas = schemas_of(tables);
  PgConnection setup(url);
  for (const std::string& schema : schemas) {
    setup.exec("CREATE SCHEMA IF NOT EXISTS " + db::quote_identifier(schema));
    setup.exec(RejectLog::create_table_sql(rejects_table(schema)));
  }
  drop_staged_tables(setup, schemas);  // of a load that died

  std::vector<FileProgress> progress(tables.size());
  for (size_t i = 0; i < tables.size(); ++i) progress[i].file = tables[i].load.file;
  ProgressDisplay display(progress, options.progress_bar, options.json_log);

  StreamOptions streams;
  streams.url = url;
  streams.streams = std::clamp(options.streams_per_large_file, 1, std::max(options.threads, 1));
  streams.split_min_bytes = options.split_min_bytes;
  streams.block_bytes = options.copy_block_bytes;

  std::atomic<size_t> next{0};
  std::atomic<size_t> finished{0};
  std::mutex done_mutex;
  auto work = [&] {
    std::unique_ptr<PgConnection> connection;
    for (size_t i; (i = next++) < tables.size();) {
      TableLoadResult result;
      try {
        if (interrupted()) throw RunError("cancelled before it started");
        if (!connection) connection = std::make_unique<PgConnection>(url);
        result = load_table(*connection, dataset, tables[i], report.load_id, streams, &progress[i]);
      } catch (const std::exception& e) {  // no connection: this table fails, the others go on
        result.table = tables[i].schema + "." + tables[i].identifier;
        result.file = tables[i].load.file;
        result.error = e.what();
        result.exit_code = exit_code_for(e);
        progress[i].done = true;
      }
      std::lock_guard<std::mutex> lock(done_mutex);
      report.tables[i] = result;
      display.finished(result);
      if (options.on_table_done) options.on_table_done(result);
      ++finished;
    }
  };
  size_t threads = std::clamp<size_t>(static_cast<size_t>(std::max(options.threads, 1)), 1, tables.size() ? tables.size() : 1);
  std::vector<std::thread> pool;
  for (size_t t = 0; t < threads; ++t) pool.emplace_back(work);
  // This thread watches for Ctrl-C / SIGTERM: it cancels the running COPY
  // statements, and the workers fail their files and start no more.
  while (finished < tables.size()) {
    if (interrupted() && !report.interrupted) {
      report.interrupted = true;
      PgConnection::cancel_all();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  for (auto& thread : pool) thread.join();
  display.stop();
  report.interrupted = report.interrupted || interrupted();

  bool all_loaded = std::all_of(report.tables.begin(), report.tables.end(), [](const TableLoadResult& t) { return t.ok; });
  if (all_loaded && !report.interrupted) {
    if (options.publish) {
      report.published = publish(setup, tables, report);
    } else {
      report.staged = true;
      warn_of_empty_tables(report);
    }
  }
  if (!report.ok()) drop_staged_tables(setup, schemas);
  return report;
}

}  // namespace mrun::load
