// `mrun load`: fetch the dataset named by the dataset_uri var and bulk-load
// each file declared in the sources (meta.file) into its raw table
// (task/load_task.h does the work).
#include "cli/commands.h"
#include "task/load_task.h"
#include "task/project_session.h"

namespace mrun::cli {

void register_load_command(CLI::App& app, task::CommonOptions& options, int* exit_code) {
  auto* load = app.add_subcommand("load", "Fetch the dataset (var dataset_uri) and bulk-load its files into the raw tables");
  load->add_option("dataset", options.dataset_uri,
                   "The dataset to load (s3://, https://, file://, a zip or a directory); default: the dataset_uri var");
  load->add_flag("--no-skip,--full-refresh", options.no_skip, "Load every file, even those unchanged since their last load");
  load->callback([&options, exit_code] {
    task::ProjectSession session(options);
    *exit_code = task::load_project_sources(session, options);
  });
}

}  // namespace mrun::cli
