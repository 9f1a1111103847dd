// Errors that reach the user. Every error about a user file carries the file,
// line and column; exit_code_for() maps error kinds to exit codes (README.md,
// "Exit codes"), for the command line and for each node of a run alike.
#pragma once

#include <stdexcept>
#include <string>

namespace mrun {

/// A position in a user file. line and column are 1-based; 0 means unknown.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;

  /// "file:line:col", "file:line" or "file", depending on what is known.
  std::string str() const;
};

/// A mistake in the project, profiles, flags or input files: exit code 2.
class ConfigError : public std::runtime_error {
 public:
  explicit ConfigError(const std::string& message) : std::runtime_error(message) {}
  /// Prefixes the message with "file:line:col: ".
  ConfigError(const SourceLocation& where, const std::string& message)
      : std::runtime_error(where.str() + ": " + message), location(where) {}
  SourceLocation location;
};

/// Work that failed at run time (a query, a download, a load): exit code 1,
/// or 3 when `transient`.
class RunError : public std::runtime_error {
 public:
  explicit RunError(const std::string& message, bool transient = false)
      : std::runtime_error(message), transient(transient) {}
  /// An infrastructure failure that a later retry of the same run may fix:
  /// the database unreachable, the connection lost, the network failing after
  /// the download's own retries.
  bool transient = false;
};

/// Exit codes of the mrun binary (README.md, "Exit codes").
enum ExitCode : int {
  kExitOk = 0,
  kExitFailed = 1,     ///< a load, model or test failed; interrupted; another run holds the lock
  kExitUsage = 2,      ///< usage, configuration or template (compile) error: fix the project
  kExitTransient = 3,  ///< the database or network failed: retrying may succeed
};

/// The one mapping of errors to exit codes: ConfigError (TemplateError
/// included) 2, a transient RunError 3, anything else 1.
ExitCode exit_code_for(const std::exception& error);

/// The exit code of a run with outcomes `a` and `b`: the one that needs a
/// person more (2 over 1 over 3 over 0), so a scheduler retries a run only
/// when everything that failed was transient.
ExitCode worse_exit_code(ExitCode a, ExitCode b);

}  // namespace mrun
