#include "task/dag_task.h"

#include <chrono>
#include <cstdlib>
#include <future>
#include <iostream>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "artifacts/artifact_metadata.h"
#include "artifacts/manifest_json.h"
#include "artifacts/run_results_json.h"
#include "exec/run_lock.h"
#include "exec/scheduler.h"
#include "exec/test_columns.h"
#include "graph/selector.h"
#include "load/table_spec.h"
#include "notify/run_alerts.h"
#include "parse/dbt_context.h"
#include "parse/introspection.h"
#include "parse/node_compiler.h"
#include "parse/project_parser.h"
#include "task/load_task.h"
#include "task/monitoring_history.h"
#include "task/prepared_project.h"
#include "task/publish_step.h"
#include "task/reuse_plan.h"
#include "task/run_args.h"
#include "task/run_record.h"
#include "util/interrupt.h"
#include "util/json_event.h"
#include "util/redact.h"
#include "util/strings.h"
#include "util/utc_time.h"

namespace mrun::task {

namespace {

std::vector<graph::NodeKind> kinds_for(DagCommand command) {
  using K = graph::NodeKind;
  switch (command) {
    case DagCommand::Compile: return {K::Model, K::Test, K::Snapshot};
    case DagCommand::Run: return {K::Model};
    case DagCommand::Test: return {K::Test, K::UnitTest};
    case DagCommand::Build: return {K::Model, K::Seed, K::Test, K::Snapshot, K::UnitTest};
    case DagCommand::Seed: return {K::Seed};
    case DagCommand::Snapshot: return {K::Snapshot};
  }
  return {};
}


// Runs the on-run-start / on-run-end statements `hooks` of project `owner`
// (the root or an installed package, whose vars and macros they see) on `conn`.
void run_operation_hooks(parse::DbtContext& context, const project::ProjectConfig& owner,
                         const std::vector<std::string>& hooks, const std::string& label, pqxx::connection& conn,
                         exec::RunReporter& reporter) {
  if (hooks.empty()) return;
  parse::QueryScope queries(conn);  // run_query and statements in the hooks
  graph::Node op;
  op.name = label;
  op.unique_id = "operation." + owner.name + "." + label;
  op.package = owner.name;
  op.path = owner.file;
  for (size_t i = 0; i < hooks.size(); ++i) {
    parse::NodeRender render;
    render.node = &op;
    render.phase = parse::RenderPhase::Execute;
    auto tmpl = context.parse(hooks[i], op.path + " (" + label + ")");
    std::string sql = context.render(*tmpl, render);
    pqxx::nontransaction tx(conn);
    tx.exec(sql);
    reporter.note("info", (&owner == &context.project() ? "" : owner.name + " ") + label + " hook " +
                              std::to_string(i + 1) + " of " + std::to_string(hooks.size()) + " OK");
  }
}

// The on-run-start (or, with `end`, on-run-end) hooks of every installed
// package, by package name, then the root project's, as dbt orders them.
void run_project_hooks(PreparedProject& p, bool end, pqxx::connection& conn, exec::RunReporter& reporter) {
  const char* label = end ? "on-run-end" : "on-run-start";
  auto hooks_of = [end](const project::ProjectConfig& c) -> const auto& { return end ? c.on_run_end : c.on_run_start; };
  for (const auto& package : p.packages) {
    run_operation_hooks(*p.context, package.config, hooks_of(package.config), label, conn, reporter);
  }
  run_operation_hooks(*p.context, p.context->project(), hooks_of(p.context->project()), label, conn, reporter);
}


// Each result's compiled SQL into its node in the manifest (results of one
// run name distinct nodes).
void move_compiled_code(std::vector<exec::NodeResult>& results, graph::Manifest& manifest) {
  for (auto& result : results) {
    size_t i = manifest.find(result.unique_id);
    if (i != graph::Manifest::npos && !result.compiled_code.empty())
      manifest.nodes[i].compiled_code = std::move(result.compiled_code);
  }
}

// `mrun compile -s m`: when the selection holds one model (its tests aside),
// its compiled SQL goes to stdout, as dbt's compile prints it.
void print_single_compiled_node(const graph::Manifest& manifest, const std::vector<exec::NodeResult>& results,
                                bool json) {
  const exec::NodeResult* single = nullptr;
  for (const exec::NodeResult& r : results) {
    size_t index = manifest.find(r.unique_id);
    if (index == graph::Manifest::npos) continue;
    graph::NodeKind kind = manifest.nodes[index].kind;
    if (kind == graph::NodeKind::Test || kind == graph::NodeKind::UnitTest) continue;
    if (single) return;  // more than one
    single = &r;
  }
  if (!single || single->compiled_path.empty()) return;
  std::string sql = read_file(single->compiled_path);
  if (json) {
    std::cout << json_event("compiled_node", {{"unique_id", single->unique_id}, {"compiled_code", sql}}) << "\n";
  } else {
    std::cout << "Compiled node '" << manifest.nodes[manifest.find(single->unique_id)].name << "' is:\n"
              << sql << (sql.empty() || sql.back() == '\n' ? "" : "\n");
  }
}

// --as-of: a drop older than the newest published one would put older
// answers over newer ones; refused unless --allow-older-drop.
void refuse_older_drop(RunRecord& record, const DagFlags& flags) {
  std::string newest = record.with_store([](state::RunStore& store) { return store.newest_published_as_of(); });
  if (newest.empty() || flags.as_of >= newest || flags.allow_older_drop) return;
  throw ConfigError("--as-of " + flags.as_of + ": a newer drop (as of " + newest +
                    ") is already published; building an older one would replace newer results. Pass "
                    "--allow-older-drop to build it anyway");
}

// "--select 'stg_*' --exclude 'x'" as typed, for messages about the selection.
std::string describe_selection(const CommonOptions& options, const DagFlags& flags) {
  if (flags.unique_ids) return "the list of " + std::to_string(flags.unique_ids->size()) + " nodes to retry";
  auto quoted = [](const std::vector<std::string>& values) {
    std::string out;
    for (const auto& v : values) out += (out.empty() ? "'" : " '") + v + "'";
    return out;
  };
  std::string text;
  if (!options.select.empty()) text = "--select " + quoted(options.select);
  if (!options.exclude.empty()) text += (text.empty() ? "" : " ") + std::string("--exclude ") + quoted(options.exclude);
  return text.empty() ? "the project (no --select)" : text;
}

// What the steps of a run tell the code around them when they throw.
struct RunProgress {
  std::string invocation_id;         // once the project is parsed
  bool results_written = false;      // target/run_results.json is this run's
  std::unique_ptr<RunRecord> record;  // the run in the run state, once the lock is taken
  notify::RunAlerts alerts;           // the webhooks, once the project is parsed (none for compile)
};

// target/run_results.json of a run that stopped on `error` before it could
// write its own (a configuration or template error, the lock held, ...):
// no results, the args, and the error, so that nothing reads an older
// run's file as this one's. Best effort: the error itself is what matters.
void write_stopped_run_results(DagCommand command, ProjectSession& session, const CommonOptions& options,
                               const DagFlags& flags, const RunProgress& progress, const std::exception& error) {
  try {
    std::string dir = options.project_dir + "/target";
    std::string project_name;
    parse::Target target;
    try {
      dir = target_dir(session.project());
      project_name = session.project().name;
      target = session.target(false);
    } catch (const std::exception&) {
      // the project or the profile is what is broken: the defaults stand
    }
    artifacts::ArtifactMetadata metadata = artifacts::new_metadata(project_name, MRUN_VERSION);
    if (!progress.invocation_id.empty()) metadata.invocation_id = progress.invocation_id;
    artifacts::write_run_results_json(dir + "/run_results.json", {}, nullptr, metadata, 0,
                                      run_args(command, options, flags, target, LoadStep::NotRun),
                                      redact_passwords(error.what()));
  } catch (const std::exception&) {
  }
}

int run_dag_steps(DagCommand command, ProjectSession& session, const CommonOptions& options, const DagFlags& flags,
                  RunProgress& progress) {
  bool compile_only = command == DagCommand::Compile;
  if (!flags.as_of.empty() && !is_iso_date(flags.as_of))
    throw ConfigError("--as-of " + flags.as_of + ": expected the drop's date as YYYY-MM-DD");
  const auto& config = session.project();
  const auto& target = session.target(!compile_only);
  PreparedProject& p = prepare_project(session, options, !compile_only);
  progress.invocation_id = p.context->settings().invocation_id;
  // target/run_results.json; `mrun retry` reads what to run again there
  // (task/run_args.h), also after a failed load.
  LoadStep load = LoadStep::NotRun;
  auto write_run_results = [&](const std::vector<exec::NodeResult>& results, double elapsed_seconds) {
    artifacts::ArtifactMetadata metadata = artifacts::new_metadata(config.name, MRUN_VERSION);
    metadata.invocation_id = p.context->settings().invocation_id;
    artifacts::write_run_results_json(target_dir(config) + "/run_results.json", results, &p.parsed.manifest, metadata,
                                      elapsed_seconds, run_args(command, options, flags, target, load));
    progress.results_written = true;
  };
  // The webhooks' secrets are rendered now: a missing one stops the run before it changes anything.
  const parse::RunSettings& settings = p.context->settings();
  notify::RunAlerts& alerts = progress.alerts;
  if (!compile_only)
    alerts = notify::RunAlerts(config, {settings.invocation_id, config.name, dag_command_name(command),
                                        settings.started_at});
  parse::RelationCatalog catalog;
  std::unique_ptr<exec::RunLock> lock;
  std::unique_ptr<RunRecord>& record = progress.record;
  std::string url = target.url;
  // `publish: atomic`: build under shadow names, publish at the end (task/publish_step.h).
  std::optional<project::PublishMode> publish = publish_mode_for(command, config, options);
  bool atomic = publish == project::PublishMode::Atomic;
  parse::ShadowRelations shadows;
  StagedSources staged;
  if (!compile_only) {
    lock = std::make_unique<exec::RunLock>(url, config.name);
    record = start_run_record(session, p.context->settings().invocation_id, dag_command_name(command),
                              run_args(command, options, flags, target, load).dump(), flags.as_of,
                              publish ? project::publish_mode_name(*publish) : "");
    if (!flags.as_of.empty()) refuse_older_drop(*record, flags);
    drop_unpublished_loads(session, load::loadable_tables(p.parsed.schema_files));
    if (publish) drop_previous_shadows(lock->connection(), p.parsed.manifest);
    if (command == DagCommand::Build && !flags.skip_load) {
      int loaded = load_selected_sources(session, options, p.parsed, *record, atomic ? &staged : nullptr);
      load = loaded == kExitOk ? LoadStep::Done : LoadStep::Failed;
      if (loaded != kExitOk) {
        write_run_results({}, 0);
        const std::string failure = "the load failed; no model was built and the previous tables stay";
        std::cerr << message_line("error", failure, options.log_format == "json") << "\n";
        record->finish(loaded);
        exec::RunReporter load_reporter(std::cerr, {.json = options.log_format == "json", .quiet = options.quiet});
        alerts.send_error(loaded, failure, load_reporter);
        return loaded;
      }
    }
    catalog.load(lock->connection());
  }
  p.context->attach(&p.parsed.manifest, &catalog);
  if (atomic) {
    record_staged_sources(staged.load, shadows);
    p.context->attach_shadows(&shadows);
  }

  if (compile_only && !flags.inline_sql.empty()) {
    std::cout << parse::compile_inline(*p.context, p.parsed, flags.inline_sql) << std::endl;
    return kExitOk;
  }

  graph::SelectOptions select_options;
  select_options.resource_types = kinds_for(command);
  auto selected = flags.unique_ids
                      ? graph::select_unique_ids(p.parsed.manifest, *flags.unique_ids, select_options)
                      : graph::select_nodes(p.parsed.manifest, options.select, options.exclude, select_options);
  bool json = options.log_format == "json";
  // https://no-color.org: NO_COLOR set to anything non-empty turns colors off.
  const char* no_color = std::getenv("NO_COLOR");
  exec::ReportStyle style;
  style.json = json;
  style.terminal = isatty(STDOUT_FILENO) != 0;
  style.colors = options.use_colors && !(no_color && *no_color);
  style.quiet = options.quiet;
  exec::RunReporter reporter(std::cout, style);
  if (selected.empty())
    reporter.note("warning", "nothing to do: " + describe_selection(options, flags) + " matches no nodes");

  exec::SchemaRegistry schemas;
  // `mrun test` runs its tests; build, run and seed reuse what did not change.
  bool reuse = command != DagCommand::Test && !options.no_skip && !options.full_refresh;
  exec::ReusePlan plan =
      record ? plan_reuse(*record, p.parsed, lock->connection(), reuse, staged.versions) : exec::ReusePlan{};
  exec::DataVersions versions;
  exec::MonitoringHistory history = record ? read_monitoring_history(*record, p.parsed.manifest) : exec::MonitoringHistory{};
  exec::BuiltRowCounts built_rows;
  exec::SharedNullScans null_scans;
  exec::RunState state{p.parsed, *p.context, catalog, schemas, options.full_refresh, flags.store_failures, compile_only,
                       plan, versions, history, built_rows, null_scans, atomic ? &shadows : nullptr, {}};
  exec::ScheduleOptions schedule;
  schedule.threads = target.threads;
  schedule.fail_fast = options.fail_fast;
  schedule.tests_block_children = command == DagCommand::Build;
  schedule.database_url = compile_only ? "" : url;
  schedule.target_label = target.name + " (" + redact_passwords(url.empty() ? target.origin : url) + ")";
  if (record) schedule.on_result = [&record](const graph::Node& node, const exec::NodeResult& r) {
    record->node_finished(node, r);
  };

  // Tests on columns that do not exist stop the run before anything runs (exec/test_columns.h).
  if (!compile_only) state.columns_after_build = exec::check_test_columns(lock->connection(), state, selected);
  bool runs_models = command == DagCommand::Run || command == DagCommand::Build || command == DagCommand::Snapshot;
  if (runs_models) run_project_hooks(p, false, lock->connection(), reporter);
  exec::RunSummary summary = exec::run_selected(state, selected, schedule, reporter);
  int exit_code = summary.exit_code();
  try {
    parse::flush_compiled_sql();  // target/compiled/ is complete before anything reads it
  } catch (const RunError& e) {
    reporter.note("error", e.what());
    if (exit_code == kExitOk) exit_code = kExitFailed;
  }
  if (exit_code == kExitOk && options.warn_error && summary.counts.warn > 0) {
    reporter.note("error", "--warn-error: " + std::to_string(summary.counts.warn) +
                               " test warning(s) count as failures");
    exit_code = kExitFailed;
  }
  bool publish_failed = false;
  if (atomic) {
    // Everything the run built, at once, only when it all passed.
    if (exit_code == kExitOk && !summary.cancelled) {
      exit_code = publish_run(url, config.publish, *record, &staged.load, shadows, reporter);
      publish_failed = exit_code != kExitOk;
    } else {
      report_unpublished(&staged.load, shadows, reporter);
    }
  }
  if (runs_models && !summary.cancelled) {
    run_project_hooks(p, true, lock->connection(), reporter);
  }
  reporter.run_finished(summary.counts, summary.elapsed_seconds, summary.cancelled, publish_failed);
  reporter.recap(exec::recap_of(summary.results, p.parsed.manifest));
  if (command == DagCommand::Compile) print_single_compiled_node(p.parsed.manifest, summary.results, json);

  // The SQL each node compiled moves into the manifest: manifest.json
  // carries it as dbt's does (lineage and lint tools read compiled_code
  // there), and run_results.json takes it from there.
  move_compiled_code(summary.results, p.parsed.manifest);
  // The two artifacts are independent: manifest.json is written on another
  // core meanwhile (it is the larger one: a node object per node).
  auto manifest_written = std::async(std::launch::async, [&] {
    artifacts::write_manifest_json(
        target_dir(config) + "/manifest.json", p.parsed.manifest,
        artifacts::manifest_input(p.context->macro_names(), p.context->settings().invocation_id, config.name));
  });
  write_run_results(summary.results, summary.elapsed_seconds);
  manifest_written.get();  // rethrows its error
  if (record) record->finish(exit_code, summary.cancelled);
  alerts.send_nodes(summary, p.parsed.manifest, exit_code, reporter);
  reporter.flush();
  return exit_code;
}

}  // namespace

int run_dag_task(DagCommand command, ProjectSession& session, const CommonOptions& options, const DagFlags& flags) {
  RunProgress progress;
  try {
    return run_dag_steps(command, session, options, flags, progress);
  } catch (const std::exception& e) {
    if (!progress.results_written) write_stopped_run_results(command, session, options, flags, progress, e);
    if (progress.record) progress.record->finish(exit_code_for(e), interrupted());
    exec::RunReporter reporter(std::cerr, {.json = options.log_format == "json", .quiet = options.quiet});
    progress.alerts.send_error(exit_code_for(e), redact_passwords(e.what()), reporter);
    throw;
  }
}

}  // namespace mrun::task
