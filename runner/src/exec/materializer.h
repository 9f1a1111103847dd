// Building a model's relation from its compiled SQL: view, table (built
// beside the old one and swapped in one transaction, so readers never see a
// half-built table and a failure leaves the old one), incremental
// (delete+insert by unique_key, or append), ephemeral (nothing to build),
// snapshot (exec/snapshot_materializer.h). A model with an enforced contract
// is checked first (exec/contract.h) and its table is created with typed
// columns and constraints, then filled.
// In a `publish: atomic` run the relation is a shadow (parse/shadow_relations.h):
// nothing readers see changes here, and an incremental model's shadow starts
// as a copy of its published table.
#pragma once

#include <functional>
#include <mutex>
#include <optional>
#include <pqxx/pqxx>
#include <set>
#include <string>
#include <vector>

#include "db/pg_connection.h"
#include "parse/relation.h"
#include "parse/relation_catalog.h"
#include "graph/manifest.h"

namespace mrun::exec {

/// Creates schemas once per process, safely from several threads.
class SchemaRegistry {
 public:
  /// Runs CREATE SCHEMA IF NOT EXISTS for `schema` on `conn` unless done already.
  void ensure(pqxx::connection& conn, const std::string& schema);
  /// The same on a raw connection (a seed's).
  void ensure(db::PgConnection& conn, const std::string& schema);

 private:
  /// Calls `create` with the CREATE SCHEMA statement unless `schema` is done already.
  void ensure_once(const std::string& schema, const std::function<void(const std::string&)>& create);

  std::mutex mutex_;
  std::set<std::string> created_;
};

/// What building a model did.
struct MaterializeResult {
  long long rows_affected = -1;
  std::string message;   ///< e.g. "SELECT 4520", "INSERT 0 12", "CREATE VIEW"
};

/// Everything a materialization needs besides the connection.
struct MaterializeRequest {
  const graph::Node* node = nullptr;
  parse::Relation relation;              ///< where to build (a shadow in a `publish: atomic` run)
  /// In a `publish: atomic` run, the published relation `relation` will
  /// replace: an incremental model starts from a copy of it.
  std::optional<parse::Relation> published;
  std::string sql;                       ///< compiled SELECT
  std::vector<std::string> pre_hooks;    ///< rendered SQL
  std::vector<std::string> post_hooks;   ///< rendered SQL
  bool full_refresh = false;
};

/// In a `publish: atomic` run (`req.published` set, not a full refresh):
/// makes `req.relation`, the shadow, a copy of the published table (its
/// rows, columns, defaults, indexes and comments), which an incremental
/// model or a snapshot then changes. Nothing when the published relation is
/// not a table.
void copy_published_table(pqxx::connection& conn, const MaterializeRequest& req, parse::RelationCatalog& catalog);

/// Builds `request.node` on `conn` as its config says; records the result in
/// `catalog`. Throws pqxx errors (RunError for unsupported configs); on any
/// failure the transaction rolls back and the old relation stays.
MaterializeResult materialize(pqxx::connection& conn, const MaterializeRequest& request, parse::RelationCatalog& catalog,
                              SchemaRegistry& schemas);

}  // namespace mrun::exec
