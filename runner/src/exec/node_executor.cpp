#include "exec/node_executor.h"

#include <chrono>

#include "parse/node_compiler.h"
#include "exec/seed_loader.h"
#include "exec/test_executor.h"
#include "util/strings.h"
#include "util/utc_time.h"

namespace mrun::exec {

namespace {

using Clock = std::chrono::system_clock;

// Renders each hook of `key` (pre_hook/post_hook) in the Execute phase.
std::vector<std::string> render_hooks(const parse::DbtContext& context, const graph::Node& node, const std::string& key) {
  std::vector<std::string> out;
  for (const auto& hook : node.config.get_list(key)) {
    graph::Node copy = node;
    parse::NodeRender render;
    render.node = &copy;
    render.phase = parse::RenderPhase::Execute;
    auto tmpl = context.parse(hook, node.path + " (" + key + ")");
    out.push_back(context.render(*tmpl, render));
  }
  return out;
}

parse::Relation relation_of(const graph::Node& node) { return parse::Relation{node.database_schema, node.relation_name}; }

void run_model(pqxx::connection& conn, RunState& state, const graph::Node& node, const std::string& sql,
               NodeResult& result) {
  MaterializeRequest req;
  req.node = &node;
  req.relation = relation_of(node);
  req.sql = sql;
  req.pre_hooks = render_hooks(state.context, node, "pre_hook");
  req.post_hooks = render_hooks(state.context, node, "post_hook");
  req.full_refresh = state.full_refresh || node.config.get_bool("full_refresh", false);
  MaterializeResult m = materialize(conn, req, state.catalog, state.schemas);
  result.status = NodeStatus::Success;
  result.rows_affected = m.rows_affected;
  result.message = m.message;
  if (node.materialized() != "ephemeral") result.relation = req.relation.quoted();
}

}  // namespace

NodeResult execute_node(const WorkerConnection& conn, RunState& state, size_t index) {
  const graph::Node& node = state.project.manifest.nodes[index];
  NodeResult result;
  result.unique_id = node.unique_id;
  auto started = Clock::now();
  result.started_at = iso8601_utc(started);
  try {
    if (node.kind == graph::NodeKind::Seed) {
      if (!state.compile_only) {
        state.schemas.ensure(*conn.copy(), node.database_schema);
        SeedResult s = load_seed(*conn.copy(), node, state.context.project().root_dir + "/" + node.path,
                                 relation_of(node), state.catalog);
        result.rows_affected = s.rows;
        result.message = "INSERT " + std::to_string(s.rows);
        result.relation = relation_of(node).quoted();
      }
      result.status = NodeStatus::Success;
    } else {
      std::string sql = parse::compile_node(state.context, state.project, index);
      result.compiled_path = parse::write_compiled_sql(state.context.project(), node, sql);
      if (state.compile_only) {
        result.status = NodeStatus::Success;
        result.message = "compiled";
      } else if (node.kind == graph::NodeKind::Model) {
        run_model(*conn.queries(), state, node, sql, result);
      } else if (node.kind == graph::NodeKind::Test) {
        TestOutcome t = run_test_query(*conn.queries(), node, sql, state.store_failures, state.context.settings().target.schema,
                                       state.schemas);
        result.status = t.status;
        result.failures = t.failures;
        result.message = t.message;
      }
    }
  } catch (const std::exception& e) {
    result.status = NodeStatus::Error;
    result.message = std::string(trim(e.what()));
    result.error_exit_code = exit_code_for(e);
  }
  auto finished = Clock::now();
  result.completed_at = iso8601_utc(finished);
  result.execution_time = std::chrono::duration<double>(finished - started).count();
  return result;
}

}  // namespace mrun::exec
