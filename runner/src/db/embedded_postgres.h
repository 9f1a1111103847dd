// The embedded PostgreSQL: a private cluster per project, started on demand,
// reachable only through a unix socket (no TCP listener).
//
// The cluster lives in <project>/.mrun/postgres. initdb refuses to run as
// root, so as root the server runs as the `postgres` user; when that user
// cannot reach the project directory (a project under /root, mode 700) the
// cluster moves to /var/tmp/mrun-postgres/<hash of the project path>, and
// `mrun pg status` says so. A lock file serializes start and stop, so two
// mrun processes starting it at once leave one healthy server. Only the user
// who runs mrun (and the server's user) can connect: db/cluster_access.h.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace mrun::db {

/// Where a project's embedded cluster keeps its files.
struct EmbeddedPostgresLayout {
  std::filesystem::path data_dir;    ///< PGDATA
  std::filesystem::path socket_dir;  ///< unix socket directory
  std::filesystem::path log_file;    ///< server log
  std::filesystem::path lock_file;   ///< serializes start/stop
  bool relocated = false;            ///< true when not under the project (root + unreachable project)
};

/// What `mrun pg status` reports.
struct EmbeddedPostgresStatus {
  bool installed = false;    ///< PostgreSQL server binaries were found
  bool initialized = false;  ///< initdb has run
  bool running = false;      ///< a server answers on the socket
  std::string bindir;
  EmbeddedPostgresLayout layout;
  std::string url;           ///< libpq URI of the project database
};

/// One project's embedded PostgreSQL.
/// How many nodes a run against the embedded cluster runs at once when its
/// profile names no `threads`: one per core, at most 16. The server shares
/// the machine with mrun, so more threads only time-slice the same cores
/// between the chain that decides the run's length and the nodes beside it
/// (full-scale movies build on 2 cores: 52.6 s with 2 threads, 57.6 s with
/// 4; docs/benchmarks.md).
int embedded_default_threads();

class EmbeddedPostgres {
 public:
  /// Name of the database mrun creates in the cluster.
  static constexpr const char* kDatabase = "mrun";

  /// Prepares paths for the project in `project_dir`; touches nothing.
  explicit EmbeddedPostgres(const std::filesystem::path& project_dir);

  /// Initializes the cluster if needed, starts the server unless it runs,
  /// creates the project database, and returns its libpq URI. Safe to call
  /// from several processes at once. Throws ConfigError when PostgreSQL is
  /// not installed, RunError when initdb or the server fails (with its log).
  std::string start();

  /// Stops the server if it runs (fast shutdown). Returns true if it was running.
  bool stop();

  /// Looks at the cluster without changing it.
  EmbeddedPostgresStatus status() const;

  /// libpq URI of the project database (valid once started).
  std::string url() const;

  /// The file locations.
  const EmbeddedPostgresLayout& layout() const { return layout_; }

 private:
  bool running() const;
  void initialize(const std::string& bindir);
  bool upgrade_settings() const;
  std::string run_as_server_user(const std::vector<std::string>& argv, const std::string& what) const;

  EmbeddedPostgresLayout layout_;
};

/// The directory holding initdb/pg_ctl/postgres, from `pg_config --bindir` or
/// the newest /usr/lib/postgresql/*/bin; empty when none is installed.
std::string find_postgres_bindir();

}  // namespace mrun::db
