// The `args` object of target/run_results.json: the flags a DAG command ran
// with (dbt writes its own there), written by dag_task and read back by
// `mrun retry` (task/retry_task.h) to run the same command the same way.
//
//   dbt's keys    which, select, exclude, vars (the --vars text), threads,
//                 full_refresh, target (the resolved target's name)
//   mrun's keys   fail_fast, warn_error, store_failures, no_skip; unique_ids when the
//                 run selected nodes by id (a retry); for build: no_load,
//                 dataset (--dataset, absolute), as_of, allow_older_drop and load ("done", "failed",
//                 "not run"): a build whose load failed ran no node, and
//                 writes its run_results.json with no results and load
//                 "failed", so that a retry loads again.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

#include "parse/target.h"
#include "task/dag_task.h"
#include "task/options.h"

namespace mrun::task {

/// What became of the load step of a run (only `build` loads).
enum class LoadStep { NotRun, Done, Failed };

/// The args of a run of `command` with these flags on `target`.
nlohmann::ordered_json run_args(DagCommand command, const CommonOptions& options, const DagFlags& flags,
                                const parse::Target& target, LoadStep load);

/// A run as its args recorded it.
struct RecordedRun {
  DagCommand command = DagCommand::Build;
  /// select, exclude, vars, dataset_uri, threads, full_refresh, fail_fast,
  /// warn_error and publish (--publish) as recorded; the rest default.
  CommonOptions options;
  /// store_failures and skip_load (no_load) as recorded; unique_ids unset.
  DagFlags flags;
  std::string target;        ///< the target's name ("" when not recorded)
  bool load_failed = false;  ///< a build whose load failed: no node ran
};

/// Reads back what run_args wrote (a key that is missing takes its
/// default). Throws ConfigError naming `file` when `args` is not an object,
/// a key has the wrong type, or `which` names no DAG command.
RecordedRun recorded_run(const nlohmann::json& args, const std::string& file);

/// "build", "run", "test", "seed" or "compile".
const char* dag_command_name(DagCommand command);

}  // namespace mrun::task
