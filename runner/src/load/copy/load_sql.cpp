#include "load/copy/load_sql.h"

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

// The comment of a staged table: "mrun load (staged, load <id>) for raw.films".
constexpr const char* kStagedCommentPrefix = "mrun load (staged, load ";
constexpr const char* kNotInherited = "not exists (select 1 from pg_inherits i where i.inhrelid = c.oid)";

// The comment of a child table: "mrun load: part of raw.ratings".
constexpr const char* kChildCommentPrefix = "mrun load: part of ";

// Drops (with CASCADE: a staged parent's children go with it) the tables of
// pg_class c / pg_namespace n that `condition` selects.
void drop_tables_where(PgConnection& connection, const std::string& condition) {
  std::string tables = connection.query_value(
      "select string_agg(format('%I.%I', n.nspname, c.relname), ', ') from pg_class c"
      " join pg_namespace n on n.oid = c.relnamespace where c.relkind = 'r' and " + condition);
  if (!tables.empty()) connection.exec("DROP TABLE IF EXISTS " + tables + " CASCADE");
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

std::string NewTables::staged_table() const { return db::qualified_name(spec.schema, staged_identifier()); }

std::string NewTables::staged_identifier() const { return new_name(*this); }

std::string NewTables::stage_sql() const {
  std::string sql;
  if (streams > 1) {
    sql = create_table_sql(spec, staged_table(), true) + "; ";
    for (int k = 0; k < streams; ++k) sql += "ALTER TABLE " + stream_table(k) + " INHERIT " + staged_table() + "; ";
  }
  return sql + "COMMENT ON TABLE " + staged_table() + " IS " +
         db::quote_literal(std::string(kStagedCommentPrefix) + load_id + ") for " +
                           db::qualified_name(spec.schema, spec.identifier));
}

std::string NewTables::swap_sql() const {
  std::string table = db::qualified_name(spec.schema, spec.identifier);
  // CASCADE: the views over the raw table (staging) go too, and the caller
  // recreates them (dependent_views.h); the children of an earlier split
  // load go with their parent.
  std::string sql = "DROP TABLE IF EXISTS " + table + " CASCADE; ALTER TABLE " + staged_table() + " RENAME TO " +
                    db::quote_identifier(spec.identifier) + "; COMMENT ON TABLE " + table + " IS NULL";
  if (streams > 1) {
    for (int k = 0; k < streams; ++k)
      sql += "; ALTER TABLE " + stream_table(k) + " RENAME TO " + db::quote_identifier(child_name(spec, k));
  }
  return sql;
}

std::string child_comment(const TableSpec& spec) {
  return std::string(kChildCommentPrefix) + db::qualified_name(spec.schema, spec.identifier);
}

void drop_orphan_children(PgConnection& connection, const TableSpec& spec) {
  drop_tables_where(connection, "n.nspname = " + db::quote_literal(spec.schema) +
                                    " and obj_description(c.oid, 'pg_class') = " +
                                    db::quote_literal(child_comment(spec)) + " and " + kNotInherited);
}

void drop_staged_tables(PgConnection& connection, const std::vector<std::string>& schemas) {
  if (schemas.empty()) return;
  std::string in_schemas;
  for (const std::string& schema : schemas) in_schemas += (in_schemas.empty() ? "" : ", ") + db::quote_literal(schema);
  drop_tables_where(connection, "n.nspname in (" + in_schemas + ") and (starts_with(obj_description(c.oid, 'pg_class'), " +
                                    db::quote_literal(kStagedCommentPrefix) + ") or (starts_with(obj_description(c.oid, 'pg_class'), " +
                                    db::quote_literal(kChildCommentPrefix) + ") and " + kNotInherited + "))");
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
