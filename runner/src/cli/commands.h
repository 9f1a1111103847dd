// Registration of every subcommand. A command's function adds its CLI11
// subcommand and sets a callback that stores its exit code in *exit_code.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/options.h"
#include "load/table_spec.h"

namespace mrun::cli {

/// `mrun pg start|stop|status|psql`.
void register_pg_command(CLI::App& app, CommonOptions& options, int* exit_code);

/// `mrun build|run|test|seed|compile|ls`.
void register_dag_commands(CLI::App& app, CommonOptions& options, int* exit_code);

/// `mrun load`.
void register_load_command(CLI::App& app, CommonOptions& options, int* exit_code);

/// The load itself (of `mrun load` and the load step of `mrun build`): loads
/// `tables`, taken from the parsed project (load::loadable_tables), from the
/// dataset_uri var. Returns 0 when every file loaded, 1 otherwise; throws
/// ConfigError for project errors and when `tables` is empty. The caller
/// holds the run lock.
int run_load_command(class ProjectSession& session, const CommonOptions& options,
                     const std::vector<load::TableSpec>& tables);

/// Drops what loads that failed or died left staged in the schemas of
/// `tables`, the project's loadable sources (load/load_sql.h). The caller
/// holds the run lock.
void drop_unpublished_loads(class ProjectSession& session, const std::vector<load::TableSpec>& tables);

/// `mrun show MODEL [--limit N]`.
void register_show_command(CLI::App& app, CommonOptions& options, int* exit_code);

/// `mrun debug`.
void register_debug_command(CLI::App& app, CommonOptions& options, int* exit_code);

/// `mrun render [--context ctx.json] [FILE|-]`: plain Jinja (no dbt context).
void register_render_command(CLI::App& app, CommonOptions& options, int* exit_code);

}  // namespace mrun::cli
