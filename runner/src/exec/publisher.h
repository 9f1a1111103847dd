// The publish of a `publish: atomic` run: every relation the run built under
// a shadow name (parse/shadow_relations.h) and every raw table its load
// staged (load/loader.h) swapped into place in one transaction.
//
// In that transaction, for the relations being replaced: the views over them
// that the run did not build (a reused model's view, a view people made) are
// captured, and their comments, privileges and indexes (load/copy/
// dependent_views.h, kept_attributes.h); the old relations are dropped; each
// raw table's staged table is renamed into place (load/copy/load_sql.h) and
// each shadow relation moved into its schema with ALTER ... SET SCHEMA,
// which keeps its object id: a view the run built in a shadow schema reads
// its shadow parents by object id, so once moved it reads the published
// relations with no rewrite. Then the captured views are recreated and the
// attributes put back, and the caller's own statements run (the run state's
// published mark). Readers see the whole previous state until the commit and
// the whole new one after it.
//
// Locks: dropping a relation needs an ACCESS EXCLUSIVE lock, and a publish
// that waited in the lock queue for one would hold up every new reader of
// that relation behind it (and could deadlock with a reader's transaction).
// So an attempt first locks the relations it moves in (waiting: only
// autovacuum uses them, and the server cancels it for a waiter), then takes
// the locks on published relations with NOWAIT, all before any change:
// while a reader holds one, it rolls back and polls again every 20 ms, for
// at most lock_timeout_seconds (readers are never queued behind it; once it
// holds every lock, new readers wait only for the swap itself). When the
// time is up (a long query reads a mart), the attempt fails, the publish
// backs off (1 s, 2 s, 4 s, ... at most 30 s) and tries again. After the last
// attempt it gives up: nothing is published, the shadow relations stay, and
// the run fails (exit 1) naming the relation it could not lock.
#pragma once

#include <functional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "load/loader.h"
#include "parse/shadow_relations.h"

namespace mrun::exec {

/// What to publish, and how patiently.
struct PublishRequest {
  std::string url;                               ///< the database
  const load::StagedLoad* raw = nullptr;         ///< raw tables the load staged (none: nullptr)
  std::vector<parse::ShadowRelation> built;      ///< relations built under shadow names, parents first
  std::vector<std::string> also_in_transaction;  ///< statements to commit with the swap
  double lock_timeout_seconds = 5;               ///< how long an attempt polls for its locks
  int attempts = 4;                              ///< attempts before giving up
  /// Told about each attempt that failed on a lock and will be retried.
  std::function<void(const std::string&)> on_retry;
};

/// How a publish went.
struct PublishOutcome {
  bool published = false;
  int attempts = 0;                   ///< attempts made
  double seconds = 0;                 ///< from the first attempt to the end
  std::string error;                  ///< why nothing was published
  std::vector<std::string> warnings;  ///< views or attributes that could not be kept
};

/// Publishes `request` (see above). Never throws for a failed swap: the
/// outcome says; throws RunError when the database cannot be reached.
PublishOutcome publish_relations(const PublishRequest& request);

/// Drops the shadow schemas of `schemas` (what an earlier run that did not
/// publish kept for inspection), with everything in them, on `conn`. Run
/// under the run lock, before the run builds anything.
void drop_shadow_schemas(pqxx::connection& conn, const std::vector<std::string>& schemas);

}  // namespace mrun::exec
