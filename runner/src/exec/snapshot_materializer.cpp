#include "exec/snapshot_materializer.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "db/quote.h"
#include "parse/snapshot_config.h"
#include "util/error.h"
#include "util/strings.h"

namespace mrun::exec {

namespace {

using parse::HardDeletes;
using parse::SnapshotConfig;

// dbt-postgres' snapshot_get_time().
constexpr const char* kSnapshotTime = "now()::timestamp without time zone";
// This run's query, and its changes, as temporary tables of the transaction.
constexpr const char* kQueryTable = "mrun_snapshot_query";
constexpr const char* kChangesTable = "mrun_snapshot_changes";

struct Column {
  std::string name;
  std::string type;
};

std::vector<Column> columns_of(pqxx::work& tx, const std::string& relation) {
  std::vector<Column> out;
  auto rows = tx.exec_params(
      "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = $1::regclass AND "
      "attnum > 0 AND NOT attisdropped ORDER BY attnum",
      relation);
  for (const auto& row : rows) out.push_back({row[0].c_str(), row[1].c_str()});
  return out;
}

// True when `columns` has the column that the unquoted name `name` means
// (PostgreSQL folds it to lower case), or `name` exactly.
bool has_column(const std::vector<Column>& columns, const std::string& name) {
  std::string folded = to_lower(name);
  return std::any_of(columns.begin(), columns.end(),
                     [&](const Column& c) { return c.name == name || c.name == folded; });
}

// The SQL of one snapshot: dbt's snapshot macros (snapshot_staging_table,
// build_snapshot_table, the timestamp and check strategies,
// snapshot_merge_sql) written out for one config.
class SnapshotSql {
 public:
  explicit SnapshotSql(const SnapshotConfig& config) : c_(config), m_(config.columns) {
    updated_at_ = c_.check_strategy && c_.updated_at.empty() ? kSnapshotTime : c_.updated_at;
    std::vector<std::string> args = c_.unique_key;
    args.push_back(updated_at_);
    scd_id_ = hash(args);
  }

  /// The first build: the query's rows as the current versions.
  std::string first_build(const std::string& query) const {
    return "select *,\n  " + scd_id_ + " as " + m_.scd_id + ",\n  " + updated_at_ + " as " + m_.updated_at +
           ",\n  " + updated_at_ + " as " + m_.valid_from + ",\n  " + valid_to_of_new() + " as " + m_.valid_to +
           (new_record() ? ",\n  'False' as " + m_.is_deleted : "") + "\nfrom (\n" + query + "\n) sbq";
  }

