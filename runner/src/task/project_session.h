// What most commands need before they work: the project (with --vars
// applied) and the database target, resolved once, in dbt's precedence:
// MRUN_DATABASE_URL, then profiles.yml, then the embedded PostgreSQL.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "task/options.h"
#include "parse/target.h"
#include "project/project_config.h"

namespace mrun::task {

/// The target's name when MRUN_DATABASE_URL chooses the database and no
/// --target names it.
inline constexpr const char* kEnvTargetName = "env";
/// The target's name when no profiles.yml defines the project's profile:
/// the embedded PostgreSQL.
inline constexpr const char* kEmbeddedTargetName = "embedded";

/// A dataset URI typed on the command line (`--dataset`, `mrun load URI`):
/// a relative local path is made absolute against the working directory
/// (the dataset_uri var's is relative to the project); others as given.
std::string command_line_dataset_uri(const std::string& uri);

/// Lazily loaded project and target for one command invocation.
class ProjectSession {
 public:
  explicit ProjectSession(const CommonOptions& options) : options_(options) {}

  /// The project config; throws ConfigError (exit 2) when missing or malformed.
  /// Prints its warnings to stderr once.
  const project::ProjectConfig& project();

  /// The resolved target. Starts the embedded PostgreSQL when it is the one
  /// chosen and `start_database` is true (so url is usable).
  const parse::Target& target(bool start_database = true);

 private:
  const CommonOptions& options_;
  std::optional<project::ProjectConfig> project_;
  std::optional<parse::Target> target_;
};

}  // namespace mrun::task
