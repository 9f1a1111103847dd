#include "task/retry_task.h"

#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "task/dag_task.h"
#include "task/publish_step.h"
#include "task/prepared_project.h"
#include "task/project_session.h"
#include "task/run_args.h"
#include "util/error.h"
#include "util/json_event.h"
#include "util/strings.h"

namespace mrun::task {

namespace {

// What retry needs from the last run's run_results.json.
struct LastRun {
  RecordedRun run;
  std::string invocation_id;
  std::vector<std::string> ids_to_retry;  ///< error, fail, skipped (and warn after --warn-error)
  std::string stopped;  ///< the error a run stopped on before its nodes ("" when it ran them)
};

// Reads `file`. Throws ConfigError when there is none or it is not a
// run_results.json of a DAG command.
LastRun read_last_run(const std::string& file) {
  if (!std::filesystem::exists(file))
    throw ConfigError("no " + file + ": mrun retry reruns what failed in the last mrun build, run, test or seed, " +
                      "and none has written its results here");
  try {
    nlohmann::json doc = nlohmann::json::parse(read_file(file));
    if (!doc.is_object()) throw ConfigError(file + ": not a run_results.json (not a JSON object)");
    LastRun last;
    last.run = recorded_run(doc.value("args", nlohmann::json()), file);
    last.invocation_id = doc.value("metadata", nlohmann::json::object()).value("invocation_id", "");
    last.stopped = doc.value("error", "");
    for (const nlohmann::json& r : doc.value("results", nlohmann::json::array())) {
      std::string status = r.at("status").get<std::string>();
      if (status == "error" || status == "fail" || status == "skipped" ||
          (last.run.options.warn_error && status == "warn"))
        last.ids_to_retry.push_back(r.at("unique_id").get<std::string>());
    }
    return last;
  } catch (const nlohmann::json::exception& e) {
    throw ConfigError(file + ": not a run_results.json (" + e.what() + ")");
  }
}

// Prints one line about the retry: `text`, or with --log-format json the
// event `event` with `fields` and the text as its message.
void announce(const CommonOptions& options, const std::string& event, nlohmann::ordered_json fields,
              const std::string& text) {
  if (options.log_format == "json") {
    fields["message"] = text;
    std::cout << json_event(event, fields) << std::endl;
  } else if (!options.quiet) {
    std::cout << text << std::endl;
  }
}

}  // namespace

int run_retry_task(const CommonOptions& options) {
  // Only for the target directory: the session below reads the project
  // again, with the recorded vars, and prints its warnings.
  std::string file = target_dir(project::load_project_config(options.project_dir)) + "/run_results.json";
  LastRun last_results = read_last_run(file);
  const RecordedRun& last = last_results.run;
  const std::vector<std::string>& ids = last_results.ids_to_retry;
  std::string which = dag_command_name(last.command);
  std::string invocation_id = last_results.invocation_id;
  std::string last_run = "the last run (" + which + ", " + invocation_id + ")";
  if (last.command == DagCommand::Compile)
    throw ConfigError(file + ": " + last_run +
                      " compiled the project and ran nothing: mrun retry reruns a build, run, test or seed");
  nlohmann::ordered_json fields{{"which", which}, {"invocation_id", invocation_id}};
  bool whole = last.load_failed || !last_results.stopped.empty();
  if (!whole && ids.empty()) {
    announce(options, "nothing_to_retry", fields, "nothing to retry: " + last_run + " succeeded");
    return kExitOk;
  }

  CommonOptions retry = options;  // project and profiles dirs, log format, colors
  retry.select = last.options.select;
  retry.exclude = last.options.exclude;
  retry.dataset_uri = last.options.dataset_uri;
  retry.full_refresh = last.options.full_refresh;
  retry.fail_fast = last.options.fail_fast;
  retry.no_skip = last.options.no_skip;
  retry.warn_error = last.options.warn_error || options.warn_error;
  if (options.vars.empty()) retry.vars = last.options.vars;
  if (options.threads <= 0) retry.threads = last.options.threads;
  bool named_target = last.target != kEnvTargetName && last.target != kEmbeddedTargetName;
  if (options.target.empty() && named_target) retry.target = last.target;
  retry.publish = last.options.publish;
  DagFlags flags = last.flags;
  // An atomic run that failed published nothing: what succeeded in it must
  // be built again, with the rest (what its last publish did not change is reused).
  bool unpublished = !whole && publish_mode_for(last.command, project::load_project_config(options.project_dir),
                                                retry) == project::PublishMode::Atomic;
  if (whole || unpublished) {
    std::string why = last.load_failed   ? "its load failed, so no node ran"
                      : unpublished      ? "it published nothing (publish: atomic), so what succeeded is built again"
                                         : "it stopped on an error, so no node ran";
    announce(options, "retry", fields, "retrying " + last_run + " whole: " + why);
  } else {
    flags.unique_ids = ids;
    flags.skip_load = true;  // the last load was committed (or not asked for)
    fields["unique_ids"] = ids;
    announce(options, "retry", fields,
             "retrying " + std::to_string(ids.size()) + (ids.size() == 1 ? " node that" : " nodes that") +
                 " failed or were skipped in " + last_run);
  }

  ProjectSession session(retry);
  if (options.target.empty() && !last.target.empty()) {
    const std::string& resolved = session.target(false).name;
    if (resolved != last.target)
      throw ConfigError(last_run + " built target '" + last.target + "', this retry would build target '" + resolved +
                        "': pass --target, or set MRUN_DATABASE_URL as it was for that run");
  }
  return run_dag_task(last.command, session, retry, flags);
}

}  // namespace mrun::task
