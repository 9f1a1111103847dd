// One `mrun compile|run|test|build|seed|ls|load` invocation: parse the
// project, select nodes, run them in DAG order, write target/ artifacts.
#pragma once

#include <string>
#include <vector>

#include "cli/options.h"
#include "cli/project_session.h"

namespace mrun::cli {

/// The commands that walk the DAG.
enum class DagCommand { Compile, Run, Test, Build, Seed };

/// Flags of those commands beyond the common ones.
struct DagFlags {
  bool store_failures = false;   ///< --store-failures (test, build)
  std::string inline_sql;        ///< compile --inline '<template>'
  bool skip_load = false;        ///< build --no-load: do not load the raw files first
};

/// Runs `command` and returns the exit code (0 ok, 1 failures). Throws
/// ConfigError for project or selection errors (exit 2).
int run_dag_command(DagCommand command, ProjectSession& session, const CommonOptions& options, const DagFlags& flags);

/// The quoted relation ("schema"."name") that model, seed or source table
/// `name` builds or reads. Throws ConfigError when no node has that name.
std::string relation_of_node(ProjectSession& session, const CommonOptions& options, const std::string& name);

/// `mrun load`: parses the project and loads every source table whose meta
/// names a file (exit code as run_load_command's). The caller holds the run lock.
int load_project_sources(ProjectSession& session, const CommonOptions& options);

/// `mrun ls`: prints the selected nodes (text or --output json).
int list_nodes(ProjectSession& session, const CommonOptions& options, const std::string& output,
               const std::vector<std::string>& resource_types);

}  // namespace mrun::cli
