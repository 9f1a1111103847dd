// One run at a time per database: a PostgreSQL advisory lock held on its
// own connection for the whole run, so overlapping scheduled runs (or a
// backfill started by hand) fail fast instead of racing on the same tables.
// It works across machines, and PostgreSQL releases it if mrun dies.
//
// Every connection of a run carries the application_name "mrun run:
// <project>" (through PGAPPNAME), so the run that takes the lock next can
// find and terminate the backends a killed run left working.
#pragma once

#include <memory>
#include <pqxx/pqxx>
#include <string>

namespace mrun::exec {

/// Holds the run lock of `project` on the database at `url` while alive.
class RunLock {
 public:
  /// Takes the lock or throws RunError saying which process holds it; then
  /// terminates backends of dead runs of `project`. Sets PGAPPNAME for the
  /// connections this process opens from then on.
  RunLock(const std::string& url, const std::string& project);
  ~RunLock();
  RunLock(const RunLock&) = delete;
  RunLock& operator=(const RunLock&) = delete;

  /// The connection that holds the lock (usable for run-level work).
  pqxx::connection& connection() { return *conn_; }

 private:
  std::unique_ptr<pqxx::connection> conn_;
  std::string key_;
};

}  // namespace mrun::exec