  /// The changes of this run (dbt's staging table): rows to insert
  /// (dbt_change_type 'insert'), versions to close ('update', 'delete'),
  /// from `query_table` (the query's rows) and `target`. `check_cols`: the
  /// compared columns (check strategy), `column_added`: the query has a
  /// column the table did not have (every row changed).
  std::string changes(const std::string& query_table, const std::string& target,
                      const std::vector<std::string>& check_cols, bool column_added) const {
    std::string changed = row_changed(check_cols, column_added);
    if (new_record()) changed += " or snapshotted_data." + m_.is_deleted + " = 'True'";
    bool deletes = c_.hard_deletes != HardDeletes::Ignore;
    std::string sql = "with snapshot_query as (\n  select * from " + query_table + "\n),\n";
    sql += "snapshotted_data as (\n  select *, " + key_fields() + "\n  from " + target + "\n  where " +
           is_current(m_.valid_to) + "\n),\n";
    sql += "insertions_source_data as (\n  select *, " + key_fields() + ",\n    " + updated_at_ + " as " +
           m_.updated_at + ",\n    " + updated_at_ + " as " + m_.valid_from + ",\n    " + valid_to_of_new() + " as " +
           m_.valid_to + ",\n    " + scd_id_ + " as " + m_.scd_id + "\n  from snapshot_query\n),\n";
    sql += "updates_source_data as (\n  select *, " + key_fields() + ",\n    " + updated_at_ + " as " + m_.updated_at +
           ",\n    " + updated_at_ + " as " + m_.valid_from + ",\n    " + updated_at_ + " as " + m_.valid_to +
           "\n  from snapshot_query\n),\n";
    if (deletes) sql += "deletes_source_data as (\n  select *, " + key_fields() + "\n  from snapshot_query\n),\n";
    sql += "insertions as (\n  select 'insert' as dbt_change_type, source_data.*" +
           std::string(new_record() ? ", 'False' as " + m_.is_deleted : "") +
           "\n  from insertions_source_data as source_data\n  left outer join snapshotted_data on " +
           join_on("snapshotted_data", "source_data") + "\n  where " + key_is_null("snapshotted_data") + "\n    or (" +
           key_is_not_null("snapshotted_data") + " and (" + changed + "))\n),\n";
    sql += "updates as (\n  select 'update' as dbt_change_type, source_data.*, snapshotted_data." + m_.scd_id +
           (new_record() ? ", snapshotted_data." + m_.is_deleted : "") +
           "\n  from updates_source_data as source_data\n  join snapshotted_data on " +
           join_on("snapshotted_data", "source_data") + "\n  where (" + changed + ")\n)";
    if (deletes) {
      // A current deletion version of a key still gone is left as it is.
      std::string still_deleted =
          new_record() ? "\n    and not (snapshotted_data." + m_.is_deleted + " = 'True' and " +
                             is_current("snapshotted_data." + m_.valid_to) + ")"
                       : "";
      sql += ",\ndeletes as (\n  select 'delete' as dbt_change_type, source_data.*,\n    " + std::string(kSnapshotTime) +
             " as " + m_.valid_from + ",\n    " + kSnapshotTime + " as " + m_.updated_at + ",\n    " + kSnapshotTime +
             " as " + m_.valid_to + ",\n    snapshotted_data." + m_.scd_id +
             (new_record() ? ", snapshotted_data." + m_.is_deleted : "") +
             "\n  from snapshotted_data\n  left join deletes_source_data as source_data on " +
             join_on("snapshotted_data", "source_data") + "\n  where " + key_is_null("source_data") + still_deleted +
             "\n)";
      if (new_record()) {
        sql += ",\ndeletion_records as (\n  select 'insert' as dbt_change_type, " + deleted_row_fields() + ",\n    " +
               kSnapshotTime + " as " + m_.valid_from + ",\n    " + kSnapshotTime + " as " + m_.updated_at +
               ",\n    snapshotted_data." + m_.valid_to + " as " + m_.valid_to + ",\n    " +
               hash({"snapshotted_data." + m_.scd_id, kSnapshotTime}) + " as " + m_.scd_id + ",\n    'True' as " +
               m_.is_deleted + "\n  from snapshotted_data\n  left join deletes_source_data as source_data on " +
               join_on("snapshotted_data", "source_data") + "\n  where " + key_is_null("source_data") +
               still_deleted + "\n)";
      }
    }
    sql += "\nselect * from insertions\nunion all\nselect * from updates";
    if (deletes) sql += "\nunion all\nselect * from deletes";
    if (new_record()) sql += "\nunion all\nselect * from deletion_records";
    return sql;
  }

  /// dbt's snapshot_merge_sql, its update: closes the versions `changes` names.
  std::string close_versions(const std::string& target, const std::string& changes) const {
    return "update " + target + " as t\nset " + m_.valid_to + " = s." + m_.valid_to + "\nfrom " + changes +
           " as s\nwhere s." + m_.scd_id + "::text = t." + m_.scd_id +
           "::text\n  and s.dbt_change_type::text in ('update'::text, 'delete'::text)\n  and " +
           is_current("t." + m_.valid_to);
  }

  /// ... and its insert of the new versions (`columns`: quoted).
  static std::string insert_versions(const std::string& target, const std::string& changes,
                                     const std::vector<std::string>& columns) {
    std::vector<std::string> selected;
    for (const auto& c : columns) selected.push_back("s." + c);
    return "insert into " + target + " (" + join(columns, ", ") + ")\nselect " + join(selected, ", ") + "\nfrom " +
           changes + " as s\nwhere s.dbt_change_type::text = 'insert'::text";
  }

  /// Whether a row of the changes table is one of dbt's helper columns (not inserted).
  static bool helper_column(const std::string& name) {
    return name == "dbt_change_type" || name.rfind("dbt_unique_key", 0) == 0;
  }

  /// A current version: dbt_valid_to null (or dbt_valid_to_current).
  std::string is_current(const std::string& valid_to) const {
    if (c_.valid_to_current.empty()) return valid_to + " is null";
    return "(" + valid_to + " = " + c_.valid_to_current + " or " + valid_to + " is null)";
  }

