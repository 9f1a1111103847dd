// Errors that reach the user. Every error about a user file carries the file,
// line and column; the CLI maps error kinds to exit codes (README.md, "Exit codes").
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

/// Work that failed at run time (a query, a download, a load): exit code 1.
class RunError : public std::runtime_error {
 public:
  explicit RunError(const std::string& message) : std::runtime_error(message) {}
};

/// Exit codes of the mrun binary.
enum ExitCode : int { kExitOk = 0, kExitFailed = 1, kExitUsage = 2 };

}  // namespace mrun
