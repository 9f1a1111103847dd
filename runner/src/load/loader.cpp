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
#include "load/load_progress.h"
#include "load/value_check.h"

namespace mrun::load {

bool LoadReport::ok() const {
  return std::all_of(tables.begin(), tables.end(), [](const TableLoadResult& t) { return t.ok; });
}

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

LoadReport load_tables(const std::string& url, const Dataset& dataset, const std::vector<TableSpec>& tables,
                       const LoadOptions& options) {
  for (const TableSpec& t : tables)
    for (const project::LoadColumn& c : t.load.columns) value_rule_for(c);  // ConfigError before any work

  LoadReport report;
  report.load_id = options.load_id.empty() ? new_load_id() : options.load_id;
  report.tables.resize(tables.size());
  {
    PgConnection setup(url);
    std::set<std::string> schemas;
    for (const TableSpec& t : tables) schemas.insert(t.schema);
    for (const std::string& schema : schemas) {
      setup.exec("CREATE SCHEMA IF NOT EXISTS " + db::quote_identifier(schema));
      setup.exec(RejectLog::create_table_sql(rejects_table(schema)));
    }
  }

  std::vector<FileProgress> progress(tables.size());
  for (size_t i = 0; i < tables.size(); ++i) progress[i].file = tables[i].load.file;
  ProgressDisplay display(progress, options.progress_bar);

  StreamOptions streams;
  streams.url = url;
  streams.streams = std::clamp(options.streams_per_large_file, 1, std::max(options.threads, 1));
  streams.split_min_bytes = options.split_min_bytes;
  streams.block_bytes = options.copy_block_bytes;

  std::atomic<size_t> next{0};
  std::mutex done_mutex;
  auto work = [&] {
    std::unique_ptr<PgConnection> connection;
    for (size_t i; (i = next++) < tables.size();) {
      TableLoadResult result;
      try {
        if (!connection) connection = std::make_unique<PgConnection>(url);
        result = load_table(*connection, dataset, tables[i], report.load_id, streams, &progress[i]);
      } catch (const std::exception& e) {  // no connection: this table fails, the others go on
        result.table = tables[i].schema + "." + tables[i].identifier;
        result.file = tables[i].load.file;
        result.error = e.what();
        progress[i].done = true;
      }
      std::lock_guard<std::mutex> lock(done_mutex);
      report.tables[i] = result;
      display.finished(result);
      if (options.on_table_done) options.on_table_done(result);
    }
  };
  size_t threads = std::clamp<size_t>(static_cast<size_t>(std::max(options.threads, 1)), 1, tables.size() ? tables.size() : 1);
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& thread : pool) thread.join();
  display.stop();
  return report;
}

}  // namespace mrun::load
