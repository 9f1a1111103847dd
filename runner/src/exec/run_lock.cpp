#include "exec/run_lock.h"

#include "db/connection.h"
#include "util/error.h"

namespace mrun::exec {

RunLock::RunLock(const std::string& url, const std::string& project) : key_("mrun run: " + project) {
  conn_ = db::connect(url);
  pqxx::nontransaction tx(*conn_);
  tx.exec("SET application_name = 'mrun'");
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
