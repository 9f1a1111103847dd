#include "load/load_sql.h"

#include "db/quote.h"

namespace mrun::load {

namespace {

// PostgreSQL truncates identifiers to 63 bytes: the prefixes leave room for the suffixes.
std::string new_name(const NewTables& t) {
  const std::string& id = t.load_id;
  return t.spec.identifier.substr(0, 40) + "__new_" + id.substr(id.size() > 8 ? id.size() - 8 : 0);
}

std::string child_name(const TableSpec& spec, int k) {
  return spec.identifier.substr(0, 55) + "__part" + std::to_string(k + 1);
}

std::string create_table_sql(const TableSpec& spec, const std::string& table, bool with_load_id) {
  std::string sql = "CREATE TABLE " + table + " (";
  for (const project::LoadColumn& c : spec.load.columns) sql += db::quote_identifier(c.name) + " " + c.data_type + ", ";
  return sql + "_line bigint NOT NULL" + (with_load_id ? ", _load_id text NOT NULL)" : ")");
}

}  // namespace

std::string NewTables::stream_table(int k) const {
  std::string name = new_name(*this);
  if (streams > 1) name += "_" + std::to_string(k + 1);
  return db::qualified_name(spec.schema, name);
}

std::string NewTables::create_sql(int k) const {
  std::string sql = create_table_sql(spec, stream_table(k), false);
  if (streams > 1) sql += "; COMMENT ON TABLE " + stream_table(k) + " IS " + db::quote_literal(child_comment(spec));
  return sql;
}

std::string NewTables::swap_sql() const {
  std::string table = db::qualified_name(spec.schema, spec.identifier);
  // CASCADE: the views over the raw table (staging) go too, and the caller
  // recreates them (dependent_views.h); the children of an earlier split
  // load go with their parent.
  std::string drop_old = "DROP TABLE IF EXISTS " + table + " CASCADE; ";
  if (streams == 1)
    return drop_old + "ALTER TABLE " + stream_table(0) + " RENAME TO " + db::quote_identifier(spec.identifier);
  std::string parent = db::qualified_name(spec.schema, new_name(*this));
  std::string sql = create_table_sql(spec, parent, true) + "; ";
  for (int k = 0; k < streams; ++k) sql += "ALTER TABLE " + stream_table(k) + " INHERIT " + parent + "; ";
  sql += drop_old + "ALTER TABLE " + parent + " RENAME TO " + db::quote_identifier(spec.identifier);
  for (int k = 0; k < streams; ++k)
    sql += "; ALTER TABLE " + stream_table(k) + " RENAME TO " + db::quote_identifier(child_name(spec, k));
  return sql;
}

std::string child_comment(const TableSpec& spec) {
  return "mrun load: part of " + db::qualified_name(spec.schema, spec.identifier);
}

void drop_orphan_children(PgConnection& connection, const TableSpec& spec) {
  std::string orphans = connection.query_value(
      "select string_agg(format('%I.%I', n.nspname, c.relname), ', ') from pg_class c"
      " join pg_namespace n on n.oid = c.relnamespace"
      " where n.nspname = " + db::quote_literal(spec.schema) + " and c.relkind = 'r'"
      " and obj_description(c.oid, 'pg_class') = " + db::quote_literal(child_comment(spec)) +
      " and not exists (select 1 from pg_inherits i where i.inhrelid = c.oid)");
  if (!orphans.empty()) connection.exec("DROP TABLE IF EXISTS " + orphans);
}

// FREEZE: the table was created in this transaction, so its rows can be
// written frozen and all-visible. Without it the first query to read them
// (staging, tests) sets hint bits on every page, which dirties and writes the
// whole table (1.5 GB for ratings) a second time.
std::string copy_sql(const TableSpec& spec, const std::string& table, bool binary) {
  std::string sql = "COPY " + table + " (";
  for (const project::LoadColumn& c : spec.load.columns) sql += db::quote_identifier(c.name) + ", ";
  return sql + "_line) FROM STDIN WITH (" + (binary ? "FORMAT binary, " : "") + "FREEZE)";
}

// _load_id is added after the COPY as a column with a constant default:
// PostgreSQL stores that value once in the catalog instead of in every row
// (no rewrite), which saves ~30 bytes per row of heap writes. Dropping the
// default keeps the value for the existing rows.
std::string add_load_id_sql(const std::string& table, const std::string& load_id) {
  return "ALTER TABLE " + table + " ADD COLUMN _load_id text NOT NULL DEFAULT " + db::quote_literal(load_id) +
         "; ALTER TABLE " + table + " ALTER COLUMN _load_id DROP DEFAULT";
}

}  // namespace mrun::load
