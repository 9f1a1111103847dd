// Running the mrun binary from tests, against a copy of a test project and a
// fresh database on the embedded test cluster.
#pragma once

#include <string>
#include <sys/types.h>
#include <vector>

#include "util/process.h"

namespace mrun::test {

/// `mrun` running in the background, its output going to a file.
class BackgroundMrun {
 public:
  BackgroundMrun(pid_t pid, std::string output_file) : pid_(pid), output_file_(std::move(output_file)) {}
  /// Sends `signal` (SIGINT, SIGTERM, SIGKILL) to the process.
  void signal(int signal) const;
  /// Waits for the end: exit code (128+signal when killed) and output.
  ProcessResult wait();

 private:
  pid_t pid_;
  std::string output_file_;
};

/// A test project copied to a scratch directory, with its own database.
class ProjectFixture {
 public:
  /// Copies runner/tests/projects/<name> (or the repository root's movies
  /// project when `name` is "movies") to a scratch directory and creates
  /// database `database` for it.
  ProjectFixture(const std::string& name, const std::string& database);
  /// Stops the project's own embedded cluster, if use_embedded_cluster() started one.
  ~ProjectFixture();
  /// Moved, the embedded cluster is the new fixture's to stop.
  ProjectFixture(ProjectFixture&& other) noexcept;
  ProjectFixture& operator=(ProjectFixture&&) = delete;

  /// Moves the project off the test cluster onto its own embedded
  /// PostgreSQL (`mrun pg start`, README "The embedded PostgreSQL"): mrun()
  /// and start() no longer set MRUN_DATABASE_URL, so mrun starts that
  /// cluster on demand as it does for users; url() names its database. For
  /// tests that stop the server under a run.
  void use_embedded_cluster();
  /// The process id of the embedded cluster's postmaster (0 when it is not running).
  pid_t embedded_postmaster_pid() const;

  /// Runs `mrun <args...> --project-dir <dir>` with MRUN_DATABASE_URL set to
  /// the fixture's database; returns exit code and output.
  ProcessResult mrun(std::vector<std::string> args) const;

  /// Starts `mrun <args...> --project-dir <dir>` like mrun(), without waiting.
  BackgroundMrun start(std::vector<std::string> args) const;

  /// The single value of `sql` on the fixture's database, as text ("" for NULL).
  std::string query_value(const std::string& sql) const;

  /// Writes (or replaces) a file of the project copy.
  void write(const std::string& relative_path, const std::string& content) const;

  /// Removes a file of the project copy.
  void remove(const std::string& relative_path) const;

  const std::string& dir() const { return dir_; }
  const std::string& url() const { return url_; }

 private:
  std::string dir_;
  std::string url_;
  bool embedded_ = false;  ///< use_embedded_cluster() was called
};

/// The exit code and output of `r`, for a test's INFO.
std::string output_of(const ProcessResult& r);

/// Whether `text` (a run's output) contains `part`.
inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace mrun::test
