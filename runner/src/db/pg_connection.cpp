#include "db/pg_connection.h"

#include <libpq-fe.h>

#include <cstdlib>
#include <memory>
#include <mutex>
#include <set>

#include "util/error.h"
#include "util/redact.h"

namespace mrun::db {

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
  std::string sqlstate;
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
      const char* sqlstate = PQresultErrorField(r, PG_DIAG_SQLSTATE);
      error.sqlstate = sqlstate ? sqlstate : "";
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

// The open connections, for cancel_all().
std::mutex g_open_mutex;
std::set<pg_cancel*> g_open;

}  // namespace

PgConnection::PgConnection(const std::string& url) {
  conn_ = PQconnectdb(url.c_str());
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string m = server_message(conn_);
    PQfinish(conn_);
    conn_ = nullptr;
    throw RunError("cannot connect to " + redact_passwords(url) + ": " + redact_message(m, url), /*transient=*/true);
  }
  PQsetClientEncoding(conn_, "UTF8");
  // Notices ("schema raw already exists, skipping") are not news to the user.
  PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
  cancel_ = PQgetCancel(conn_);
  std::lock_guard lock(g_open_mutex);
  g_open.insert(cancel_);
}

PgConnection::~PgConnection() {
  {
    std::lock_guard lock(g_open_mutex);
    g_open.erase(cancel_);
  }
  if (cancel_) PQfreeCancel(cancel_);
  if (conn_) PQfinish(conn_);
}

void PgConnection::cancel() const {
  char error[256];
  if (cancel_) PQcancel(cancel_, error, sizeof error);  // best effort: a failed request leaves the query running
}

void PgConnection::cancel_all() {
  std::lock_guard lock(g_open_mutex);
  char error[256];
  for (pg_cancel* cancel : g_open) {
    if (cancel) PQcancel(cancel, error, sizeof error);  // best effort: a failed request leaves the query running
  }
}

void PgConnection::exec(const std::string& sql) {
  if (!PQsendQuery(conn_, sql.c_str())) throw RunError(server_message(conn_));
  ResultError error = read_results(conn_);
  last_sqlstate_ = error.sqlstate;
  if (!error.text.empty()) throw RunError("query failed: " + error.text);
}

std::string PgConnection::try_exec(const std::string& sql) {
  if (!PQsendQuery(conn_, sql.c_str())) throw RunError(server_message(conn_));
  ResultError error = read_results(conn_);
  last_sqlstate_ = error.sqlstate;
  return error.primary;
}

std::string PgConnection::query_value(const std::string& sql) {
  std::unique_ptr<PGresult, decltype(&PQclear)> r(PQexec(conn_, sql.c_str()), PQclear);
  const char* sqlstate = PQresultErrorField(r.get(), PG_DIAG_SQLSTATE);
  last_sqlstate_ = sqlstate ? sqlstate : "";
  if (PQresultStatus(r.get()) != PGRES_TUPLES_OK) throw RunError("query failed: " + server_message(conn_));
  if (PQntuples(r.get()) == 0) return "";
  return PQgetvalue(r.get(), 0, 0);
}

bool PgConnection::lost() const { return PQstatus(conn_) == CONNECTION_BAD; }

std::string PgConnection::error_message() const { return server_message(conn_); }

long long PgConnection::collect_results(const std::string& what) {
  long long rows = 0;
  drain_results(conn_, what, &rows);
  return rows;
}

}  // namespace mrun::db
