// `mrun source freshness [-s SEL]`: how old each source's data is
// (task/freshness_task.h).
#include "cli/commands.h"
#include "task/freshness_task.h"
#include "task/project_session.h"

namespace mrun::cli {

void register_source_command(CLI::App& app, task::CommonOptions& options, int* exit_code) {
  auto* source = app.add_subcommand("source", "Commands about sources");
  source->require_subcommand(1);
  auto* freshness = source->add_subcommand(
      "freshness", "Check how old each source's newest data is against its freshness rule; write target/sources.json");
  freshness->add_option("-s,--select", options.select, "Sources to check, e.g. source:raw or source:raw.people")
      ->expected(1, -1);
  freshness->add_option("--exclude", options.exclude, "Sources to leave out")->expected(1, -1);
  freshness->callback([&options, exit_code] {
    task::ProjectSession session(options);
    *exit_code = task::run_freshness_task(session, options);
  });
}

}  // namespace mrun::cli
