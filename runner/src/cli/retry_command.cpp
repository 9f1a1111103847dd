// `mrun retry`: run again what failed or was skipped in the last run
// (task/retry_task.h does the work; the global flags are its only flags).
#include "cli/commands.h"
#include "task/retry_task.h"

namespace mrun::cli {

void register_retry_command(CLI::App& app, task::CommonOptions& options, int* exit_code) {
  auto* retry = app.add_subcommand(
      "retry",
      "Rerun the nodes that failed or were skipped in the last build, run, test or seed (target/run_results.json), "
      "with that run's command, selection and flags");
  retry->callback([&options, exit_code] { *exit_code = task::run_retry_task(options); });
}

}  // namespace mrun::cli
