// `mrun deps [--upgrade]`: installs packages.yml's packages (task/deps_task.h).
#include "cli/commands.h"
#include "task/deps_task.h"
#include "task/project_session.h"

namespace mrun::cli {

void register_deps_command(CLI::App& app, task::CommonOptions& options, int* exit_code) {
  static bool upgrade = false;
  auto* deps = app.add_subcommand("deps", "Install the packages of packages.yml into dbt_packages/ (package-lock.yml)");
  deps->add_flag("--upgrade", upgrade, "Resolve versions and revisions again instead of using package-lock.yml");
  deps->callback([&options, exit_code] {
    task::ProjectSession session(options);
    *exit_code = task::run_deps_task(session, upgrade);
  });
}

}  // namespace mrun::cli
