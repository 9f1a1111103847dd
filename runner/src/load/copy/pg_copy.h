// COPY FROM STDIN through libpq directly (on a db::PgConnection): a writer
// that escapes values into PostgreSQL's COPY text format and sends them in
// large blocks with PQputCopyData (pqxx 6.4's stream_to is several times
// slower).
#pragma once

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "db/pg_connection.h"

namespace mrun::load {

using db::PgConnection;


/// Appends `value` to `out` escaped for COPY text format (backslash, tab,
/// newline and carriage return are escaped; everything else is copied).
void append_copy_text(std::string& out, std::string_view value);

/// One COPY ... FROM STDIN in progress. Rows are appended to buffer() in COPY
/// format; flush_if_full() hands full blocks to a sender thread, so the
/// server receives the next block while this thread prepares the one after
/// (without it the server idles whenever the client is busy).
class CopyIn {
 public:
  /// Starts `copy_sql` (a COPY ... FROM STDIN statement). Throws RunError.
  CopyIn(PgConnection& connection, const std::string& copy_sql, size_t block_size = size_t{1} << 20);
  /// Aborts the COPY when neither finish() nor abort() was called.
  ~CopyIn();

  /// The pending COPY text; append whole rows (each ending in '\n').
  std::string& buffer() { return buffer_; }
  /// Queues the buffer for sending once it holds a block; returns true when
  /// it did. Throws RunError when sending an earlier block failed.
  bool flush_if_full() {
    if (buffer_.size() < block_size_) return false;
    send();
    return true;
  }
  /// Sends what is left and ends the COPY; returns the rows the server stored.
  /// Throws RunError with the server's message (e.g. a value the type rejects).
  long long finish();
  /// Ends the COPY with an error, so the server discards it.
  void abort(const std::string& why);

 private:
  void send();
  void sender_loop();
  void stop_sender();

  PgConnection& connection_;
  std::string buffer_;
  size_t block_size_;
  bool open_ = true;
  // Blocks waiting to be sent, spare buffers, and the sender's state.
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::string> queue_;
  std::vector<std::string> spare_;
  bool closing_ = false;
  std::string send_error_;
  std::thread sender_;
};

}  // namespace mrun::load
