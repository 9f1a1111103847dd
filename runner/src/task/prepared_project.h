// What every project command prepares before it does anything: the dbt
// context with the project's macros, and the parsed project (manifest,
// schema files), from one parse.
#pragma once

#include <memory>
#include <string>

#include "parse/dbt_context.h"
#include "parse/project_parser.h"
#include "project/installed_packages.h"
#include "project/project_config.h"
#include "task/options.h"
#include "task/project_session.h"

namespace mrun::task {

/// The context and the parse of one project.
struct PreparedProject {
  std::vector<project::InstalledPackage> packages;  ///< what dbt_packages/ holds (project/installed_packages.h)
  std::unique_ptr<parse::DbtContext> context;
  parse::ParsedProject parsed;
};

/// Parses the project of `session` (starting its database when
/// `start_database` and the target is the embedded one) and prints the
/// parse's warnings. Throws ConfigError (exit 2) for project errors.
///
/// The result is never freed: mrun runs one command per process, and
/// tearing down the nodes and templates of a 10,000-model project took an
/// eighth of `mrun ls`; the operating system reclaims it at exit.
PreparedProject& prepare_project(ProjectSession& session, const CommonOptions& options, bool start_database);

/// The project's target directory (target-path under the project root).
std::string target_dir(const project::ProjectConfig& config);

}  // namespace mrun::task
