// `mrun show MODEL | -s MODEL | --inline 'SQL' [--limit N]`: the first rows
// of a node or a query (task/show_task.h does the work).
#include "cli/commands.h"
#include "task/project_session.h"
#include "task/show_task.h"
#include "util/error.h"

namespace mrun::cli {

void register_show_command(CLI::App& app, task::CommonOptions& options, int* exit_code) {
  static task::ShowRequest request;
  static std::vector<std::string> selected;
  auto* show = app.add_subcommand("show", "Print the first rows of a model, seed, source table or inline query");
  show->add_option("model", request.node, "Model (or seed, or source table) name");
  show->add_option("-s,--select", selected, "The node to show (one name)")->expected(1, -1);
  show->add_option("--inline", request.inline_sql,
                   "A query to run instead (a template: ref, source and macros work; ephemeral refs become CTEs)");
  show->add_option("-l,--limit", request.limit, "Rows to print")->capture_default_str()->check(CLI::Range(0, 1000000));
  show->add_flag("--unpublished", request.unpublished,
                 "Show what the last run built but did not publish (its shadow, kept until the next run)");
  show->callback([&options, exit_code] {
    if (!selected.empty()) {
      if (selected.size() > 1 || !request.node.empty())
        throw ConfigError("mrun show shows one node: name it once (MODEL or -s MODEL)");
      request.node = selected.front();
    }
    task::ProjectSession session(options);
    *exit_code = task::show_rows(session, options, request);
  });
}

}  // namespace mrun::cli
