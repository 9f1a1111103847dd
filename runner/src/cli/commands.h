// Registration of every subcommand. A command's function adds its CLI11
// subcommand and sets a callback that stores its exit code in *exit_code.
#pragma once

#include <CLI/CLI.hpp>

#include "task/options.h"

namespace mrun::cli {

/// `mrun pg start|stop|status|psql`.
void register_pg_command(CLI::App& app, task::CommonOptions& options, int* exit_code);

/// `mrun build|run|test|seed|snapshot|compile|ls`.
void register_dag_commands(CLI::App& app, task::CommonOptions& options, int* exit_code);

/// `mrun retry`.
void register_retry_command(CLI::App& app, task::CommonOptions& options, int* exit_code);

/// `mrun history`.
void register_history_command(CLI::App& app, task::CommonOptions& options, int* exit_code);

/// `mrun load`.
void register_load_command(CLI::App& app, task::CommonOptions& options, int* exit_code);


/// `mrun show MODEL [--limit N]`.
void register_show_command(CLI::App& app, task::CommonOptions& options, int* exit_code);

/// `mrun docs generate|serve`.
void register_docs_command(CLI::App& app, task::CommonOptions& options, int* exit_code);

/// `mrun debug`.
void register_debug_command(CLI::App& app, task::CommonOptions& options, int* exit_code);

/// `mrun render [--context ctx.json] [FILE|-]`: plain Jinja (no dbt context).
void register_render_command(CLI::App& app, task::CommonOptions& options, int* exit_code);

/// `mrun run-operation MACRO [--args '{k: v}']`.
void register_run_operation_command(CLI::App& app, task::CommonOptions& options, int* exit_code);

/// `mrun deps [--upgrade]`.
void register_deps_command(CLI::App& app, task::CommonOptions& options, int* exit_code);

/// `mrun clean`.
void register_clean_command(CLI::App& app, task::CommonOptions& options, int* exit_code);

/// `mrun init NAME`.
void register_init_command(CLI::App& app, task::CommonOptions& options, int* exit_code);

/// `mrun parse`.
void register_parse_command(CLI::App& app, task::CommonOptions& options, int* exit_code);

/// `mrun source freshness`.
void register_source_command(CLI::App& app, task::CommonOptions& options, int* exit_code);

}  // namespace mrun::cli
