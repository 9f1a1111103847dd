// `mrun init NAME`: a starter project in a new folder (task/init_task.h).
#include "cli/commands.h"
#include "task/init_task.h"

namespace mrun::cli {

void register_init_command(CLI::App& app, task::CommonOptions&, int* exit_code) {
  static std::string name;
  auto* init = app.add_subcommand("init", "Create a starter project in a new folder NAME");
  init->add_option("name", name, "The project's name and folder (letters, digits, underscores)")->required();
  init->callback([exit_code] { *exit_code = task::run_init_task(name); });
}

}  // namespace mrun::cli
