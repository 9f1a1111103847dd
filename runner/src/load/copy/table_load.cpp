#include "load/copy/table_load.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>

#include "db/quote.h"
#include "load/copy/copy_binary.h"
#include "load/csv/csv_scanner.h"
#include "load/copy/load_sql.h"
#include "load/csv/python_literal.h"
#include "load/csv/value_check.h"
#include "util/error.h"
#include "util/strings.h"

namespace mrun::load {

using project::Check;
using project::Transform;

namespace {

// How one declared column is filled from a record.
struct ColumnPlan {
  const project::LoadColumn* spec;
  size_t field;  // index in the record
  ValueRule rule;
  bool text_like;  // an empty quoted field ("") is an empty string, not NULL
};

// Maps declared columns to header fields; throws RunError on any mismatch.
std::vector<ColumnPlan> plan_columns(const TableSpec& spec, const CsvRecord& header) {
  std::map<std::string_view, size_t> position;
  for (size_t i = 0; i < header.fields.size(); ++i) {
    if (!position.emplace(header.fields[i], i).second)
      throw RunError(spec.load.file + ": line " + std::to_string(header.line) + ": column '" +
                     std::string(header.fields[i]) + "' appears twice in the header");
  }
  std::vector<ColumnPlan> plan;
  for (const project::LoadColumn& c : spec.load.columns) {
    auto it = position.find(c.name);
    if (it == position.end())
      throw RunError(spec.load.file + ": column '" + c.name + "' (declared at " + c.where.str() +
                     ") is not in the header (line " + std::to_string(header.line) + ")");
    ValueRule rule = value_rule_for(c);
    bool text_like = rule.check == Check::None && c.transform == Transform::None;
    plan.push_back({&c, it->second, rule, text_like});
    position.erase(it);
  }
  if (!position.empty())
    throw RunError(spec.load.file + ": column '" + std::string(position.begin()->first) +
                   "' of the header is not declared in " + spec.where.file + " (table " + spec.name + " at " +
                   spec.where.str() + ")");
  return plan;
}

// A table created in its load's transaction skips the WAL (wal_level=minimal)
// and is fsynced at commit instead. Without this, the kernel keeps its pages
// dirty in memory until then, and the commit of ratings (1.5 GB) waits ~2 s
// on the disk while the CPUs idle; with it the backend hands its writes to
// the disk every 2 MB (sync_file_range) while the load runs. A server that
// lacks the setting (before 9.6) loads as before.
void start_writeback(PgConnection& connection) {
  try {
    connection.exec("SET backend_flush_after = '2MB'");
  } catch (const RunError&) {
  }
}

// Scans records and streams the good ones; the state of one load.
class TableLoad {
 public:
  TableLoad(PgConnection& connection, const Dataset& dataset, const TableSpec& spec, const std::string& load_id,
            const StreamOptions& options, FileProgress* progress)
      : connection_(connection),
        dataset_(dataset),
        spec_(spec),
        load_id_(load_id),
        options_(options),
        progress_(progress),
        rejects_(load_id, spec.load.file) {}