  void set_query_columns(std::vector<std::string> quoted) { query_columns_ = std::move(quoted); }

 private:
  bool new_record() const { return c_.hard_deletes == HardDeletes::NewRecord; }

  // dbt's snapshot_hash_arguments.
  static std::string hash(const std::vector<std::string>& args) {
    std::vector<std::string> parts;
    for (const auto& a : args) parts.push_back("coalesce(cast(" + a + " as varchar), '')");
    return "md5(" + join(parts, " || '|' || ") + ")";
  }

  // dbt's get_dbt_valid_to_current: null of updated_at's type, or the configured value.
  std::string valid_to_of_new() const {
    std::string null_of_type = "nullif(" + updated_at_ + ", " + updated_at_ + ")";
    return c_.valid_to_current.empty() ? null_of_type : "coalesce(" + null_of_type + ", " + c_.valid_to_current + ")";
  }

  // dbt's unique_key_fields / unique_key_join_on / unique_key_is_null.
  std::string key_fields() const {
    if (!c_.unique_key_is_list) return c_.unique_key[0] + " as dbt_unique_key";
    std::vector<std::string> out;
    for (size_t i = 0; i < c_.unique_key.size(); ++i)
      out.push_back(c_.unique_key[i] + " as dbt_unique_key_" + std::to_string(i + 1));
    return join(out, ", ");
  }
  std::vector<std::string> key_names() const {
    if (!c_.unique_key_is_list) return {"dbt_unique_key"};
    std::vector<std::string> out;
    for (size_t i = 0; i < c_.unique_key.size(); ++i) out.push_back("dbt_unique_key_" + std::to_string(i + 1));
    return out;
  }
  std::string join_on(const std::string& a, const std::string& b) const {
    std::vector<std::string> out;
    for (const auto& k : key_names()) out.push_back(a + "." + k + " = " + b + "." + k);
    return join(out, " and ");
  }
  std::string key_is_null(const std::string& rel) const { return rel + "." + key_names()[0] + " is null"; }
  std::string key_is_not_null(const std::string& rel) const { return rel + "." + key_names()[0] + " is not null"; }

  // The strategy's row_changed.
  std::string row_changed(const std::vector<std::string>& check_cols, bool column_added) const {
    if (!c_.check_strategy) return "(snapshotted_data." + m_.valid_from + " < source_data." + c_.updated_at + ")";
    if (column_added) return "(true)";
    std::vector<std::string> out;
    for (const auto& col : check_cols) {
      std::string s = "snapshotted_data." + col, q = "source_data." + col;
      out.push_back(s + " != " + q + " or ((" + s + " is null) and not (" + q + " is null)) or ((not " + s +
                    " is null) and (" + q + " is null))");
    }
    return "(" + join(out, " or ") + ")";
  }

  // A deletion version's columns: the query's columns from the deleted
  // version, then its keys.
  std::string deleted_row_fields() const {
    std::vector<std::string> out;
    for (const auto& c : query_columns_) out.push_back("snapshotted_data." + c);
    for (const auto& k : key_names()) out.push_back("snapshotted_data." + k);
    return join(out, ", ");
  }

