#include "exec/run_lock.h"

#include <cstdlib>

#include "db/connection.h"
#include "util/error.h"

namespace mrun::exec {

RunLock::RunLock(const std::string& url, const std::string& project) : key_("mrun run: " + project) {
  // PostgreSQL keeps the first 63 bytes of an application_name.
  std::string application = key_.substr(0, 63);
  setenv("PGAPPNAME", application.c_str(), 1);  // every connection opened from now on
  conn_ = db::connect(url);
  pqxx::nontransaction tx(*conn_);
  bool got = tx.exec_params1("SELECT pg_try_advisory_lock(hashtext($1))", key_)[0].as<bool>();
  if (!got) {
    auto holder = tx.exec_params(
        "SELECT a.pid, a.backend_start::text, a.client_addr::text FROM pg_locks l JOIN pg_stat_activity a "
        "ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted AND l.objid = hashtext($1)::oid",
        key_);
    std::string who = holder.empty() ? "another session"
                                     : "server process " + std::string(holder[0][0].c_str()) + " (connected " +
                                           std::string(holder[0][1].c_str()) + ")";
    throw RunError("another mrun run of project '" + project + "' is in progress on this database (" + who +
                   "); runs must not overlap");
  }
  // Holding the lock proves that no other run of the project is alive: a
  // backend still working for one (a statement of a run killed with -9 goes
  // on until it next talks to its client) would only block this run.
  tx.exec_params(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND "
      "datname = current_database() AND usename = current_user AND pid <> pg_backend_pid()",
      application);
}

RunLock::~RunLock() {
  try {
    pqxx::nontransaction tx(*conn_);
    tx.exec_params("SELECT pg_advisory_unlock(hashtext($1))", key_);
  } catch (const std::exception&) {
    // Closing the connection releases the lock anyway.
  }
}

}  // namespace mrun::exec
