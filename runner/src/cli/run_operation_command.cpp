// `mrun run-operation MACRO [--args '{k: v}']` (task/run_operation_task.h does the work).
#include "cli/commands.h"
#include "task/project_session.h"
#include "task/run_operation_task.h"

namespace mrun::cli {

void register_run_operation_command(CLI::App& app, task::CommonOptions& options, int* exit_code) {
  static task::RunOperationRequest request;
  auto* command = app.add_subcommand("run-operation", "Run a macro against the database (its statements commit at its end)");
  command->add_option("macro", request.macro, "The macro to run (name, or package.name)")->required();
  command->add_option("--args", request.args, "The macro's arguments as a YAML mapping, e.g. '{table: orders, days: 7}'");
  command->callback([&options, exit_code] {
    task::ProjectSession session(options);
    *exit_code = task::run_operation(session, options, request);
  });
}

}  // namespace mrun::cli
