#include "docs/database_catalog.h"

#include <map>
#include <utility>

#include "db/quote.h"

namespace mrun::docs {

namespace {

using RelationKey = std::pair<std::string, std::string>;  // schema, name

bool has_relation(const graph::Node& node) {
  if (!node.enabled()) return false;
  if (node.kind == graph::NodeKind::Source || node.kind == graph::NodeKind::Seed ||
      node.kind == graph::NodeKind::Snapshot)
    return true;
  return node.kind == graph::NodeKind::Model && node.materialized() != "ephemeral";
}

std::string relation_type(char relkind) {
  switch (relkind) {
    case 'v': return "VIEW";
    case 'm': return "MATERIALIZED VIEW";
    case 'f': return "FOREIGN TABLE";
    default: return "BASE TABLE";
  }
}

}  // namespace

std::vector<artifacts::CatalogRelation> read_database_catalog(pqxx::connection& conn,
                                                              const graph::Manifest& manifest) {
  std::vector<size_t> wanted;
  for (size_t i = 0; i < manifest.nodes.size(); ++i)
    if (has_relation(manifest.nodes[i])) wanted.push_back(i);
  std::vector<artifacts::CatalogRelation> out;
  if (wanted.empty()) return out;

  pqxx::read_transaction tx(conn);
  std::string values;
  for (size_t i : wanted) {
    const graph::Node& n = manifest.nodes[i];
    values += (values.empty() ? "(" : ", (") + tx.quote(n.database_schema) + ", " + tx.quote(n.relation_name) + ")";
  }
  struct Found {
    artifacts::CatalogRelation relation;
    uint32_t oid = 0;
    bool needs_count = false;
  };
  std::map<RelationKey, Found> found;
  pqxx::result relations = tx.exec(
      "select n.nspname, c.relname, c.relkind, c.oid, coalesce(obj_description(c.oid, 'pg_class'), ''), "
      "pg_get_userbyid(c.relowner), c.reltuples::bigint, "
      "case when c.relkind in ('r', 'p', 'm') then pg_total_relation_size(c.oid) end, current_database() "
      "from (values " + values + ") w(schema_name, relation_name) "
      "join pg_namespace n on n.nspname = w.schema_name "
      "join pg_class c on c.relnamespace = n.oid and c.relname = w.relation_name "
      "where c.relkind in ('r', 'p', 'v', 'm', 'f')");
  std::string oids;
  for (const auto& row : relations) {
    Found f;
    f.relation.schema = row[0].c_str();
    f.relation.name = row[1].c_str();
    char relkind = row[2].c_str()[0];
    f.relation.type = relation_type(relkind);
    f.oid = row[3].as<uint32_t>();
    f.relation.comment = row[4].c_str();
    f.relation.owner = row[5].c_str();
    f.relation.database = row[8].c_str();
    if (!row[7].is_null()) {
      f.relation.bytes = row[7].as<int64_t>();
      int64_t reltuples = row[6].as<int64_t>();
      if (reltuples >= 0) f.relation.row_count = reltuples;
      else f.needs_count = true;  // never analyzed (PostgreSQL 14+ says -1)
    }
    oids += (oids.empty() ? "" : ",") + std::to_string(f.oid);
    found.emplace(RelationKey{f.relation.schema, f.relation.name}, std::move(f));
  }
  if (found.empty()) return out;

  std::map<uint32_t, Found*> by_oid;
  for (auto& [key, f] : found) by_oid[f.oid] = &f;
  for (const auto& row : tx.exec(
           "select a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), a.attnum, "
           "coalesce(col_description(a.attrelid, a.attnum), '') from pg_attribute a "
           "where a.attrelid in (" + oids + ") and a.attnum > 0 and not a.attisdropped order by a.attrelid, a.attnum")) {
    by_oid[row[0].as<uint32_t>()]->relation.columns.push_back(
        {row[1].c_str(), row[2].c_str(), row[3].as<int>(), row[4].c_str()});
  }
  for (auto& [key, f] : found) {
    if (!f.needs_count) continue;
    f.relation.row_count =
        tx.exec1("select count(*) from " + db::qualified_name(key.first, key.second))[0].as<int64_t>();
  }

  for (size_t i : wanted) {
    const graph::Node& n = manifest.nodes[i];
    auto it = found.find({n.database_schema, n.relation_name});
    if (it == found.end()) continue;
    artifacts::CatalogRelation r = it->second.relation;
    r.unique_id = n.unique_id;
    r.is_source = n.kind == graph::NodeKind::Source;
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace mrun::docs
