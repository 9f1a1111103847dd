// Building a snapshot (dbt's type-2 history of a query), with dbt's
// semantics for postgres:
// - first run: the table is the query's rows plus dbt_scd_id,
//   dbt_updated_at, dbt_valid_from, dbt_valid_to (and dbt_is_deleted with
//   hard_deletes: new_record);
// - later runs, in one transaction: the query's rows are compared, by
//   unique_key, with the current versions (dbt_valid_to null, or
//   dbt_valid_to_current); a changed row closes its current version
//   (dbt_valid_to = the new version's time) and inserts a new one; a new key
//   inserts a version; a key gone from the query is left (hard_deletes:
//   ignore), closed at the run's time (invalidate), or closed with a
//   deletion version inserted (new_record). `timestamp` says a row changed
//   when its updated_at is newer than its current version's dbt_valid_from,
//   `check` when any of check_cols differs (null-safe; a column new to the
//   query changes every row). Columns new to the query are added to the
//   table first.
// In a `publish: atomic` run the snapshot is built in its shadow, a copy of
// the published table (exec/materializer.h), so that nothing readers see
// changes before the publish, and a run that fails changes nothing.
#pragma once

#include <string>

#include "exec/materializer.h"

namespace mrun::exec {

/// Builds snapshot `req.node` into `req.relation` from `req.sql` (the
/// compiled query). Throws pqxx errors, RunError when the relation is a
/// view, ConfigError for a wrong snapshot config.
MaterializeResult build_snapshot(pqxx::connection& conn, const MaterializeRequest& req,
                                 parse::RelationCatalog& catalog);

/// What the snapshot table `published` of `node` holds, as far as a
/// snapshot changes it: its number of rows and of current rows ("absent"
/// when there is no table). A snapshot only ever adds rows or closes current
/// ones, so any change it makes changes this; a node's fingerprint digests
/// it, so that a snapshot is reused only when it would change nothing.
std::string snapshot_table_state(pqxx::connection& conn, const graph::Node& node, const parse::Relation& published,
                                 const parse::RelationCatalog& catalog);

}  // namespace mrun::exec
