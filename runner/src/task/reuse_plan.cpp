#include "task/reuse_plan.h"

#include "db/quote.h"
#include "load/table_spec.h"

namespace mrun::task {

namespace {

// The newest value of `field` in `relation`, as text ("" when empty), or
// nullopt when it cannot be read (the run then treats the source as changed).
std::optional<std::string> newest_value(pqxx::connection& conn, const std::string& relation, const std::string& field) {
  try {
    pqxx::nontransaction tx(conn);
    pqxx::row row = tx.exec1("select max(" + field + ")::text from " + relation);
    return row[0].is_null() ? "" : row[0].c_str();
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

std::string loaded_source_version(const std::string& content_fingerprint, const std::string& spec_fingerprint) {
  return "load:" + content_fingerprint + ":" + spec_fingerprint;
}

exec::ReusePlan plan_reuse(RunRecord& record, const parse::ParsedProject& parsed, pqxx::connection& conn,
                           bool enabled, const std::map<std::string, std::string>& staged_versions) {
  return record.with_store([&](state::RunStore& store) {
    return plan_reuse(record.run_id(), store, parsed, conn, enabled, staged_versions);
  });
}

exec::ReusePlan plan_reuse(const std::string& run_id, state::RunStore& store, const parse::ParsedProject& parsed,
                           pqxx::connection& conn, bool enabled,
                           const std::map<std::string, std::string>& staged_versions) {
  exec::ReusePlan plan;
  plan.enabled = enabled;
  plan.engine = MRUN_VERSION;
  plan.run_id = run_id;
  std::vector<std::string> relations;
  plan.previous = store.previous_builds();
  std::map<std::string, state::PreviousLoad> loads = store.previous_loads();
  for (const auto& [id, build] : plan.previous)
    if (!build.relation.empty()) relations.push_back(build.relation);
  for (const auto& [relation, load] : loads) relations.push_back(relation);
  plan.relation_oids = store.relation_oids(relations);

  std::map<std::pair<std::string, std::string>, std::string> loaded;  // (source, table) -> relation
  for (const load::TableSpec& t : load::loadable_tables(parsed.schema_files))
    loaded[{t.source, t.name}] = db::qualified_name(t.schema, t.identifier);
  for (const graph::Node& node : parsed.manifest.nodes) {
    if (node.kind != graph::NodeKind::Source) continue;
    auto table = loaded.find({node.source_name, node.name});
    if (table != loaded.end()) {
      if (auto staged = staged_versions.find(table->second); staged != staged_versions.end()) {
        plan.source_versions[node.unique_id] = staged->second;
        continue;
      }
      auto load = loads.find(table->second);
      auto oid = plan.relation_oids.find(table->second);
      if (load != loads.end() && oid != plan.relation_oids.end() && load->second.relation_oid == oid->second)
        plan.source_versions[node.unique_id] =
            loaded_source_version(load->second.content_fingerprint, load->second.spec_fingerprint);
      continue;
    }
    std::string field = node.config.get_string("loaded_at_field");
    if (field.empty()) continue;
    if (auto newest = newest_value(conn, db::qualified_name(node.database_schema, node.relation_name), field))
      plan.source_versions[node.unique_id] = "loaded_at:" + *newest;
  }
  return plan;
}

}  // namespace mrun::task
