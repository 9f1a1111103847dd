#include "exec/materializer.h"

#include <functional>

#include "db/quote.h"
#include "exec/contract.h"
#include "exec/snapshot_materializer.h"
#include "util/error.h"
#include "util/strings.h"

namespace mrun::exec {

namespace {

constexpr size_t kMaxIdentifier = 63;

// A name for a helper relation beside `name`, within PostgreSQL's 63 bytes.
std::string helper_name(const std::string& name, const std::string& suffix) {
  std::string base = name.size() + suffix.size() > kMaxIdentifier ? name.substr(0, kMaxIdentifier - suffix.size()) : name;
  return base + suffix;
}

const char* kind_keyword(parse::RelationKind kind) { return kind == parse::RelationKind::View ? "VIEW" : "TABLE"; }

long long rows_of(const pqxx::result& r) { return static_cast<long long>(r.affected_rows()); }

void run_hooks(pqxx::work& tx, const std::vector<std::string>& hooks) {
  for (const auto& hook : hooks)
    if (!trim(hook).empty()) tx.exec(hook);
}

// dbt-postgres `indexes` config: [{columns: [a, b], unique: true, type: btree}].
void create_indexes(pqxx::work& tx, const graph::Node& node, const parse::Relation& rel) {
  project::ConfigValue indexes = node.config.get("indexes");
  for (const auto& index : indexes.items()) {
    std::vector<std::string> columns;
    project::ConfigValue listed = index["columns"];
    if (listed.is_list()) {
      for (const auto& c : listed.items()) columns.push_back(c.text());
    } else if (const project::ConfigValue* one = index.find("columns")) {
      columns.push_back(one->text());
    }
    if (columns.empty()) throw RunError(node.where.str() + ": an entry of indexes needs columns");
    std::vector<std::string> quoted;
    for (const auto& c : columns) quoted.push_back(db::quote_identifier(c));
    bool unique = index["unique"].text() == "true";
    const project::ConfigValue* type_given = index.find("type");
    std::string type = type_given ? type_given->text() : "btree";
    std::string name = helper_name(rel.identifier + "__" + join(columns, "_"), "_idx");
    tx.exec(std::string("CREATE ") + (unique ? "UNIQUE " : "") + "INDEX " + db::quote_identifier(name) + " ON " +
            rel.quoted() + " USING " + type + " (" + join(quoted, ", ") + ")");
  }
}

// The constraints PostgreSQL named after the staged table (e.g.
// "orders__mrun_new_pkey") renamed after the table, so the next build's
// staged table can take the same names.
void rename_staged_constraints(pqxx::work& tx, const parse::Relation& rel, const std::string& staged_identifier) {
  auto named = tx.exec_params(
      "SELECT conname FROM pg_constraint WHERE conrelid = to_regclass($1) AND starts_with(conname, $2)", rel.quoted(),
      staged_identifier);
  for (const auto& row : named) {
    std::string old_name = row[0].c_str();
    std::string new_name = rel.identifier + old_name.substr(staged_identifier.size());
    if (new_name.size() > kMaxIdentifier) continue;
    tx.exec("ALTER TABLE " + rel.quoted() + " RENAME CONSTRAINT " + db::quote_identifier(old_name) + " TO " +
            db::quote_identifier(new_name));
  }
}

MaterializeResult build_table(pqxx::connection& conn, const MaterializeRequest& req, parse::RelationCatalog& catalog) {
  const parse::Relation& rel = req.relation;
  parse::Relation staged{rel.schema, helper_name(rel.identifier, "__mrun_new")};
  bool contracted = contract_enforced(*req.node);
  pqxx::work tx(conn);
  run_hooks(tx, req.pre_hooks);
  tx.exec("DROP TABLE IF EXISTS " + staged.quoted());
  pqxx::result created;
  if (contracted) {
    // As dbt-postgres: typed columns and constraints first, then the rows.
    tx.exec(contracted_create_table(*req.node, staged));
    created = tx.exec(contracted_insert(*req.node, staged, req.sql));
  } else {
    created = tx.exec("CREATE TABLE " + staged.quoted() + " AS (\n" + req.sql + "\n)");
  }
  if (auto old = catalog.find(rel)) {
    tx.exec(std::string("DROP ") + kind_keyword(*old) + " IF EXISTS " + rel.quoted() + " CASCADE");
  }
  tx.exec("ALTER TABLE " + staged.quoted() + " RENAME TO " + db::quote_identifier(rel.identifier));
  if (contracted) rename_staged_constraints(tx, rel, staged.identifier);
  create_indexes(tx, *req.node, rel);
  run_hooks(tx, req.post_hooks);
  tx.exec("ANALYZE " + rel.quoted());
  tx.commit();
  catalog.record(rel, parse::RelationKind::Table);
  return {rows_of(created), "SELECT " + std::to_string(rows_of(created))};
}

MaterializeResult build_view(pqxx::connection& conn, const MaterializeRequest& req, parse::RelationCatalog& catalog) {
  const parse::Relation& rel = req.relation;
  pqxx::work tx(conn);
  run_hooks(tx, req.pre_hooks);
  auto old = catalog.find(rel);
  bool replaced = false;
  if (old && *old == parse::RelationKind::View) {
    // CREATE OR REPLACE keeps views that depend on this one; it fails when
    // columns change, and then the view is rebuilt.
    pqxx::subtransaction attempt(tx, "replace_view");
    try {
      attempt.exec("CREATE OR REPLACE VIEW " + rel.quoted() + " AS (\n" + req.sql + "\n)");
      attempt.commit();
      replaced = true;
    } catch (const pqxx::sql_error&) {
      attempt.abort();
    }
  }
  if (!replaced) {
    if (old) tx.exec(std::string("DROP ") + kind_keyword(*old) + " IF EXISTS " + rel.quoted() + " CASCADE");
    tx.exec("CREATE VIEW " + rel.quoted() + " AS (\n" + req.sql + "\n)");
  }
  run_hooks(tx, req.post_hooks);
  tx.commit();
  catalog.record(rel, parse::RelationKind::View);
  return {-1, "CREATE VIEW"};
}

std::vector<std::string> unique_key_columns(const graph::Node& node) { return node.config.get_list("unique_key"); }

MaterializeResult build_incremental(pqxx::connection& conn, const MaterializeRequest& req, parse::RelationCatalog& catalog) {
  const parse::Relation& rel = req.relation;
  copy_published_table(conn, req, catalog);
  auto existing = catalog.find(rel);
  if (req.full_refresh || !existing || *existing != parse::RelationKind::Table) return build_table(conn, req, catalog);

  std::string strategy = req.node->config.get_string("incremental_strategy");
  std::vector<std::string> keys = unique_key_columns(*req.node);
  if (strategy.empty()) strategy = keys.empty() ? "append" : "delete+insert";
  if (strategy != "append" && strategy != "delete+insert" && strategy != "merge") {
    throw RunError(req.node->where.str() + ": incremental_strategy '" + strategy +
                   "' is not supported (append, delete+insert, merge)");
  }
  if (strategy != "append" && keys.empty()) {
    throw RunError(req.node->where.str() + ": incremental_strategy '" + strategy + "' needs a unique_key");
  }
  std::string staged = db::quote_identifier(helper_name(rel.identifier, "__mrun_incr"));
  pqxx::work tx(conn);
  run_hooks(tx, req.pre_hooks);
  tx.exec("CREATE TEMPORARY TABLE " + staged + " ON COMMIT DROP AS (\n" + req.sql + "\n)");
  auto cols = tx.exec_params(
      "SELECT attname FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped "
      "ORDER BY attnum",
      "pg_temp." + staged);
  std::vector<std::string> columns;
  for (const auto& row : cols) columns.push_back(db::quote_identifier(row[0].c_str()));
  long long deleted = 0;
  if (strategy != "append") {
    std::vector<std::string> match;
    for (const auto& k : keys) {
      std::string q = db::quote_identifier(std::string(trim(k)));
      match.push_back("t." + q + " = s." + q);
    }
    deleted = rows_of(tx.exec("DELETE FROM " + rel.quoted() + " AS t USING " + staged + " AS s WHERE " +
                              join(match, " AND ")));
  }
  std::string list = join(columns, ", ");
  auto inserted = tx.exec("INSERT INTO " + rel.quoted() + " (" + list + ") SELECT " + list + " FROM " + staged);
  run_hooks(tx, req.post_hooks);
  tx.commit();
  std::string message = "INSERT " + std::to_string(rows_of(inserted));
  if (strategy != "append") message += " (replaced " + std::to_string(deleted) + ")";
  return {rows_of(inserted), message};
}

}  // namespace

void copy_published_table(pqxx::connection& conn, const MaterializeRequest& req, parse::RelationCatalog& catalog) {
  if (!req.published || req.full_refresh || catalog.find(*req.published) != parse::RelationKind::Table) return;
  pqxx::work tx(conn);
  tx.exec("DROP TABLE IF EXISTS " + req.relation.quoted());
  tx.exec("CREATE TABLE " + req.relation.quoted() + " (LIKE " + req.published->quoted() + " INCLUDING ALL)");
  tx.exec("INSERT INTO " + req.relation.quoted() + " SELECT * FROM " + req.published->quoted());
  tx.commit();
  catalog.record(req.relation, parse::RelationKind::Table);
}

void SchemaRegistry::ensure_once(const std::string& schema, const std::function<void(const std::string&)>& create) {
  std::lock_guard lock(mutex_);
  if (created_.count(schema)) return;
  create("CREATE SCHEMA IF NOT EXISTS " + db::quote_identifier(schema));
  created_.insert(schema);
}

// Another session may create the schema at the same moment: IF NOT EXISTS
// is not atomic, and the loser fails with a unique violation. Both
// overloads accept that.
void SchemaRegistry::ensure(pqxx::connection& conn, const std::string& schema) {
  ensure_once(schema, [&conn](const std::string& sql) {
    pqxx::nontransaction tx(conn);
    try {
      tx.exec(sql);
    } catch (const pqxx::unique_violation&) {
    }
  });
}

void SchemaRegistry::ensure(db::PgConnection& conn, const std::string& schema) {
  ensure_once(schema, [&conn, &schema](const std::string& sql) {
    std::string error = conn.try_exec(sql);
    if (!error.empty() &&
        conn.query_value("SELECT 1 FROM pg_namespace WHERE nspname = " + db::quote_literal(schema)).empty()) {
      throw RunError("query failed: " + error);
    }
  });
}

MaterializeResult materialize(pqxx::connection& conn, const MaterializeRequest& req, parse::RelationCatalog& catalog,
                              SchemaRegistry& schemas) {
  std::string kind = req.node->materialized();
  if (contract_enforced(*req.node)) {
    if (kind == "ephemeral") {
      throw RunError(req.node->where.str() + ": " + req.node->name +
                     ": contracts are not supported for ephemeral models (as in dbt)");
    }
    pqxx::work check(conn);
    check_contract(check, *req.node, req.sql);
  }
  if (kind == "ephemeral") return {-1, "ephemeral (inlined into its dependents)"};
  schemas.ensure(conn, req.relation.schema);
  if (kind == "view") return build_view(conn, req, catalog);
  if (kind == "table") return build_table(conn, req, catalog);
  if (kind == "incremental") return build_incremental(conn, req, catalog);
  if (kind == "snapshot") return build_snapshot(conn, req, catalog);
  throw RunError(req.node->where.str() + ": unknown materialization '" + kind + "'");
}

}  // namespace mrun::exec
