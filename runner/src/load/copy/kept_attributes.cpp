#include "load/copy/kept_attributes.h"

#include <nlohmann/json.hpp>

#include "db/quote.h"

namespace mrun::load {

namespace {

std::string capture_sql(const std::vector<std::string>& relations) {
  return "select coalesce(json_agg(json_build_object('schema', n.nspname, 'name', c.relname, " +
         comments_and_grants_json_sql() +
         ", 'indexes', coalesce((select json_agg(json_build_array(ic.relname, pg_get_indexdef(i.indexrelid)))"
         "   from pg_index i join pg_class ic on ic.oid = i.indexrelid where i.indrelid = c.oid), '[]')"
         ")), '[]') from pg_class c join pg_namespace n on n.oid = c.relnamespace"
         " where c.oid in " + regclass_set_sql(relations);
}

// Runs `sql` under a savepoint; a failure is rolled back and becomes a warning about `what`.
void try_step(PgConnection& connection, const std::string& sql, const std::string& what,
              std::vector<std::string>& warnings) {
  if (sql.empty()) return;
  connection.exec("SAVEPOINT mrun_kept_attribute");
  std::string error = connection.try_exec(sql);
  if (!error.empty()) {
    connection.exec("ROLLBACK TO SAVEPOINT mrun_kept_attribute");
    warnings.push_back("could not keep " + what + ": " + error);
  }
  connection.exec("RELEASE SAVEPOINT mrun_kept_attribute");
}

// The comments of `kept` that the new relation lacks.
CommentsAndGrants missing_comments(PgConnection& connection, const KeptAttributes& kept, const std::string& name) {
  CommentsAndGrants missing;
  std::string oid = "to_regclass(" + db::quote_literal(name) + ")";
  missing.has_comment = kept.access.has_comment &&
                        connection.query_value("select obj_description(" + oid + ", 'pg_class') is null") == "t";
  missing.comment = kept.access.comment;
  for (const ColumnComment& c : kept.access.column_comments) {
    std::string lacks = connection.query_value(
        "select col_description(" + oid + ", a.attnum) is null from pg_attribute a where a.attrelid = " + oid +
        " and a.attname = " + db::quote_literal(c.column) + " and not a.attisdropped");
    if (lacks == "t") missing.column_comments.push_back(c);
  }
  return missing;
}

}  // namespace

std::vector<KeptAttributes> capture_kept_attributes(PgConnection& connection, const std::vector<std::string>& relations) {
  std::vector<KeptAttributes> out;
  if (relations.empty()) return out;
  for (const auto& j : nlohmann::json::parse(connection.query_value(capture_sql(relations)))) {
    KeptAttributes k;
    k.schema = j.at("schema").get<std::string>();
    k.name = j.at("name").get<std::string>();
    k.access = comments_and_grants_of(j);
    for (const auto& index : j.at("indexes"))
      k.indexes.emplace_back(index.at(0).get<std::string>(), index.at(1).get<std::string>());
    out.push_back(std::move(k));
  }
  return out;
}

std::vector<std::string> restore_kept_attributes(PgConnection& connection, const std::vector<KeptAttributes>& kept) {
  std::vector<std::string> warnings;
  for (const KeptAttributes& k : kept) {
    std::string name = db::qualified_name(k.schema, k.name);
    std::string kind = connection.query_value("select relkind from pg_class where oid = to_regclass(" +
                                              db::quote_literal(name) + ")");
    if (kind.empty()) continue;  // not replaced after all
    std::string keyword = kind == "v" ? "VIEW " : kind == "m" ? "MATERIALIZED VIEW " : "TABLE ";
    try_step(connection, comments_sql(keyword, name, missing_comments(connection, k, name)), "the comments of " + name,
             warnings);
    try_step(connection, grants_sql(name, k.access), "the privileges on " + name, warnings);
    for (const auto& [index, definition] : k.indexes) {
      if (!connection.query_value("select to_regclass(" + db::quote_literal(db::qualified_name(k.schema, index)) + ")")
               .empty())
        continue;  // built with the table (the indexes config) or taken by another index
      try_step(connection, definition, "index " + index + " of " + name, warnings);
    }
  }
  return warnings;
}

}  // namespace mrun::load
