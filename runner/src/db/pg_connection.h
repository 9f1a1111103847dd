// Raw libpq connections, for what libpqxx does not do well: COPY streamed in
// large blocks (load/copy/pg_copy.h), statements allowed to fail, and cancelling
// every running statement of the process at once on Ctrl-C or SIGTERM.
// Like db/connection.h (libpqxx connections), it is one of the two ways into
// the database, and both live here: messages never carry a password.
#pragma once

#include <string>

struct pg_conn;
struct pg_cancel;

namespace mrun::db {

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
  /// The SQLSTATE of the error of the last exec(), try_exec() or
  /// query_value() ("55P03": a lock timeout); empty when it succeeded.
  const std::string& last_sqlstate() const { return last_sqlstate_; }

  /// Runs a query returning one value (first row, first column); empty when no row.
  std::string query_value(const std::string& sql);

  /// The libpq handle (for COPY).
  pg_conn* raw() const { return conn_; }

  /// True when the connection is gone (the server died or ended the
  /// session): what failed on it may work on a retry.
  bool lost() const;

  /// libpq's last error message on this connection, without the trailing newline.
  std::string error_message() const;

  /// Reads every pending result of the statement(s) sent last; throws
  /// RunError("<what>: <the first error>") when one failed. Returns the row
  /// count of the last command that reported one (COPY: rows stored).
  long long collect_results(const std::string& what);

  /// Asks the server to cancel the statement running on this connection
  /// (best effort). Thread-safe: meant for another thread than the one
  /// running the statement.
  void cancel() const;

  /// Asks the server to cancel the running statement (a COPY, a CREATE) of
  /// every open PgConnection of this process, for Ctrl-C and SIGTERM: the
  /// statements then fail with "canceling statement due to user request"
  /// and their transactions roll back. Thread-safe.
  static void cancel_all();

 private:
  pg_conn* conn_ = nullptr;
  pg_cancel* cancel_ = nullptr;  ///< taken at connect, so cancel_all() never touches conn_
  std::string last_sqlstate_;
};

}  // namespace mrun::db
