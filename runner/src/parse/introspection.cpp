#include "parse/introspection.h"

#include "db/conninfo.h"
#include "db/embedded_postgres.h"
#include "db/quote.h"
#include "jinja/evaluator.h"
#include "jinja/template_error.h"
#include "parse/agate_table.h"
#include "parse/column_object.h"
#include "parse/extended_object.h"
#include "parse/relation.h"
#include "util/error.h"
#include "util/strings.h"

namespace mrun::parse {

namespace {

thread_local QueryScope* t_scope = nullptr;

using jinja::CallArgs;
using jinja::Value;

// Whether the render calling is dbt's Execute phase (`execute` is true).
bool executing(const CallArgs& a) {
  if (!a.state || !a.state->render_context) return false;
  auto it = a.state->render_context->find("execute");
  return it != a.state->render_context->end() && it->second.truthy();
}

QueryScope& scope_for(const char* function) {
  if (!t_scope) {
    throw RunError(std::string(function) +
                   " needs a database connection, and this command renders without one (mrun compile does not "
                   "connect; build, run or run-operation do)");
  }
  return *t_scope;
}

// Runs `sql` on the scope's connection; a failure is a RunError (exit 1, 3 when the connection broke).
pqxx::result query(const char* function, const std::string& sql, const std::vector<std::string>& params = {}) {
  QueryScope& scope = scope_for(function);
  try {
    return scope.run(sql, params);
  } catch (const pqxx::broken_connection& e) {
    throw RunError(std::string(function) + ": the connection to the database was lost: " + e.what(), true);
  } catch (const pqxx::sql_error& e) {
    throw RunError(std::string(function) + ": " + std::string(trim(e.what())));
  }
}

Value record(std::vector<std::pair<std::string, Value>> attributes, std::string display) {
  return Value::object(std::make_shared<jinja::RecordObject>(std::move(attributes), std::move(display)));
}

Value function(const char* name, jinja::NativeFunction fn) { return Value::function(name, std::move(fn)); }

// dbt's AdapterResponse: what a statement did ("SELECT 3").
Value response_value(const std::string& message, int64_t rows_affected) {
  std::string code = message.substr(0, message.find(' '));
  return record({{"_message", Value(message)}, {"code", Value(code)}, {"rows_affected", Value(rows_affected)}}, message);
}

// Runs `sql` and gives (response, table); the table is empty unless `fetch`.
std::pair<Value, Value> execute_sql(const char* function, const std::string& sql, bool fetch) {
  pqxx::result result = query(function, sql);
  // libpqxx 6 keeps the command tag private: a query says SELECT and its row count, other statements OK.
  int64_t rows = static_cast<int64_t>(result.columns() > 0 ? result.size() : result.affected_rows());
  Value response = response_value(result.columns() > 0 ? "SELECT " + std::to_string(rows) : "OK", rows);
  Value table = fetch ? agate_table(result) : agate_table({}, {});
  return {response, table};
}

// dbt's load_result value: {response, data, table}.
Value stored_result(const Value& response, const Value& table) {
  return Value::dict({{Value("response"), response}, {Value("data"), table_data(table)}, {Value("table"), table}});
}

std::string text_arg(const CallArgs& a, size_t index, const char* name) {
  Value v = a.get(index, name, Value::none());
  return v.is_none() || v.is_undefined() ? "" : v.str();
}

RelationParts relation_arg(const CallArgs& a, size_t index, const char* name, const char* function) {
  Value v = a.get(index, name, Value());
  if (auto parts = relation_parts(v)) return *parts;
  throw jinja::EvalError(std::string(function) + "() expects a Relation as '" + name + "', not " + v.repr());
}

// The schema condition of a catalog query: the named schema, or this session's temporary one.
const char* kSchemaMatches = "(n.nspname = $1 or ($1 = '' and n.oid = pg_my_temp_schema()))";

// The relation `schema`.`identifier` with its type, or None.
Value find_relation(const std::string& database, const std::string& schema, const std::string& identifier) {
  pqxx::result rows = query("adapter.get_relation",
                            std::string("select case c.relkind when 'v' then 'view' when 'm' then 'materialized_view' "
                                        "else 'table' end from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                                        "where c.relkind in ('r', 'p', 'v', 'm', 'f') and ") +
                                kSchemaMatches + " and c.relname = $2",
                            {schema, identifier});
  if (rows.empty()) return Value::none();
  RelationParts parts;
  parts.database = database;
  parts.schema = schema;
  parts.identifier = identifier;
  parts.type = rows[0][0].c_str();
  parts.include_database = true;  // as dbt's: "database"."schema"."name"
  return relation_value(std::move(parts));
}

std::vector<ColumnSpec> columns_of(const RelationParts& relation) {
  pqxx::result rows = query(
      "adapter.get_columns_in_relation",
      std::string("select a.attname, information_schema._pg_char_max_length(t.oid, a.atttypmod), "
                  "information_schema._pg_numeric_precision(t.oid, a.atttypmod), "
                  "information_schema._pg_numeric_scale(t.oid, a.atttypmod), "
                  "case when t.typtype = 'd' then format_type(t.typbasetype, null) "
                  "when t.typcategory = 'A' then 'ARRAY' when t.typtype in ('e', 'c', 'r') then 'USER-DEFINED' "
                  "else format_type(a.atttypid, null) end "
                  "from pg_attribute a join pg_class c on c.oid = a.attrelid "
                  "join pg_namespace n on n.oid = c.relnamespace join pg_type t on t.oid = a.atttypid "
                  "where a.attnum > 0 and not a.attisdropped and ") +
          kSchemaMatches + " and c.relname = $2 order by a.attnum",
      {relation.schema, relation.identifier});
  std::vector<ColumnSpec> out;
  for (const auto& row : rows) {
    auto optional = [](const pqxx::field& f) { return f.is_null() ? std::nullopt : std::optional<int64_t>(f.as<int64_t>()); };
    out.push_back(ColumnSpec{row[0].c_str(), row[4].c_str(), optional(row[1]), optional(row[2]), optional(row[3])});
  }
  return out;
}

Value column_list(const std::vector<ColumnSpec>& specs) {
  std::vector<Value> out;
  for (const auto& spec : specs) out.push_back(column_value(spec));
  return Value::list(std::move(out));
}

// A relation's type, from its parts or else the catalog ("" when it does not exist).
std::string type_of(const RelationParts& relation) {
  if (!relation.type.empty() && relation.type != "cte") return relation.type;
  Value found = find_relation(relation.database, relation.schema, relation.identifier);
  return found.is_none() ? "" : relation_parts(found)->type;
}

std::string drop_keyword(const std::string& type) {
  if (type == "view") return "view";
  if (type == "materialized_view") return "materialized view";
  return "table";
}

// The relation as the SQL of a statement names it: schema and name, quoted.
std::string sql_name(const RelationParts& relation) {
  RelationParts p = relation;
  p.include_database = false;
  p.include_identifier = true;
  return p.render();
}

// statement(name=None, fetch_result=False, auto_begin=True, language='sql'):
// in the Execute render, runs what its call block renders and stores the result under `name`.
Value statement(CallArgs& a) {
  if (!executing(a)) return Value(std::string());
  const Value* caller = a.kwarg("caller");
  if (!caller || !caller->is_callable()) throw jinja::EvalError("statement() is a call block: {% call statement(...) %}");
  std::string language = text_arg(a, 3, "language");
  if (!language.empty() && language != "sql") throw jinja::EvalError("statement(): language '" + language + "' is not supported");
  CallArgs none;
  std::string sql = a.state->call(*caller, none).str();
  auto [response, table] = execute_sql("statement", sql, a.get(1, "fetch_result", Value(false)).truthy());
  std::string name = text_arg(a, 0, "name");
  if (!name.empty()) scope_for("statement").results()[name] = stored_result(response, table);
  return Value(std::string());
}

void install_results(jinja::Environment& env) {
  env.add_function("statement", statement);
  env.add_function("load_result", [](CallArgs& a) {
    if (!executing(a) || !t_scope) return Value::none();
    auto it = t_scope->results().find(text_arg(a, 0, "name"));
    return it == t_scope->results().end() ? Value::none() : it->second;
  });
  env.add_function("store_result", [](CallArgs& a) {
    if (!executing(a)) return Value(std::string());
    Value table = a.get(2, "agate_table", Value::none());
    if (table.is_none()) table = agate_table({}, {});
    scope_for("store_result").results()[text_arg(a, 0, "name")] = stored_result(a.get(1, "response", Value::none()), table);
    return Value(std::string());
  });
  env.add_function("store_raw_result", [](CallArgs& a) {
    if (!executing(a)) return Value(std::string());
    std::string message = text_arg(a, 1, "message");
    Value response = record({{"_message", Value(message)},
                             {"code", a.get(2, "code", Value::none())},
                             {"rows_affected", a.get(3, "rows_affected", Value::none())}},
                            message);
    Value table = a.get(4, "agate_table", Value::none());
    if (table.is_none()) table = agate_table({}, {});
    scope_for("store_raw_result").results()[text_arg(a, 0, "name")] = stored_result(response, table);
    return Value(std::string());
  });
  env.add_function("run_query", [](CallArgs& a) {
    if (!executing(a)) return Value::none();
    return execute_sql("run_query", a.get(0, "sql", Value("")).str(), true).second;
  });
}

std::vector<std::pair<std::string, Value>> adapter_methods(const std::string& database) {
  std::vector<std::pair<std::string, Value>> m;
  m.emplace_back("type", function("type", [](CallArgs&) { return Value("postgres"); }));
  m.emplace_back("execute", function("execute", [](CallArgs& a) {
    if (!executing(a)) return Value::tuple({Value::none(), agate_table({}, {})});
    auto [response, table] =
        execute_sql("adapter.execute", a.get(0, "sql", Value("")).str(), a.get(2, "fetch", Value(false)).truthy());
    return Value::tuple({response, table});
  }));
  m.emplace_back("get_relation", function("get_relation", [database](CallArgs& a) {
    if (!executing(a)) return Value::none();
    std::string db = text_arg(a, 0, "database");
    return find_relation(db.empty() ? database : db, text_arg(a, 1, "schema"), text_arg(a, 2, "identifier"));
  }));
  m.emplace_back("load_relation", function("load_relation", [database](CallArgs& a) {
    if (!executing(a)) return Value::none();
    RelationParts r = relation_arg(a, 0, "relation", "adapter.load_relation");
    return find_relation(r.database.empty() ? database : r.database, r.schema, r.identifier);
  }));
  m.emplace_back("get_columns_in_relation", function("get_columns_in_relation", [](CallArgs& a) {
    if (!executing(a)) return Value::list();
    return column_list(columns_of(relation_arg(a, 0, "relation", "adapter.get_columns_in_relation")));
  }));
  m.emplace_back("get_missing_columns", function("get_missing_columns", [](CallArgs& a) {
    if (!executing(a)) return Value::list();
    auto from = columns_of(relation_arg(a, 0, "from_relation", "adapter.get_missing_columns"));
    auto to = columns_of(relation_arg(a, 1, "to_relation", "adapter.get_missing_columns"));
    std::vector<ColumnSpec> missing;
    for (const auto& column : from) {
      bool present = false;
      for (const auto& other : to) present = present || to_lower(other.name) == to_lower(column.name);
      if (!present) missing.push_back(column);
    }
    return column_list(missing);
  }));
  m.emplace_back("drop_relation", function("drop_relation", [](CallArgs& a) {
    if (!executing(a)) return Value::none();
    RelationParts r = relation_arg(a, 0, "relation", "adapter.drop_relation");
    std::string type = type_of(r);
    if (!type.empty()) query("adapter.drop_relation", "drop " + drop_keyword(type) + " if exists " + sql_name(r) + " cascade");
    return Value::none();
  }));
  m.emplace_back("rename_relation", function("rename_relation", [](CallArgs& a) {
    if (!executing(a)) return Value::none();
    RelationParts from = relation_arg(a, 0, "from_relation", "adapter.rename_relation");
    RelationParts to = relation_arg(a, 1, "to_relation", "adapter.rename_relation");
    query("adapter.rename_relation", "alter " + drop_keyword(type_of(from)) + " " + sql_name(from) + " rename to " +
                                         db::quote_identifier(to.identifier));
    return Value::none();
  }));
  m.emplace_back("already_exists", function("already_exists", [database](CallArgs& a) {
    if (!executing(a)) return Value(false);
    return Value(!find_relation(database, text_arg(a, 0, "schema"), text_arg(a, 1, "name")).is_none());
  }));
  m.emplace_back("check_schema_exists", function("check_schema_exists", [](CallArgs& a) {
    if (!executing(a)) return Value(false);
    return Value(!query("adapter.check_schema_exists", "select 1 from pg_namespace where nspname = $1",
                        {text_arg(a, 1, "schema")})
                      .empty());
  }));
  m.emplace_back("create_schema", function("create_schema", [](CallArgs& a) {
    if (!executing(a)) return Value::none();
    RelationParts r = relation_arg(a, 0, "relation", "adapter.create_schema");
    query("adapter.create_schema", "create schema if not exists " + db::quote_identifier(r.schema));
    return Value::none();
  }));
  m.emplace_back("drop_schema", function("drop_schema", [](CallArgs& a) {
    if (!executing(a)) return Value::none();
    RelationParts r = relation_arg(a, 0, "relation", "adapter.drop_schema");
    query("adapter.drop_schema", "drop schema if exists " + db::quote_identifier(r.schema) + " cascade");
    return Value::none();
  }));
  m.emplace_back("commit", function("commit", [](CallArgs& a) {
    if (executing(a)) query("adapter.commit", "commit");
    return Value::none();
  }));
  return m;
}

Value api_value() {
  auto create = function("create", [](CallArgs& a) {
    RelationParts parts;
    parts.database = text_arg(a, 0, "database");
    parts.schema = text_arg(a, 1, "schema");
    parts.identifier = text_arg(a, 2, "identifier");
    parts.type = text_arg(a, 3, "type");
    parts.include_database = true;  // as dbt's: "database"."schema"."name"
    for (const auto& [key, value] : a.keyword) {
      if (key != "database" && key != "schema" && key != "identifier" && key != "type")
        throw jinja::EvalError("api.Relation.create() got an unexpected argument '" + key + "'");
    }
    return relation_value(std::move(parts));
  });
  auto ephemeral_prefix = function("add_ephemeral_prefix", [](CallArgs& a) {
    return Value("__dbt__cte__" + a.get(0, "name", Value("")).str());
  });
  auto column_create = function("create", [](CallArgs& a) {
    return column_value(ColumnSpec{text_arg(a, 0, "name"), text_arg(a, 1, "label_or_dtype"), {}, {}, {}});
  });
  return record({{"Relation", record({{"create", create}, {"add_ephemeral_prefix", ephemeral_prefix}}, "<class 'Relation'>")},
                 {"Column", record({{"create", column_create}}, "<class 'Column'>")}},
                "<api>");
}

}  // namespace

QueryScope::QueryScope(pqxx::connection& connection) : connection_(connection), previous_(t_scope) { t_scope = this; }

QueryScope::~QueryScope() { t_scope = previous_; }

void QueryScope::replay(bool on) {
  replaying_ = on;
  replayed_ = 0;
}

pqxx::result QueryScope::run(const std::string& sql, const std::vector<std::string>& params) {
  if (replaying_ && replayed_ < recorded_.size()) return recorded_[replayed_++];
  pqxx::nontransaction tx(connection_);
  pqxx::result result;
  if (params.empty()) {
    result = tx.exec(sql);
  } else {
    result = tx.exec_params(sql, pqxx::prepare::make_dynamic_params(params));
  }
  if (!replaying_) recorded_.push_back(result);
  return result;
}

std::string target_database(const Target& target) {
  if (target.url.empty()) return target.embedded ? db::EmbeddedPostgres::kDatabase : "";
  return db::database_name(target.url);
}

void install_introspection(jinja::Environment& env, const Target& target) {
  std::string database = target_database(target);
  install_results(env);
  env.add_global("api", api_value());
  extend_global(env, "adapter", adapter_methods(database));
  extend_global(env, "target", {{"database", Value(database)}});
}

}  // namespace mrun::parse
