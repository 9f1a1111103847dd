#include "task/current_views.h"

#include "exec/reuse.h"
#include "parse/relation.h"
#include "state/run_store.h"
#include "task/reuse_plan.h"

namespace mrun::task {

std::map<std::string, uint32_t> views_holding_current_sql(const std::string& url, const std::string& state_schema,
                                                          const std::string& project,
                                                          const parse::ParsedProject& parsed, pqxx::connection& conn,
                                                          const std::vector<size_t>& models) {
  state::RunStore store(url, state_schema, project);
  // A run id of its own: a parent whose version nobody can vouch for never
  // matches a recorded fingerprint.
  exec::ReusePlan plan = plan_reuse("docs generate", store, parsed, conn, true);
  const graph::Manifest& manifest = parsed.manifest;
  exec::DataVersions none;  // nothing is built now: each parent as its last build left it
  std::map<std::string, uint32_t> out;
  for (size_t i : models) {
    const graph::Node& n = manifest.nodes[i];
    if (n.kind != graph::NodeKind::Model || !n.enabled() || n.materialized() != "view" || n.compiled_code.empty())
      continue;
    std::string relation = parse::Relation{n.database_schema, n.relation_name}.quoted();
    std::string fingerprint = exec::node_fingerprint(manifest, i, n.compiled_code, plan, none);
    if (!exec::reuse_previous(n, fingerprint, relation, plan)) continue;
    out[n.unique_id] = plan.relation_oids.at(relation);
  }
  return out;
}

}  // namespace mrun::task
