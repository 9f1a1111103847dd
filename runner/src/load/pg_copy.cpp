#include "load/pg_copy.h"

#include <libpq-fe.h>

#include <cstring>
#include <memory>

#include "db/connection.h"
#include "util/error.h"

namespace mrun::load {

namespace {

std::string server_message(PGconn* conn) {
  std::string m = PQerrorMessage(conn);
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  return m;
}

// Reads every pending result; throws on the first error.
void drain_results(PGconn* conn, const std::string& what, long long* rows = nullptr) {
  std::string error;
  while (PGresult* r = PQgetResult(conn)) {
    std::unique_ptr<PGresult, decltype(&PQclear)> result(r, PQclear);
    ExecStatusType s = PQresultStatus(r);
    if (s == PGRES_FATAL_ERROR && error.empty()) {
      error = PQresultErrorMessage(r);
      while (!error.empty() && error.back() == '\n') error.pop_back();
    }
    if (rows && s == PGRES_COMMAND_OK) *rows = std::atoll(PQcmdTuples(r));
  }
  if (!error.empty()) throw RunError(what + ": " + error);
}

}  // namespace

PgConnection::PgConnection(const std::string& url) {
  conn_ = PQconnectdb(url.c_str());
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string m = server_message(conn_);
    PQfinish(conn_);
    conn_ = nullptr;
    throw RunError("cannot connect to " + db::redact_password(url) + ": " + m);
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
}

CopyIn::~CopyIn() {
  if (open_) {
    try {
      abort("aborted");
    } catch (...) {
    }
  }
}

void CopyIn::send() {
  if (buffer_.empty()) return;
  if (PQputCopyData(connection_.raw(), buffer_.data(), static_cast<int>(buffer_.size())) != 1)
    throw RunError("COPY failed: " + server_message(connection_.raw()));
  buffer_.clear();
}

long long CopyIn::finish() {
  send();
  open_ = false;
  PGconn* conn = connection_.raw();
  if (PQputCopyEnd(conn, nullptr) != 1) throw RunError("COPY failed: " + server_message(conn));
  long long rows = 0;
  drain_results(conn, "COPY failed", &rows);
  return rows;
}

void CopyIn::abort(const std::string& why) {
  open_ = false;
  buffer_.clear();
  PGconn* conn = connection_.raw();
  PQputCopyEnd(conn, why.c_str());
  try {
    drain_results(conn, "COPY aborted");
  } catch (const RunError&) {
    // expected: the server reports the abort we asked for
  }
}

}  // namespace mrun::load
