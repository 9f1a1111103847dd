// `mrun clean`: removes clean-targets (task/clean_task.h).
#include "cli/commands.h"
#include "task/clean_task.h"
#include "task/project_session.h"

namespace mrun::cli {

void register_clean_command(CLI::App& app, task::CommonOptions& options, int* exit_code) {
  auto* clean = app.add_subcommand("clean", "Remove the clean-targets folders (default: target/ and dbt_packages/)");
  clean->callback([&options, exit_code] {
    task::ProjectSession session(options);
    *exit_code = task::run_clean_task(session);
  });
}

}  // namespace mrun::cli
