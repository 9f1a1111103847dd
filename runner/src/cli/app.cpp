#include "cli/app.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <optional>

#include "cli/commands.h"
#include "project/profiles.h"
#include "util/closest_name.h"
#include "util/error.h"
#include "util/private_files.h"
#include "util/json_event.h"
#include "util/json_output.h"

#ifndef MRUN_VERSION
#define MRUN_VERSION "0.1.0"
#endif

namespace mrun::cli {

namespace {

// The word where a command was expected when it names none ("biuld"); ""
// when the command line names a command, or has no word at all.
std::string unknown_command(CLI::App& app, int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind('-', 0) == 0) {
      // A global option whose value follows as its own word (--project-dir D).
      const CLI::Option* option = app.get_option_no_throw(arg);
      if (option && option->get_type_size() > 0 && arg.find('=') == std::string::npos) ++i;
      continue;
    }
    for (const CLI::App* command : app.get_subcommands([](CLI::App*) { return true; }))
      if (command->check_name(arg)) return "";
    return arg;
  }
  return "";
}

}  // namespace

int run(int argc, char** argv) {
  keep_new_files_private();
  CLI::App app{"mrun: load raw data into PostgreSQL, build templated SQL models in dependency order, test the result."};
  app.set_version_flag("--version", std::string("mrun ") + MRUN_VERSION);
  app.require_subcommand(1);
  app.fallthrough();

  task::CommonOptions options;
  app.add_option("--project-dir", options.project_dir, "Directory with project.yml (or dbt_project.yml)")
      ->capture_default_str();
  app.add_option("--profiles-dir", options.profiles_dir, "Directory with profiles.yml (default: project dir, then ~/.mrun)");
  app.add_option("-t,--target", options.target, "Target in profiles.yml");
  app.add_option("--vars", options.vars, "Project vars as a YAML mapping, e.g. '{dataset_uri: file:///data/x.zip}'");
  app.add_option("--threads", options.threads, "Parallel connections (default: profile, else 4)")
      ->check(CLI::Range(1, project::kMaxThreads));
  app.add_option("--log-format", options.log_format, "text or json (one JSON object per event)")
      ->check(CLI::IsMember({"text", "json"}));
  app.add_flag("-q,--quiet", options.quiet, "Print only errors and failures (and the recap of a failed run)");
  app.add_flag("--warn-error", options.warn_error, "Treat test warnings as failures (exit 1)");
  app.add_flag("--use-colors,!--no-use-colors", options.use_colors,
               "Color the run's lines on a terminal (default; NO_COLOR in the environment also turns them off)");

  int exit_code = kExitOk;
  auto fail = [&options](const std::exception& e, int code) {
    std::cerr << message_line("error", e.what(), options.log_format == "json") << "\n";
    return code;
  };
  register_dag_commands(app, options, &exit_code);
  register_retry_command(app, options, &exit_code);
  register_history_command(app, options, &exit_code);
  register_show_command(app, options, &exit_code);
  register_debug_command(app, options, &exit_code);
  register_docs_command(app, options, &exit_code);
  register_load_command(app, options, &exit_code);
  register_pg_command(app, options, &exit_code);
  register_render_command(app, options, &exit_code);
  register_run_operation_command(app, options, &exit_code);
  register_deps_command(app, options, &exit_code);
  register_clean_command(app, options, &exit_code);
  register_init_command(app, options, &exit_code);
  register_parse_command(app, options, &exit_code);
  register_source_command(app, options, &exit_code);
  // Each command's --help names the global flags, which CLI11 lists only in
  // `mrun --help`; they go before or after the command.
  std::string global_flags;
  for (const CLI::Option* option : app.get_options()) {
    if (option->get_name() == "--help" || option->get_name() == "--version") continue;
    std::string names;
    for (const std::string& n : option->get_snames()) names += (names.empty() ? "-" : "/-") + n;
    for (const std::string& n : option->get_lnames()) names += (names.empty() ? "--" : "/--") + n;
    global_flags += (global_flags.empty() ? "" : ", ") + names;
  }
  for (CLI::App* command : app.get_subcommands([](CLI::App*) { return true; }))
    command->footer("Global flags (before or after the command; `mrun --help` explains them): " + global_flags);

  // --log-format json: every line the command prints is a JSON event.
  std::optional<JsonOutput> json_output;
  app.parse_complete_callback([&] {
    if (options.log_format == "json") json_output.emplace();
  });
  try {
    // `mrun [flags] pg psql ARGS...`: ARGS belong to psql, not to mrun.
    int own_args = argc;
    for (int i = 2; i < argc; ++i) {
      if (std::string(argv[i]) == "psql" && std::string(argv[i - 1]) == "pg") {
        own_args = i + 1;
        options.passthrough.assign(argv + own_args, argv + argc);
        break;
      }
    }
    app.parse(own_args, argv);
  } catch (const CLI::ParseError& e) {
    if (std::string word = unknown_command(app, argc, argv); !word.empty()) {
      std::vector<std::string> names;
      for (const CLI::App* command : app.get_subcommands([](CLI::App*) { return true; }))
        names.push_back(command->get_name());
      std::string suggestion = closest_name(word, names);
      std::cerr << message_line("error", "unknown command '" + word + "'" +
                                             (suggestion.empty() ? "" : "; did you mean '" + suggestion + "'?") +
                                             " (mrun --help lists the commands)",
                                options.log_format == "json")
                << "\n";
      return kExitUsage;
    }
    int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitUsage;
  } catch (const std::exception& e) {
    return fail(e, exit_code_for(e));
  }
  return exit_code;
}

}  // namespace mrun::cli
