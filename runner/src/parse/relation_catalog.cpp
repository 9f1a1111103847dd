#include "parse/relation_catalog.h"

namespace mrun::parse {

namespace {
std::string key_of(const std::string& schema, const std::string& name) { return schema + '\x1f' + name; }
}  // namespace

void RelationCatalog::load(pqxx::connection& conn) {
  pqxx::nontransaction tx(conn);
  auto rows = tx.exec(
      "SELECT n.nspname, c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE c.relkind IN ('r', 'p', 'v', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
      "AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'");
  std::lock_guard lock(mutex_);
  relations_.clear();
  for (const auto& row : rows) {
    char kind = row[2].c_str()[0];
    relations_[key_of(row[0].c_str(), row[1].c_str())] =
        (kind == 'v' || kind == 'm') ? RelationKind::View : RelationKind::Table;
  }
}

std::optional<RelationKind> RelationCatalog::find(const Relation& relation) const {
  std::lock_guard lock(mutex_);
  auto it = relations_.find(key_of(relation.schema, relation.identifier));
  if (it == relations_.end()) return std::nullopt;
  return it->second;
}

void RelationCatalog::record(const Relation& relation, RelationKind kind) {
  std::lock_guard lock(mutex_);
  relations_[key_of(relation.schema, relation.identifier)] = kind;
}

void RelationCatalog::forget(const Relation& relation) {
  std::lock_guard lock(mutex_);
  relations_.erase(key_of(relation.schema, relation.identifier));
}

}  // namespace mrun::parse