  TableLoadResult run() {
    auto started = std::chrono::steady_clock::now();
    TableLoadResult result;
    result.table = spec_.schema + "." + spec_.identifier;
    result.file = spec_.load.file;
    bool in_transaction = false;
    std::vector<std::unique_ptr<PgConnection>> extra;  // the connections of streams 2..n
    try {
      std::unique_ptr<ByteStream> stream = dataset_.open(spec_.load.file);
      if (progress_) progress_->total_bytes = stream->size().value_or(0);
      CsvScanner scanner(*stream);
      CsvRecord record;
      if (!scanner.next(record)) throw RunError(spec_.load.file + ": the file is empty (no header line)");
      if (!record.error.empty()) throw RunError(spec_.load.file + ": header: " + record.error);
      plan_ = plan_columns(spec_, record);
      header_fields_ = record.fields.size();
      binary_ = std::all_of(plan_.begin(), plan_.end(),
                            [](const ColumnPlan& c) { return binary_copy_supported(c.rule.type); });

      // Stream 0 runs on the main connection, whose transaction ends with the swap.
      std::vector<PgConnection*> connections{&connection_};
      for (int k = 1; k < stream_count(stream->size()); ++k) {
        try {
          extra.push_back(std::make_unique<PgConnection>(options_.url));
        } catch (const RunError&) {
          break;  // the server takes no more connections (max_connections): fewer streams, same result
        }
        connections.push_back(extra.back().get());
      }
      NewTables tables{spec_, load_id_, static_cast<int>(connections.size())};
      for (PgConnection* c : connections) start_writeback(*c);
      in_transaction = true;
      for (int k = 0; k < tables.streams; ++k) {
        connections[k]->exec("BEGIN");
        connections[k]->exec(tables.create_sql(k));
      }
      {
        std::vector<std::unique_ptr<CopyIn>> copies;
        for (int k = 0; k < tables.streams; ++k) {
          copies.push_back(std::make_unique<CopyIn>(*connections[k], copy_sql(spec_, tables.stream_table(k), binary_),
                                                    options_.block_bytes));
          if (binary_) append_binary_header(copies.back()->buffer());
        }
        size_t current = 0;  // the stream the next rows go to
        while (scanner.next(record)) {
          ++read_;
          add_record(record, copies[current]->buffer());
          if (copies[current]->flush_if_full()) current = (current + 1) % copies.size();
          // Every 1024 records: often enough for files of 100 KB records
          // (credits), rare enough to cost nothing on 26M small ones.
          if (progress_ && (read_ & 0x3FF) == 0) {
            progress_->bytes = scanner.bytes_read();
            progress_->records = read_;
          }
        }
        long long stored = 0;
        for (auto& copy : copies) {
          if (binary_) append_binary_trailer(copy->buffer());
          stored += copy->finish();
        }
        if (stored != loaded_)
          throw RunError(spec_.load.file + ": the server stored " + std::to_string(stored) + " rows, " +
                         std::to_string(loaded_) + " were sent");
      }
      if (progress_) {
        progress_->bytes = scanner.bytes_read();
        progress_->records = read_;
      }
      result.bytes = scanner.bytes_read();
      result.content_fingerprint = stream->content_fingerprint();
      double ratio = read_ > 0 ? static_cast<double>(rejects_.count()) / static_cast<double>(read_) : 0.0;
      if (spec_.load.max_reject_ratio && ratio > *spec_.load.max_reject_ratio) {
        char text[160];
        std::snprintf(text, sizeof text, "%lld of %lld records rejected (%.2f%%), above max_reject_ratio %g",
                      static_cast<long long>(rejects_.count()), static_cast<long long>(read_), ratio * 100,
                      *spec_.load.max_reject_ratio);
        throw RunError(spec_.load.file + ": " + text);
      }
      if (spec_.load.min_rows && loaded_ < *spec_.load.min_rows)
        throw RunError(spec_.load.file + ": " + std::to_string(loaded_) + " good rows" +
                       (read_ == 0 ? " (a header and no records)" : "") + ", fewer than min_rows " +
                       std::to_string(*spec_.load.min_rows));
      for (int k = tables.streams - 1; k >= 0; --k) {
        connections[k]->exec(add_load_id_sql(tables.stream_table(k), load_id_));
        if (k > 0) connections[k]->exec("COMMIT");  // from here on, a failure must drop this child
      }
      connection_.exec(tables.stage_sql());
      rejects_.write_to(connection_, rejects_table(spec_.schema));
      connection_.exec("COMMIT");
      in_transaction = false;
      result.streams = tables.streams;
      // Statistics for the planner of every query downstream; they stay with
      // the tables through the swap.
      std::string analyze = "ANALYZE " + tables.staged_table();
      if (tables.streams > 1)
        for (int k = 0; k < tables.streams; ++k) analyze += ", " + tables.stream_table(k);
      connection_.exec(analyze);
      result.ok = true;
    } catch (const std::exception& e) {
      result.error = e.what();
      bool lost = connection_.lost() ||
                  std::any_of(extra.begin(), extra.end(), [](const auto& c) { return c->lost(); });
      result.exit_code = lost ? kExitTransient : exit_code_for(e);
      extra.clear();  // their open transactions roll back before the cleanup below
      if (in_transaction) {
        try {
          connection_.exec("ROLLBACK");
          drop_orphan_children(connection_, spec_);  // the children other connections committed
          // The failed load's rejects still explain it: keep them.
          rejects_.write_to(connection_, rejects_table(spec_.schema));
        } catch (const std::exception& again) {
          result.error += " (and then: " + std::string(again.what()) + ")";
        }
      }
    }
    result.read = read_;
    result.loaded = loaded_;  // rows that passed; not stored when !ok
    result.rejected = rejects_.count();
    result.first_rejects = rejects_.first();
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (progress_) progress_->done = true;
    return result;
  }

