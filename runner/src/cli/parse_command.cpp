// `mrun parse`: parse the project, write target/manifest.json (task/parse_task.h).
#include "cli/commands.h"
#include "task/parse_task.h"
#include "task/project_session.h"

namespace mrun::cli {

void register_parse_command(CLI::App& app, task::CommonOptions& options, int* exit_code) {
  auto* parse = app.add_subcommand("parse", "Parse the project (no database), write target/manifest.json, "
                                            "print the parse time and node counts");
  parse->callback([&options, exit_code] {
    task::ProjectSession session(options);
    *exit_code = task::run_parse_task(session, options);
  });
}

}  // namespace mrun::cli
