#include "task/run_args.h"

#include <nlohmann/json.hpp>

#include "task/project_session.h"
#include "util/error.h"

namespace mrun::task {

namespace {

constexpr DagCommand kDagCommands[] = {DagCommand::Compile, DagCommand::Run, DagCommand::Test, DagCommand::Build,
                                       DagCommand::Seed, DagCommand::Snapshot};

const char* load_step_name(LoadStep load) {
  switch (load) {
    case LoadStep::NotRun: return "not run";
    case LoadStep::Done: return "done";
    case LoadStep::Failed: return "failed";
  }
  return "";
}

// args[key] as a T, or `fallback` when the key is missing or null.
template <typename T>
T value_or(const nlohmann::json& args, const char* key, T fallback, const std::string& file) {
  auto it = args.find(key);
  if (it == args.end() || it->is_null()) return fallback;
  try {
    return it->get<T>();
  } catch (const nlohmann::json::exception&) {
    throw ConfigError(file + ": args." + key + " has the wrong type (" + it->dump() + ")");
  }
}

}  // namespace

const char* dag_command_name(DagCommand command) {
  switch (command) {
    case DagCommand::Compile: return "compile";
    case DagCommand::Run: return "run";
    case DagCommand::Test: return "test";
    case DagCommand::Build: return "build";
    case DagCommand::Seed: return "seed";
    case DagCommand::Snapshot: return "snapshot";
  }
  return "";
}

nlohmann::ordered_json run_args(DagCommand command, const CommonOptions& options, const DagFlags& flags,
                                const parse::Target& target, LoadStep load) {
  nlohmann::ordered_json args{{"which", dag_command_name(command)}, {"select", options.select},
                              {"exclude", options.exclude},         {"vars", options.vars},
                              {"threads", target.threads},          {"full_refresh", options.full_refresh},
                              {"target", target.name},              {"fail_fast", options.fail_fast},
                              {"warn_error", options.warn_error},   {"store_failures", flags.store_failures}};
  if (flags.unique_ids) args["unique_ids"] = *flags.unique_ids;
  args["no_skip"] = options.no_skip;
  if (!options.publish.empty()) args["publish"] = options.publish;
  if (command == DagCommand::Build) {
    args["no_load"] = flags.skip_load;
    args["dataset"] = options.dataset_uri.empty() ? "" : command_line_dataset_uri(options.dataset_uri);
    args["load"] = load_step_name(load);
    args["as_of"] = flags.as_of;
    args["allow_older_drop"] = flags.allow_older_drop;
  }
  return args;
}

RecordedRun recorded_run(const nlohmann::json& args, const std::string& file) {
  if (!args.is_object()) throw ConfigError(file + ": args is not an object");
  RecordedRun run;
  std::string which = value_or<std::string>(args, "which", "", file);
  bool known = false;
  for (DagCommand command : kDagCommands) {
    if (which == dag_command_name(command)) {
      run.command = command;
      known = true;
    }
  }
  if (!known) throw ConfigError(file + ": args.which is '" + which + "', not a command of mrun's (build, run, ...)");
  using Strings = std::vector<std::string>;
  run.options.select = value_or<Strings>(args, "select", {}, file);
  run.options.exclude = value_or<Strings>(args, "exclude", {}, file);
  run.options.vars = value_or<std::string>(args, "vars", "", file);
  run.options.dataset_uri = value_or<std::string>(args, "dataset", "", file);
  run.options.threads = value_or<int>(args, "threads", 0, file);
  run.options.full_refresh = value_or<bool>(args, "full_refresh", false, file);
  run.options.fail_fast = value_or<bool>(args, "fail_fast", false, file);
  run.options.no_skip = value_or<bool>(args, "no_skip", false, file);
  run.options.publish = value_or<std::string>(args, "publish", "", file);
  run.flags.as_of = value_or<std::string>(args, "as_of", "", file);
  run.flags.allow_older_drop = value_or<bool>(args, "allow_older_drop", false, file);
  run.options.warn_error = value_or<bool>(args, "warn_error", false, file);
  run.flags.store_failures = value_or<bool>(args, "store_failures", false, file);
  run.flags.skip_load = value_or<bool>(args, "no_load", false, file);
  run.target = value_or<std::string>(args, "target", "", file);
  run.load_failed = value_or<std::string>(args, "load", "", file) == load_step_name(LoadStep::Failed);
  return run;
}

}  // namespace mrun::task
