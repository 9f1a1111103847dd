#include "exec/node_executor.h"

#include <chrono>

#include "parse/introspection.h"
#include "parse/node_compiler.h"
#include "exec/seed_loader.h"
#include "exec/snapshot_materializer.h"
#include "exec/sql_error_location.h"
#include "exec/test_columns.h"
#include "exec/test_executor.h"
#include "exec/unit_test_executor.h"
#include "util/md5_digest.h"
#include "util/strings.h"
#include "util/utc_time.h"

namespace mrun::exec {

namespace {

using Clock = std::chrono::system_clock;

// Renders each hook of `key` (pre_hook/post_hook) in the Execute phase
// (`shadow`: against this run's shadows, as the node's SQL).
std::vector<std::string> render_hooks(const parse::DbtContext& context, const graph::Node& node, const std::string& key,
                                      bool shadow) {
  std::vector<std::string> out;
  for (const auto& hook : node.config.get_list(key)) {
    graph::Node copy = node;
    parse::NodeRender render;
    render.node = &copy;
    render.phase = parse::RenderPhase::Execute;
    render.shadow = shadow;
    auto tmpl = context.parse(hook, node.path + " (" + key + ")");
    out.push_back(context.render(*tmpl, render));
  }
  return out;
}

parse::Relation relation_of(const graph::Node& node) { return parse::Relation{node.database_schema, node.relation_name}; }

// Where `node` is built: its relation, or in a `publish: atomic` run its shadow.
parse::Relation build_relation_of(const RunState& state, const graph::Node& node) {
  parse::Relation published = relation_of(node);
  if (!state.shadows) return published;
  return parse::Relation{parse::shadow_schema(published.schema), published.identifier};
}

// A shadow build is recorded, so that its children read it and the publish swaps it in.
void record_shadow(RunState& state, const graph::Node& node, bool view, NodeResult& result) {
  if (!state.shadows) return;
  parse::Relation shadow = build_relation_of(state, node);
  state.shadows->record({relation_of(node), shadow, view, false});
  result.built_relation = shadow.quoted();
}

void run_model(pqxx::connection& conn, RunState& state, const graph::Node& node, const std::string& sql,
               NodeResult& result) {
  MaterializeRequest req;
  req.node = &node;
  req.relation = build_relation_of(state, node);
  if (state.shadows) req.published = relation_of(node);
  req.sql = sql;
  req.pre_hooks = render_hooks(state.context, node, "pre_hook", state.shadows != nullptr);
  req.post_hooks = render_hooks(state.context, node, "post_hook", state.shadows != nullptr);
  // A snapshot's history is never rebuilt (as in dbt: --full-refresh does not apply).
  req.full_refresh = node.kind != graph::NodeKind::Snapshot &&
                     (state.full_refresh || node.config.get_bool("full_refresh", false));
  MaterializeResult m = materialize(conn, req, state.catalog, state.schemas);
  result.status = NodeStatus::Success;
  result.rows_affected = m.rows_affected;
  result.message = m.message;
  std::string kind = node.materialized();
  if (kind != "ephemeral") {
    result.relation = relation_of(node).quoted();
    record_shadow(state, node, kind == "view", result);
  }
  // What the relation holds now: a table's build says; an incremental
  // model's or a snapshot's added rows do not, so it is counted.
  if (kind == "table") result.row_count = m.rows_affected;
  if (kind == "incremental" || kind == "snapshot") {
    pqxx::nontransaction tx(conn);
    result.row_count = tx.exec1("select count(*) from " + req.relation.quoted())[0].as<long long>();
  }
}

// The node's last build when nothing it is made from changed, else nullopt.
std::optional<NodeResult> reuse(RunState& state, size_t index, std::string_view content, NodeResult& result) {
  const graph::Node& node = state.project.manifest.nodes[index];
  result.fingerprint = node_fingerprint(state.project.manifest, index, content, state.reuse, state.versions);
  bool has_relation = node.kind != graph::NodeKind::Test && node.materialized() != "ephemeral";
  if (node.kind == graph::NodeKind::Test && state.store_failures) return std::nullopt;
  return reuse_previous(node, result.fingerprint, has_relation ? relation_of(node).quoted() : "", state.reuse);
}

// What a node's fingerprint digests of the node itself (besides its config
// and parents): its compiled SQL; a snapshot's, also the state of its table
// `table` (exec/snapshot_materializer.h), since its result is made from it
// too. A snapshot that ran records the state it left (its relation as
// built), so that the next run, finding that state and the same inputs,
// reuses it: running it again would change nothing.
std::string fingerprint_content(const WorkerConnection& conn, const RunState& state, const graph::Node& node,
                                const std::string& sql, const parse::Relation& table) {
  if (node.kind != graph::NodeKind::Snapshot) return sql;
  return sql + "\n-- snapshot table: " + snapshot_table_state(*conn.queries(), node, table, state.catalog);
}

// Runs test manifest node `index` from its executed `sql`.
TestOutcome run_test(const WorkerConnection& conn, RunState& state, size_t index,
                     const std::optional<MonitoringSpec>& monitoring, const std::string& sql) {
  const graph::Node& node = state.project.manifest.nodes[index];
  if (monitoring)
    return run_monitoring_test(*conn.queries(), node, *monitoring, sql, state.history, state.built_rows);
  auto compile = [&state](size_t other) {
    return parse::compile_node(state.context, state.project, other, state.shadows != nullptr);
  };
  if (auto nulls = state.null_scans.failures(*conn.queries(), state.project.manifest, index, sql, compile,
                                             state.store_failures))
    return judge_failures(node, *nulls);
  return run_test_query(*conn.queries(), node, sql, state.store_failures, state.context.settings().target.schema,
                        state.schemas);
}

// Builds model or snapshot manifest node `index` or runs test `index` (a
// monitoring test: `monitoring`) from `sql`.
void run_built_or_tested(const WorkerConnection& conn, RunState& state, size_t index,
                         const std::optional<MonitoringSpec>& monitoring, const std::string& sql, NodeResult& result) {
  const graph::Node& node = state.project.manifest.nodes[index];
  if (node.kind == graph::NodeKind::Model || node.kind == graph::NodeKind::Snapshot) {
    run_model(*conn.queries(), state, node, sql, result);
  } else if (node.kind == graph::NodeKind::Test) {
    if (state.columns_after_build.count(index)) check_test_column_after_build(*conn.queries(), state, index);
    TestOutcome t = run_test(conn, state, index, monitoring, sql);
    result.status = t.status;
    result.failures = t.failures;
    result.message = t.message;
  }
}

// Runs unit test `index` (never reused: it reads only its given rows, and
// runs in a moment) into `result`.
void run_unit(const WorkerConnection& conn, RunState& state, size_t index, NodeResult& result) {
  const graph::Node& node = state.project.manifest.nodes[index];
  UnitTestOutcome unit = run_unit_test(*conn.queries(), state.context, state.project, index, state.shadows);
  result.compiled_path = parse::write_compiled_sql(state.context.project(), node, unit.sql);
  result.compiled_code = std::move(unit.sql);
  result.status = unit.outcome.status;
  result.failures = unit.outcome.failures;
  result.message = std::move(unit.outcome.message);
}

// Runs the node (or reuses its last build) into `result`; `executed` gets
// the SQL it runs, with its template lines.
void run_node(const WorkerConnection& conn, RunState& state, size_t index, NodeResult& result, ExecutedSql& executed) {
  const graph::Node& node = state.project.manifest.nodes[index];
  if (node.kind == graph::NodeKind::UnitTest) {
    if (!state.compile_only) run_unit(conn, state, index, result);
    return;
  }
  if (node.kind == graph::NodeKind::Seed) {
    result.status = NodeStatus::Success;
    if (state.compile_only) return;
    std::string seed_path = state.context.project().root_dir + "/" + node.path;
    if (auto reused = reuse(state, index, md5_of_file(seed_path), result)) {
      result = std::move(*reused);
      return;
    }
    parse::Relation target = build_relation_of(state, node);
    state.schemas.ensure(*conn.copy(), target.schema);
    bool shadow = state.shadows != nullptr;
    SeedHooks hooks{render_hooks(state.context, node, "pre_hook", shadow),
                    render_hooks(state.context, node, "post_hook", shadow)};
    SeedResult s = load_seed(*conn.copy(), node, seed_path, target, state.catalog, hooks);
    result.rows_affected = s.rows;
    result.row_count = s.rows;
    result.message = "INSERT " + std::to_string(s.rows);
    result.relation = relation_of(node).quoted();
    record_shadow(state, node, false, result);
    return;
  }
  // Introspection in its templates (run_query, ...) queries the worker's connection.
  std::optional<parse::QueryScope> queries;
  if (conn.queries()) queries.emplace(*conn.queries());
  // A monitoring test's arguments are checked first, also by `mrun compile`.
  std::optional<MonitoringSpec> monitoring;
  auto monitoring_test = monitoring_kind(node);
  if (monitoring_test && state.context.is_builtin_macro(monitoring_macro(*monitoring_test)))
    monitoring = monitoring_spec(state.project.manifest, node);
  // A `publish: atomic` run executes the SQL that names its shadows; that
  // render runs first, so the one naming the published relations replays
  // its queries (parse/introspection.h) instead of querying what does not
  // exist yet.
  executed.path = node.path;
  if (state.shadows && !state.compile_only) {
    executed.sql = parse::compile_node(state.context, state.project, index, true, &executed.source_lines);
    if (queries) queries->replay(true);
  }
  std::string sql = parse::compile_node(state.context, state.project, index, false,
                                        state.compile_only || state.shadows ? nullptr : &executed.source_lines);
  if (queries) queries->replay(false);
  if (executed.sql.empty()) executed.sql = sql;
  result.compiled_path = parse::write_compiled_sql(state.context.project(), node, sql);
  result.compiled_code = sql;
  result.compiled_at = iso8601_utc(std::chrono::system_clock::now());
  if (state.compile_only) {
    result.status = NodeStatus::Success;
    result.message = "compiled";
  } else if (auto reused = reuse(state, index, fingerprint_content(conn, state, node, sql, relation_of(node)), result)) {
    reused->compiled_path = result.compiled_path;
    reused->compiled_code = std::move(result.compiled_code);
    reused->compiled_at = result.compiled_at;
    result = std::move(*reused);
  } else {
    run_built_or_tested(conn, state, index, monitoring, executed.sql, result);
    if (node.kind == graph::NodeKind::Snapshot)
      result.fingerprint = node_fingerprint(state.project.manifest, index,
                                            fingerprint_content(conn, state, node, sql, build_relation_of(state, node)),
                                            state.reuse, state.versions);
  }
}


}  // namespace

NodeResult execute_node(const WorkerConnection& conn, RunState& state, size_t index) {
  const graph::Node& node = state.project.manifest.nodes[index];
  NodeResult result;
  result.unique_id = node.unique_id;
  auto started = Clock::now();
  std::string started_at = iso8601_utc(started);
  ExecutedSql executed;
  try {
    run_node(conn, state, index, result, executed);
  } catch (const std::exception& e) {
    result.status = NodeStatus::Error;
    result.message = std::string(trim(e.what()));
    if (const auto* sql_error = dynamic_cast<const pqxx::sql_error*>(&e); sql_error && !executed.sql.empty())
      result.message = locate_sql_error(result.message, sql_error->query(), executed);
    result.error_exit_code = exit_code_for(e);
  }
  auto finished = Clock::now();
  result.started_at = started_at;
  result.completed_at = iso8601_utc(finished);
  result.execution_time = std::chrono::duration<double>(finished - started).count();
  // Children read what this node now holds.
  bool holds = result.status == NodeStatus::Success || result.status == NodeStatus::Reused;
  if (holds && node.kind != graph::NodeKind::Test && !result.fingerprint.empty())
    state.versions.set(node.unique_id, result.fingerprint);
  // What it wrote, for the row-count tests on it (post-hooks may change it).
  if (result.status == NodeStatus::Success && result.row_count >= 0 && !result.relation.empty() &&
      node.config.get_list("post_hook").empty())
    state.built_rows.record(result.relation, result.row_count);
  return result;
}

}  // namespace mrun::exec
