// COPY FROM STDIN through libpq directly: a raw connection, and a writer that
// escapes values into PostgreSQL's COPY text format and sends them in large
// blocks with PQputCopyData (pqxx 6.4's stream_to is several times slower).
#pragma once

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

struct pg_conn;
struct pg_cancel;

namespace mrun::load {

/// One libpq connection, closed on destruction.
class PgConnection {
 public:
  /// Connects to the libpq URI `url`. Throws RunError naming the target
  /// (password redacted) when it cannot.
  explicit PgConnection(const std::string& url);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  /// Runs one or more statements without results. Throws RunError with the
  /// server's message when one fails.
  void exec(const std::string& sql);

  /// Runs one or more statements like exec(), but returns the server's
  /// primary message of the statement that failed ("column \"z\" does not
  /// exist") instead of throwing; empty when every statement succeeded.
  /// Throws RunError only when the query cannot be sent.
  std::string try_exec(const std::string& sql);

  /// Runs a query returning one value (first row, first column); empty when no row.
  std::string query_value(const std::string& sql);

  /// The libpq handle.
  pg_conn* raw() const { return conn_; }

  /// Asks the server to cancel the running statement (a COPY, a CREATE) of
  /// every open PgConnection of this process, for Ctrl-C and SIGTERM: the
  /// statements then fail with "canceling statement due to user request"
  /// and their transactions roll back. Thread-safe.
  static void cancel_all();

 private:
  pg_conn* conn_ = nullptr;
  pg_cancel* cancel_ = nullptr;  ///< taken at connect, so cancel_all() never touches conn_
};

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
