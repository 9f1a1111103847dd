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
#include "graph/selector.h"
#include "load/table_spec.h"
#include "parse/dbt_context.h"
#include "parse/project_parser.h"
#include "task/load_task.h"
#include "task/prepared_project.h"
#include "util/json_event.h"
#include "util/redact.h"
#include "util/strings.h"

namespace mrun::task {

namespace {

const char* command_name(DagCommand command) {
  switch (command) {
    case DagCommand::Compile: return "compile";
    case DagCommand::Run: return "run";
    case DagCommand::Test: return "test";
    case DagCommand::Build: return "build";
    case DagCommand::Seed: return "seed";
  }
  return "";
}

std::vector<graph::NodeKind> kinds_for(DagCommand command) {
  using K = graph::NodeKind;
  switch (command) {
    case DagCommand::Compile: return {K::Model, K::Test};
    case DagCommand::Run: return {K::Model};
    case DagCommand::Test: return {K::Test};
    case DagCommand::Build: return {K::Model, K::Seed, K::Test};
    case DagCommand::Seed: return {K::Seed};
  }
  return {};
}


// Runs on-run-start / on-run-end statements on `conn`.
void run_operation_hooks(parse::DbtContext& context, const std::vector<std::string>& hooks, const std::string& label,
                         pqxx::connection& conn, exec::RunReporter& reporter) {
  if (hooks.empty()) return;
  graph::Node op;
  op.name = label;
  op.unique_id = "operation." + context.project().name + "." + label;
  op.path = context.project().file;
  for (size_t i = 0; i < hooks.size(); ++i) {
    parse::NodeRender render;
    render.node = &op;
    render.phase = parse::RenderPhase::Execute;
    auto tmpl = context.parse(hooks[i], op.path + " (" + label + ")");
    std::string sql = context.render(*tmpl, render);
    pqxx::nontransaction tx(conn);
    tx.exec(sql);
    reporter.note("info", label + " hook " + std::to_string(i + 1) + " of " + std::to_string(hooks.size()) + " OK");
  }
}


// `mrun compile -s m`: when the selection holds one model (its tests aside),
// its compiled SQL goes to stdout, as dbt's compile prints it.
void print_single_compiled_node(const graph::Manifest& manifest, const std::vector<exec::NodeResult>& results,
                                bool json) {
  const exec::NodeResult* single = nullptr;
  for (const exec::NodeResult& r : results) {
    size_t index = manifest.find(r.unique_id);
    if (index == graph::Manifest::npos || manifest.nodes[index].kind == graph::NodeKind::Test) continue;
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

// "--select 'stg_*' --exclude 'x'" as typed, for messages about the selection.
std::string describe_selection(const CommonOptions& options) {
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

}  // namespace

int run_dag_task(DagCommand command, ProjectSession& session, const CommonOptions& options, const DagFlags& flags) {
  bool compile_only = command == DagCommand::Compile;
  const auto& config = session.project();
  const auto& target = session.target(!compile_only);
  PreparedProject& p = prepare_project(session, options, !compile_only);
  parse::RelationCatalog catalog;
  std::unique_ptr<exec::RunLock> lock;
  std::string url = target.url;
  if (!compile_only) {
    lock = std::make_unique<exec::RunLock>(url, config.name);
    drop_unpublished_loads(session, load::loadable_tables(p.parsed.schema_files));
    if (command == DagCommand::Build && !flags.skip_load) {
      int loaded = load_selected_sources(session, options, p.parsed);
      if (loaded != kExitOk) {
        std::cerr << message_line("error", "the load failed; no model was built and the previous tables stay",
                                  options.log_format == "json")
                  << "\n";
        return loaded;
      }
    }
    catalog.load(lock->connection());
  }
  p.context->attach(&p.parsed.manifest, &catalog);

  if (compile_only && !flags.inline_sql.empty()) {
    graph::Node inline_node;
    inline_node.name = "inline_query";
    inline_node.unique_id = "sql_operation." + config.name + ".inline_query";
    inline_node.path = "<inline>";
    parse::NodeRender render;
    render.node = &inline_node;
    render.phase = parse::RenderPhase::Execute;
    auto tmpl = p.context->parse(flags.inline_sql, "<inline>");
    std::cout << p.context->render(*tmpl, render) << std::endl;
    return kExitOk;
  }

  graph::SelectOptions select_options;
  select_options.resource_types = kinds_for(command);
  auto selected = graph::select_nodes(p.parsed.manifest, options.select, options.exclude, select_options);
  bool json = options.log_format == "json";
  // https://no-color.org: NO_COLOR set to anything non-empty turns colors off.
  const char* no_color = std::getenv("NO_COLOR");
  exec::ReportStyle style;
  style.json = json;
  style.terminal = isatty(STDOUT_FILENO) != 0;
  style.colors = options.use_colors && !(no_color && *no_color);
  style.quiet = options.quiet;
  exec::RunReporter reporter(std::cout, style);
  if (selected.empty()) reporter.note("warning", "nothing to do: " + describe_selection(options) + " matches no nodes");

  exec::SchemaRegistry schemas;
  exec::RunState state{p.parsed, *p.context, catalog, schemas, options.full_refresh, flags.store_failures, compile_only};
  exec::ScheduleOptions schedule;
  schedule.threads = target.threads;
  schedule.fail_fast = options.fail_fast;
  schedule.tests_block_children = command == DagCommand::Build;
  schedule.database_url = compile_only ? "" : url;
  schedule.target_label = target.name + " (" + redact_passwords(url.empty() ? target.origin : url) + ")";

  bool runs_models = command == DagCommand::Run || command == DagCommand::Build;
  if (runs_models) run_operation_hooks(*p.context, config.on_run_start, "on-run-start", lock->connection(), reporter);
  exec::RunSummary summary = exec::run_selected(state, selected, schedule, reporter);
  if (runs_models && !summary.cancelled) {
    run_operation_hooks(*p.context, config.on_run_end, "on-run-end", lock->connection(), reporter);
  }
  reporter.run_finished(summary.counts, summary.elapsed_seconds, summary.cancelled);
  reporter.recap(exec::recap_of(summary.results, p.parsed.manifest));
  if (command == DagCommand::Compile) print_single_compiled_node(p.parsed.manifest, summary.results, json);

  std::string dir = target_dir(config);
  // The two artifacts are independent: manifest.json is written on another
  // core meanwhile (it is the larger one: a node object per node).
  auto manifest_written = std::async(std::launch::async, [&] {
    artifacts::write_manifest_json(dir + "/manifest.json", p.parsed.manifest, p.context->macro_names(),
                                   p.context->settings().invocation_id, config.name);
  });
  artifacts::ArtifactMetadata metadata = artifacts::new_metadata(config.name, MRUN_VERSION);
  metadata.invocation_id = p.context->settings().invocation_id;
  nlohmann::ordered_json args{{"which", command_name(command)}, {"select", options.select},
                              {"exclude", options.exclude}, {"vars", options.vars}, {"threads", target.threads},
                              {"full_refresh", options.full_refresh}, {"target", target.name}};
  artifacts::write_run_results_json(dir + "/run_results.json", summary.results, &p.parsed.manifest, metadata,
                                    summary.elapsed_seconds, args);
  manifest_written.get();  // rethrows its error
  int exit_code = summary.exit_code();
  if (exit_code == kExitOk && options.warn_error && summary.counts.warn > 0) {
    reporter.note("error", "--warn-error: " + std::to_string(summary.counts.warn) +
                               " test warning(s) count as failures");
    reporter.flush();
    return kExitFailed;
  }
  return exit_code;
}




}  // namespace mrun::task
