#include "load/pg_copy.h"

#include <libpq-fe.h>

#include <cstring>
#include <memory>

#include "util/error.h"
#include "util/redact.h"

namespace mrun::load {

namespace {

std::string server_message(PGconn* conn) {
  std::string m = PQerrorMessage(conn);
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  return m;
}

// The first error among a query's results: the whole text and the primary message.
struct ResultError {
  std::string text;
  std::string primary;
};

// Reads every pending result; returns the first error (empty when none).
ResultError read_results(PGconn* conn, long long* rows = nullptr) {
  ResultError error;
  while (PGresult* r = PQgetResult(conn)) {
    std::unique_ptr<PGresult, decltype(&PQclear)> result(r, PQclear);
    ExecStatusType s = PQresultStatus(r);
    if (s == PGRES_FATAL_ERROR && error.text.empty()) {
      error.text = PQresultErrorMessage(r);
      while (!error.text.empty() && error.text.back() == '\n') error.text.pop_back();
      const char* primary = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
      error.primary = primary && *primary ? primary : error.text;
    }
    if (rows && s == PGRES_COMMAND_OK) *rows = std::atoll(PQcmdTuples(r));
  }
  return error;
}

// Reads every pending result; throws on the first error.
void drain_results(PGconn* conn, const std::string& what, long long* rows = nullptr) {
  ResultError error = read_results(conn, rows);
  if (!error.text.empty()) throw RunError(what + ": " + error.text);
}

}  // namespace

PgConnection::PgConnection(const std::string& url) {
  conn_ = PQconnectdb(url.c_str());
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string m = server_message(conn_);
    PQfinish(conn_);
    conn_ = nullptr;
    throw RunError("cannot connect to " + redact_passwords(url) + ": " + redact_message(m, url));
  }
  PQsetClientEncoding(conn_, "UTF8");
  // Notices ("schema raw already exists, skipping") are not news to the user.
  PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
}

PgConnection::~PgConnection() {
  if (conn_) PQfinish(conn_);
}

void PgConnection::exec(const std::string& sql) {
  if (!PQsendQuery(conn_, sql.c_str())) throw RunError(server_message(conn_));
  drain_results(conn_, "query failed");
}

std::string PgConnection::try_exec(const std::string& sql) {
  if (!PQsendQuery(conn_, sql.c_str())) throw RunError(server_message(conn_));
  return read_results(conn_).primary;
}

std::string PgConnection::query_value(const std::string& sql) {
  std::unique_ptr<PGresult, decltype(&PQclear)> r(PQexec(conn_, sql.c_str()), PQclear);
  if (PQresultStatus(r.get()) != PGRES_TUPLES_OK) throw RunError("query failed: " + server_message(conn_));
  if (PQntuples(r.get()) == 0) return "";
  return PQgetvalue(r.get(), 0, 0);
}

void append_copy_text(std::string& out, std::string_view value) {
  const char* p = value.data();
  const char* end = p + value.size();
  while (p < end) {
    const char* run = p;
    while (p < end && *p != '\\' && *p != '\t' && *p != '\n' && *p != '\r') ++p;
    out.append(run, p - run);
    if (p == end) break;
    out += '\\';
    switch (*p) {
      case '\\': out += '\\'; break;
      case '\t': out += 't'; break;
      case '\n': out += 'n'; break;
      default: out += 'r'; break;
    }
    ++p;
  }
}

CopyIn::CopyIn(PgConnection& connection, const std::string& copy_sql, size_t block_size)
    : connection_(connection), block_size_(block_size) {
  PGconn* conn = connection_.raw();
  std::unique_ptr<PGresult, decltype(&PQclear)> r(PQexec(conn, copy_sql.c_str()), PQclear);
  if (PQresultStatus(r.get()) != PGRES_COPY_IN) {
    open_ = false;
    throw RunError("COPY failed to start: " + server_message(conn));
  }
  buffer_.reserve(block_size_ + (block_size_ >> 2));
  sender_ = std::thread([this] { sender_loop(); });
}

CopyIn::~CopyIn() {
  if (open_) {
    try {
      abort("aborted");
    } catch (...) {
    }
  }
  stop_sender();
}

void CopyIn::sender_loop() {
  constexpr size_t kMaxSpare = 3;
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    changed_.wait(lock, [this] { return closing_ || !queue_.empty(); });
    if (queue_.empty()) return;  // closing, nothing left
    std::string block = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    bool ok = send_error_.empty() &&
              PQputCopyData(connection_.raw(), block.data(), static_cast<int>(block.size())) == 1;
    lock.lock();
    if (!ok && send_error_.empty()) send_error_ = "COPY failed: " + server_message(connection_.raw());
    block.clear();
    if (spare_.size() < kMaxSpare) spare_.push_back(std::move(block));
    changed_.notify_all();
  }
}

void CopyIn::stop_sender() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    closing_ = true;
  }
  changed_.notify_all();
  if (sender_.joinable()) sender_.join();
}

void CopyIn::send() {
  constexpr size_t kMaxQueued = 2;
  if (buffer_.empty()) return;
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [this] { return queue_.size() < kMaxQueued || !send_error_.empty(); });
  if (!send_error_.empty()) throw RunError(send_error_);
  queue_.push_back(std::move(buffer_));
  if (!spare_.empty()) {
    buffer_ = std::move(spare_.back());
    spare_.pop_back();
  } else {
    buffer_ = std::string();
    buffer_.reserve(block_size_ + (block_size_ >> 2));
  }
  changed_.notify_all();
}

long long CopyIn::finish() {
  send();
  stop_sender();  // every queued block is sent
  open_ = false;
  PGconn* conn = connection_.raw();
  if (!send_error_.empty()) {
    PQputCopyEnd(conn, "client failed to send");
    try {
      drain_results(conn, "COPY failed");
    } catch (const RunError&) {
    }
    throw RunError(send_error_);
  }
  if (PQputCopyEnd(conn, nullptr) != 1) throw RunError("COPY failed: " + server_message(conn));
  long long rows = 0;
  drain_results(conn, "COPY failed", &rows);
  return rows;
}

void CopyIn::abort(const std::string& why) {
  open_ = false;
  buffer_.clear();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.clear();
  }
  stop_sender();
  PGconn* conn = connection_.raw();
  PQputCopyEnd(conn, why.c_str());
  try {
    drain_results(conn, "COPY aborted");
  } catch (const RunError&) {
    // expected: the server reports the abort we asked for
  }
}

}  // namespace mrun::load
