// Templates that look at the database, as dbt's do: `execute`, the
// `{% call statement('name', fetch_result=True) %}` block and
// load_result('name') (.table, .data / ['data'], .response), run_query(sql)
// (an agate-like table: parse/agate_table.h), and the adapter methods and
// `api` objects macros use: adapter.execute, get_columns_in_relation
// (Columns: parse/column_object.h), get_relation / load_relation (a Relation
// or None), drop_relation, rename_relation, get_missing_columns,
// already_exists, check_schema_exists, create_schema, drop_schema, commit;
// api.Relation.create(database, schema, identifier, type),
// api.Relation.add_ephemeral_prefix, api.Column.create(name, dtype); and
// target.database, the database the target connects to.
//
// Only the Execute render reaches the database (`execute` true). In the
// Parse render, as dbt with `execute` false: statement blocks do not run,
// load_result and run_query give None, get_relation None and
// get_columns_in_relation [].
//
// Which connection: a QueryScope, made by whoever renders with a connection
// (a scheduler worker for the node it runs, run-operation, on-run-start
// hooks), names it for the renders on its thread; a worker keeps its one
// connection. An Execute render with none (`mrun compile`) that queries is
// an error saying so. Statements run outside any transaction (each commits)
// unless the scope's owner began one (run-operation does, and commits at
// its end, as dbt does).
//
// A `publish: atomic` run renders a node twice (parse/shadow_relations.h):
// with this run's shadows, which it executes, then with the published names
// for target/compiled and the fingerprint. The second render must not query
// relations that do not exist yet, nor run a statement again: it replays
// the results the first one got, in order (QueryScope::replay).
#pragma once

#include <map>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "jinja/environment.h"
#include "parse/target.h"

namespace mrun::parse {

/// Names `connection` as the one the renders on this thread query while
/// the scope lives (scopes nest: the inner one wins until it ends).
class QueryScope {
 public:
  explicit QueryScope(pqxx::connection& connection);
  ~QueryScope();
  QueryScope(const QueryScope&) = delete;
  QueryScope& operator=(const QueryScope&) = delete;

  /// `on`: from now on, queries get the results the queries before got, in
  /// the same order, without running (past the last one, they run). Off:
  /// queries run again.
  void replay(bool on);

  /// The result of `sql`: run on the connection and recorded, or replayed.
  /// Throws the database's error (pqxx).
  pqxx::result run(const std::string& sql, const std::vector<std::string>& params = {});

  /// Results stored by statement blocks, by name (load_result).
  std::map<std::string, jinja::Value>& results() { return results_; }

 private:
  pqxx::connection& connection_;
  std::map<std::string, jinja::Value> results_;
  std::vector<pqxx::result> recorded_;
  size_t replayed_ = 0;
  bool replaying_ = false;
  QueryScope* previous_;
};

/// The database `target` connects to (dbt's target.database).
std::string target_database(const Target& target);

/// Adds statement, load_result, store_result, store_raw_result, run_query
/// and `api` to `env`, and the adapter methods and target.database to the
/// `adapter` and `target` already installed (parse/extended_object.h).
void install_introspection(jinja::Environment& env, const Target& target);

}  // namespace mrun::parse
