// `mrun history [-s SEL] [--runs N] [--output text|json]`: the recent runs
// of the project from the run state (task/history_task.h does the work).
#include "cli/commands.h"
#include "task/history_task.h"
#include "task/project_session.h"

namespace mrun::cli {

void register_history_command(CLI::App& app, task::CommonOptions& options, int* exit_code) {
  static int runs = 10;
  static std::string output = "text";
  auto* history = app.add_subcommand("history", "Show the recent runs and, per node, status, rows and time over them");
  history
      ->add_option("-s,--select,-m,--models", options.select,
                   "Nodes to show (default: every model, seed and source)")
      ->expected(1, -1);
  history->add_option("--exclude", options.exclude, "Nodes to leave out")->expected(1, -1);
  history->add_option("--runs", runs, "How many recent runs (default 10)");
  history->add_option("-o,--output", output, "text (default) or json")->check(CLI::IsMember({"text", "json"}));
  history->callback([&options, exit_code] {
    task::ProjectSession session(options);
    *exit_code = task::show_history(session, options, runs, output);
  });
}

}  // namespace mrun::cli
