// The tasks that walk the DAG, `mrun build|run|test|seed|snapshot|compile`: parse the
// project, select nodes, take the run lock, (build: load the raw files,
// task/load_task.h), run the nodes in DAG order (exec/scheduler.h), write
// the target/ artifacts. They differ in the kinds of node they run.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "task/options.h"
#include "task/project_session.h"

namespace mrun::task {

/// The commands that walk the DAG.
enum class DagCommand { Compile, Run, Test, Build, Seed, Snapshot };

/// Flags of those commands beyond the common ones.
struct DagFlags {
  bool store_failures = false;   ///< --store-failures (test, build)
  std::string inline_sql;        ///< compile --inline '<template>'
  bool skip_load = false;        ///< build --no-load: do not load the raw files first
  std::string as_of;             ///< build --as-of YYYY-MM-DD: the date of the drop, recorded with the run
  bool allow_older_drop = false; ///< build --allow-older-drop: build a drop older than the newest published
  /// Exactly these nodes (unique ids) instead of --select/--exclude, no test
  /// following indirectly (graph::select_unique_ids): `mrun retry`'s selection.
  std::optional<std::vector<std::string>> unique_ids;
};

/// Runs `command` and returns the exit code (0 ok, 1 failures). Throws
/// ConfigError for project or selection errors (exit 2).
int run_dag_task(DagCommand command, ProjectSession& session, const CommonOptions& options, const DagFlags& flags);




}  // namespace mrun::task