  const SnapshotConfig& c_;
  const parse::SnapshotColumns& m_;
  std::string updated_at_;
  std::string scd_id_;
  std::vector<std::string> query_columns_;  ///< quoted
};

void run_hooks(pqxx::work& tx, const std::vector<std::string>& hooks) {
  for (const auto& hook : hooks)
    if (!trim(hook).empty()) tx.exec(hook);
}

MaterializeResult create_snapshot(pqxx::connection& conn, const MaterializeRequest& req, const SnapshotSql& sql,
                                  parse::RelationCatalog& catalog) {
  pqxx::work tx(conn);
  run_hooks(tx, req.pre_hooks);
  auto created = tx.exec("CREATE TABLE " + req.relation.quoted() + " AS (\n" + sql.first_build(req.sql) + "\n)");
  run_hooks(tx, req.post_hooks);
  tx.exec("ANALYZE " + req.relation.quoted());
  tx.commit();
  catalog.record(req.relation, parse::RelationKind::Table);
  long long rows = static_cast<long long>(created.affected_rows());
  return {rows, "SELECT " + std::to_string(rows)};
}

// The compared columns of the check strategy (quoted, those the table has)
// and whether the query has a column the table does not have (dbt's
// snapshot_check_all_get_existing_columns).
std::pair<std::vector<std::string>, bool> check_columns(const SnapshotConfig& config, const std::vector<Column>& query,
                                                        const std::vector<Column>& table) {
  std::vector<std::string> names;
  if (config.check_all) {
    for (const auto& c : query) names.push_back(c.name);
  } else {
    names = config.check_cols;
  }
  std::vector<std::string> compared;
  bool added = false;
  for (const auto& name : names) {
    if (!has_column(table, name)) {
      added = true;
    } else {
      compared.push_back(config.check_all ? db::quote_identifier(name) : name);
    }
  }
  return {compared, added};
}

MaterializeResult update_snapshot(pqxx::connection& conn, const MaterializeRequest& req, const SnapshotConfig& config,
                                  SnapshotSql& sql) {
  const std::string target = req.relation.quoted();
  pqxx::work tx(conn);
  run_hooks(tx, req.pre_hooks);
  tx.exec(std::string("CREATE TEMPORARY TABLE ") + kQueryTable + " ON COMMIT DROP AS (\n" + req.sql + "\n)");
  std::vector<Column> query = columns_of(tx, std::string("pg_temp.") + kQueryTable);
  std::vector<Column> table = columns_of(tx, target);
  auto [compared, column_added] = check_columns(config, query, table);
  // Columns new to the query (and dbt_is_deleted, when new_record is new
  // to this snapshot) are added to the table first.
  for (const auto& c : query) {
    if (!has_column(table, c.name))
      tx.exec("ALTER TABLE " + target + " ADD COLUMN " + db::quote_identifier(c.name) + " " + c.type);
  }
  if (config.hard_deletes == HardDeletes::NewRecord && !has_column(table, config.columns.is_deleted))
    tx.exec("ALTER TABLE " + target + " ADD COLUMN " + config.columns.is_deleted + " text");
  std::vector<std::string> quoted_query;
  for (const auto& c : query) quoted_query.push_back(db::quote_identifier(c.name));
  sql.set_query_columns(quoted_query);
  tx.exec(std::string("CREATE TEMPORARY TABLE ") + kChangesTable + " ON COMMIT DROP AS (\n" +
          sql.changes(kQueryTable, target, compared, column_added) + "\n)");
  std::vector<std::string> inserted_columns;
  for (const auto& c : columns_of(tx, std::string("pg_temp.") + kChangesTable))
    if (!SnapshotSql::helper_column(c.name)) inserted_columns.push_back(db::quote_identifier(c.name));
  auto closed = tx.exec(sql.close_versions(target, kChangesTable));
  auto inserted = tx.exec(SnapshotSql::insert_versions(target, kChangesTable, inserted_columns));
  run_hooks(tx, req.post_hooks);
  tx.exec("ANALYZE " + target);
  tx.commit();
  long long added = static_cast<long long>(inserted.affected_rows());
  long long ended = static_cast<long long>(closed.affected_rows());
  return {added + ended, "INSERT " + std::to_string(added) + ", UPDATE " + std::to_string(ended)};
}

}  // namespace

MaterializeResult build_snapshot(pqxx::connection& conn, const MaterializeRequest& req,
                                 parse::RelationCatalog& catalog) {
  SnapshotConfig config = parse::snapshot_config(*req.node);
  copy_published_table(conn, req, catalog);
  SnapshotSql sql(config);
  auto existing = catalog.find(req.relation);
  if (!existing) return create_snapshot(conn, req, sql, catalog);
  if (*existing != parse::RelationKind::Table)
    throw RunError(req.node->where.str() + ": snapshot " + req.node->name + ": " + req.relation.quoted() +
                   " is a view, not a snapshot table; drop it to let the snapshot create its table");
  return update_snapshot(conn, req, config, sql);
}

std::string snapshot_table_state(pqxx::connection& conn, const graph::Node& node, const parse::Relation& published,
                                 const parse::RelationCatalog& catalog) {
  if (catalog.find(published) != parse::RelationKind::Table) return "absent";
  SnapshotConfig config = parse::snapshot_config(node);
  SnapshotSql sql(config);
  pqxx::nontransaction tx(conn);
  pqxx::row row = tx.exec1("select count(*), count(*) filter (where " + sql.is_current(config.columns.valid_to) +
                           ") from " + published.quoted());
  return "rows " + std::string(row[0].c_str()) + ", current " + row[1].c_str();
}

}  // namespace mrun::exec