 private:
  // How many COPY streams the file gets: several only for a large file (or when forced).
  int stream_count(std::optional<uint64_t> size) const {
    if (options_.streams <= 1 || options_.url.empty()) return 1;
    bool large = options_.split_min_bytes == 0 || (size && *size >= options_.split_min_bytes);
    return large ? options_.streams : 1;
  }

  void reject(const CsvRecord& record, const std::string& reason) {
    rejects_.add(record.line, reason, record.raw);
  }

  // "column rating: not a number: 'abc'"
  void reject_value(const CsvRecord& record, const ColumnPlan& column, const std::string& why,
                    std::string_view value) {
    reject(record, "column " + column.spec->name + ": " + why + ": '" + shorten(value, 60) + "'");
  }

  // Appends the record's COPY row to `out`, or rejects it (leaving `out` as it was).
  void add_record(const CsvRecord& record, std::string& out) {
    if (!record.error.empty()) return reject(record, record.error);
    if (record.fields.size() != header_fields_)
      return reject(record, "expected " + std::to_string(header_fields_) + " fields, found " +
                                std::to_string(record.fields.size()));
    size_t row_start = out.size();
    if (binary_) append_binary_field_count(out, static_cast<int16_t>(plan_.size() + 1));
    for (const ColumnPlan& column : plan_) {
      std::string_view value = record.fields[column.field];
      if (value.empty() && !(column.text_like && record.quoted[column.field])) {
        if (column.spec->required) {
          out.resize(row_start);
          return reject(record, "column " + column.spec->name + ": required value is empty");
        }
        if (binary_) append_binary_null(out);
        else out += "\\N\t";
        continue;
      }
      if (binary_ && column.spec->transform == Transform::None) {
        switch (append_checked_binary_value(out, column.rule, value, why_)) {
          case BinaryValue::Appended:
            continue;
          case BinaryValue::FailsCheck:
            out.resize(row_start);
            return reject_value(record, column, why_, value);
          case BinaryValue::NotEncodable:
            out.resize(row_start);
            return reject_value(record, column, "not a " + column.spec->data_type, value);
        }
      }
      IntegerText integer;  // "5415.0" in an int-checked column is stored as 5415
      if (column.rule.check != Check::None && !check_value_as_stored(column.rule, value, integer, why_)) {
        out.resize(row_start);
        return reject_value(record, column, why_, value);
      }
      if (column.spec->transform == Transform::PythonLiteral) {
        json_.clear();
        PythonLiteralError error;
        if (!python_literal_to_json(value, json_, error)) {
          out.resize(row_start);
          return reject_value(record, column,
                              "not a Python literal (offset " + std::to_string(error.offset) + ": " +
                                  error.message + ")",
                              value);
        }
        value = json_;
      }
      if (!binary_) {
        append_copy_text(out, value);
        out += '\t';
      } else if (!append_binary_value(out, column.rule.type, value)) {
        out.resize(row_start);
        return reject_value(record, column, "not a " + column.spec->data_type, value);
      }
    }
    if (binary_) {
      append_binary_int8(out, record.line);
    } else {
      out += std::to_string(record.line);
      out += '\n';
    }
    ++loaded_;
  }

  PgConnection& connection_;
  const Dataset& dataset_;
  const TableSpec& spec_;
  const std::string& load_id_;
  const StreamOptions& options_;
  FileProgress* progress_;
  RejectLog rejects_;
  std::vector<ColumnPlan> plan_;
  size_t header_fields_ = 0;
  bool binary_ = false;  // COPY in binary format (every column type supports it)
  int64_t read_ = 0;
  int64_t loaded_ = 0;
  std::string why_;
  std::string json_;
};

}  // namespace

std::string rejects_table(const std::string& schema) { return db::qualified_name(schema, "load_rejects"); }

TableLoadResult load_table(PgConnection& connection, const Dataset& dataset, const TableSpec& spec,
                           const std::string& load_id, const StreamOptions& streams, FileProgress* progress) {
  if (progress) progress->started = true;
  return TableLoad(connection, dataset, spec, load_id, streams, progress).run();
}

}  // namespace mrun::load
