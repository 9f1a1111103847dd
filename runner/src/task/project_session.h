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
