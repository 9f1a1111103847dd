// `mrun load`: fetch the dataset named by the dataset_uri var and bulk-load
// each file declared in the sources (meta.file) into its raw table. The
// tables come from the parsed project (cli/invocation.h parses it).
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "cli/invocation.h"
#include "cli/project_session.h"
#include "exec/run_lock.h"
#include "load/dataset.h"
#include "load/loader.h"
#include "util/error.h"

namespace mrun::cli {

namespace {

// Everything a load needs from the project and the command line.
struct LoadInputs {
  std::string url;          // database (libpq URI)
  std::string dataset_uri;  // where the files come from
  std::string cache_dir;    // download cache
  int threads = 4;
};

LoadInputs resolve_load_inputs(ProjectSession& session, const CommonOptions& options) {
  const auto& project = session.project();
  LoadInputs in;
  const YAML::Node uri = project.vars["dataset_uri"];
  if (!uri || !uri.IsScalar() || uri.Scalar().empty())
    throw ConfigError(SourceLocation{project.file}, "no dataset_uri var: set vars.dataset_uri in " + project.file +
                                                        " or pass --vars '{dataset_uri: ...}'");
  in.dataset_uri = uri.Scalar();
  // A relative local path is relative to the project, like every other project path.
  if (in.dataset_uri.find("://") == std::string::npos && std::filesystem::path(in.dataset_uri).is_relative())
    in.dataset_uri = (std::filesystem::path(project.root_dir) / in.dataset_uri).string();
  in.cache_dir = (std::filesystem::path(project.root_dir) / ".mrun" / "cache").string();
  in.threads = options.threads > 0 ? options.threads : 4;
  in.url = session.target().url;
  return in;
}

}  // namespace

int run_load_command(ProjectSession& session, const CommonOptions& options,
                     const std::vector<load::TableSpec>& tables) {
  if (tables.empty())
    throw ConfigError(SourceLocation{session.project().file}, "no source table declares meta.file: nothing to load");
  LoadInputs in = resolve_load_inputs(session, options);
  bool terminal = isatty(STDERR_FILENO);
  load::FetchOptions fetch;
  fetch.cache_dir = in.cache_dir;
  fetch.progress = terminal;
  auto started = std::chrono::steady_clock::now();
  std::unique_ptr<load::Dataset> dataset = load::open_dataset(in.dataset_uri, fetch);
  load::LoadOptions load_options;
  load_options.threads = in.threads;
  load_options.progress_bar = terminal;
  load::LoadReport report = load::load_tables(in.url, *dataset, tables, load_options);
  int64_t read = 0, loaded = 0, rejected = 0;
  for (const auto& t : report.tables) {
    read += t.read;
    loaded += t.loaded;
    rejected += t.rejected;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  char line[256];
  std::snprintf(line, sizeof line, "load %s: %zu files, read %lld loaded %lld rejected %lld in %.1fs (load_id %s)",
                report.ok() ? "done" : "FAILED", report.tables.size(), static_cast<long long>(read),
                static_cast<long long>(loaded), static_cast<long long>(rejected), seconds, report.load_id.c_str());
  std::cerr << line << "\n";
  if (rejected > 0)
    std::cerr << "rejected records are in <schema>.load_rejects (select * from raw.load_rejects where load_id = '"
              << report.load_id << "')\n";
  return report.ok() ? kExitOk : kExitFailed;
}

void register_load_command(CLI::App& app, CommonOptions& options, int* exit_code) {
  app.add_subcommand("load", "Fetch the dataset (var dataset_uri) and bulk-load its files into the raw tables")
      ->callback([&options, exit_code] {
        ProjectSession session(options);
        // Loads replace raw tables: never at the same time as another run.
        exec::RunLock lock(session.target().url, session.project().name);
        *exit_code = load_project_sources(session, options);
      });
}

}  // namespace mrun::cli
