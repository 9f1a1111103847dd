// The records a load rejects, kept outside memory (a temporary file) until
// they are written to <schema>.load_rejects, so a file full of bad records
// cannot exhaust memory.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "load/copy/pg_copy.h"

namespace mrun::load {

/// One rejected record, as reported back to the caller.
struct Reject {
  int64_t line = 0;    ///< source line where the record starts
  std::string reason;  ///< why it was rejected
};

/// Rejected records of one file of one load.
class RejectLog {
 public:
  /// Rejects of `file_name` in load `load_id`. Throws RunError when no
  /// temporary file can be created.
  RejectLog(std::string load_id, std::string file_name);
  ~RejectLog();
  RejectLog(const RejectLog&) = delete;
  RejectLog& operator=(const RejectLog&) = delete;

  /// Records one reject: its line, reason and the record's text as read
  /// (made valid UTF-8 for storage). A reason is cut at kMaxReasonBytes (a
  /// message may quote a huge field; the record keeps it whole).
  void add(int64_t line, std::string_view reason, std::string_view record);

  static constexpr size_t kMaxReasonBytes = 1000;

  /// How many records were rejected.
  int64_t count() const { return count_; }

  /// The first few rejects, for messages.
  const std::vector<Reject>& first() const { return first_; }

  /// Appends every reject to `table` (schema-qualified load_rejects) with
  /// COPY over `connection`. Throws RunError.
  void write_to(PgConnection& connection, const std::string& table);

  /// The SQL that creates the rejects table `table` when it is missing.
  static std::string create_table_sql(const std::string& table);

 private:
  std::string load_id_;
  std::string file_name_;
  std::FILE* spill_ = nullptr;
  int64_t count_ = 0;
  std::vector<Reject> first_;
  std::string row_;
};

}  // namespace mrun::load
