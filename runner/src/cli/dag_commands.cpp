// `mrun compile|run|test|build|seed|snapshot|ls`: the commands that walk the DAG.
#include <memory>

#include "cli/commands.h"
#include "task/dag_task.h"
#include "task/list_task.h"
#include "task/project_session.h"

namespace mrun::cli {

namespace {

void add_selection_flags(CLI::App* cmd, task::CommonOptions& options) {
  cmd->add_option("-s,--select,-m,--models", options.select,
                  "Nodes to include: names, path:, tag:, source:, +ancestors, descendants+, @, unions (space), "
                  "intersections (comma)")
      ->expected(1, -1);
  cmd->add_option("--exclude", options.exclude, "Nodes to leave out (same syntax as --select)")->expected(1, -1);
}

void add_publish_flag(CLI::App* cmd, task::CommonOptions& options) {
  cmd->add_option("--publish", options.publish,
                  "atomic: build under shadow names and publish everything at once when the run passed; per_node: "
                  "replace each relation as it is built (default: publish: in project.yml, else atomic)")
      ->check(CLI::IsMember({"atomic", "per_node"}));
}

void add_run_flags(CLI::App* cmd, task::CommonOptions& options) {
  cmd->add_flag("--full-refresh", options.full_refresh, "Rebuild incremental models and seeds from scratch");
  cmd->add_flag("-x,--fail-fast", options.fail_fast, "Stop at the first failure");
  cmd->add_flag("--no-skip", options.no_skip,
                "Run every node and load every file, even those whose inputs did not change since their last build");
  add_publish_flag(cmd, options);
}

CLI::App* add_dag_command(CLI::App& app, const char* name, const char* help, task::DagCommand command,
                          task::CommonOptions& options, task::DagFlags& flags, int* exit_code) {
  auto* cmd = app.add_subcommand(name, help);
  add_selection_flags(cmd, options);
  cmd->callback([command, &options, &flags, exit_code] {
    task::ProjectSession session(options);
    *exit_code = task::run_dag_task(command, session, options, flags);
  });
  return cmd;
}

}  // namespace

void register_dag_commands(CLI::App& app, task::CommonOptions& options, int* exit_code) {
  static task::DagFlags flags;
  auto* build = add_dag_command(app, "build", "Seed, run and test the selected nodes in DAG order",
                                task::DagCommand::Build, options, flags, exit_code);
  add_run_flags(build, options);
  build->add_flag("--store-failures", flags.store_failures, "Keep failing test rows in <schema>_test_failures");
  build->add_option("--dataset", options.dataset_uri,
                    "The dataset to load first (s3://, https://, file://, a zip or a directory); default: the "
                    "dataset_uri var");
  build->add_option("--as-of", flags.as_of,
                    "The date of the drop being built (YYYY-MM-DD), recorded with the run; a drop older than the "
                    "newest published one is refused");
  build->add_flag("--allow-older-drop", flags.allow_older_drop, "Build a drop older than the newest published one");
  build->add_flag("--no-load", flags.skip_load,
                  "Do not load the raw files first (by default a build without --select loads every source file; "
                  "with --select, the selected sources)");
  auto* run = add_dag_command(app, "run", "Materialize the selected models", task::DagCommand::Run, options, flags, exit_code);
  add_run_flags(run, options);
  auto* test = add_dag_command(app, "test", "Run the data tests of the selected nodes", task::DagCommand::Test, options,
                               flags, exit_code);
  test->add_flag("-x,--fail-fast", options.fail_fast, "Stop at the first failure");
  test->add_flag("--store-failures", flags.store_failures, "Keep failing test rows in <schema>_test_failures");
  auto* seed = add_dag_command(app, "seed", "Load the CSV files under seeds/ with COPY", task::DagCommand::Seed, options,
                               flags, exit_code);
  seed->add_flag("--full-refresh", options.full_refresh, "Recreate the seed tables");
  seed->add_flag("--no-skip", options.no_skip, "Load every seed, even those unchanged since their last load");
  add_publish_flag(seed, options);
  auto* snapshot = add_dag_command(app, "snapshot",
                                   "Record the changes of the selected snapshots (type-2 history: new versions, "
                                   "closed versions)",
                                   task::DagCommand::Snapshot, options, flags, exit_code);
  snapshot->add_flag("-x,--fail-fast", options.fail_fast, "Stop at the first failure");
  snapshot->add_flag("--no-skip", options.no_skip,
                     "Run every snapshot, even those whose inputs did not change since their last run");
  add_publish_flag(snapshot, options);
  auto* compile = add_dag_command(app, "compile", "Render models and tests into target/compiled/",
                                  task::DagCommand::Compile, options, flags, exit_code);
  compile->add_option("--inline", flags.inline_sql, "Render this template with the project context and print it");

  static std::string output = "selector";
  static std::vector<std::string> resource_types;
  auto* ls = app.add_subcommand("ls", "List the project's nodes (models, tests, seeds, snapshots, sources)");
  ls->alias("list");
  add_selection_flags(ls, options);
  ls->add_option("-o,--output", output, "selector (default), name, path or json")
      ->check(CLI::IsMember({"selector", "json", "name", "path"}));
  ls->add_option("--resource-type", resource_types, "model, test, seed, snapshot, source (repeatable)");
  ls->callback([&options, exit_code] {
    task::ProjectSession session(options);
    *exit_code = task::list_nodes(session, options, output, resource_types);
  });
}

}  // namespace mrun::cli
