#include "exec/publisher.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <set>
#include <thread>

#include "db/pg_connection.h"
#include "db/quote.h"
#include "load/copy/dependent_views.h"
#include "load/copy/kept_attributes.h"
#include "util/error.h"

namespace mrun::exec {

namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kLockNotAvailable = "55P03";
constexpr const char* kDeadlockDetected = "40P01";

// A lock not granted in time, or a deadlock with a reader's transaction
// (which the server broke by cancelling the publish): worth another attempt.
bool waited_for_lock(const std::string& sqlstate) { return sqlstate == kLockNotAvailable || sqlstate == kDeadlockDetected; }
constexpr double kMaxBackoffSeconds = 30;

// A failed attempt: what failed, and whether it was a lock not granted in time.
struct AttemptFailed : RunError {
  AttemptFailed(const std::string& message, bool lock) : RunError(message), lock_timeout(lock) {}
  bool lock_timeout;
};

// Runs `sql`, or throws AttemptFailed naming `what`.
void step(db::PgConnection& connection, const std::string& sql, const std::string& what) {
  std::string error = connection.try_exec(sql);
  if (!error.empty()) throw AttemptFailed(what + ": " + error, waited_for_lock(connection.last_sqlstate()));
}

// DROP ... CASCADE of `relation` as whatever kind it is now ("" when it does not exist).
std::string drop_sql(db::PgConnection& connection, const std::string& relation) {
  std::string kind =
      connection.query_value("select relkind from pg_class where oid = to_regclass(" + db::quote_literal(relation) + ")");
  if (kind.empty()) return "";
  std::string keyword = kind == "v" ? "VIEW" : kind == "m" ? "MATERIALIZED VIEW" : kind == "f" ? "FOREIGN TABLE" : "TABLE";
  return "DROP " + keyword + " " + relation + " CASCADE";
}

// The published names of what `request` replaces.
std::vector<std::string> replaced_relations(const PublishRequest& request) {
  std::vector<std::string> names;
  if (request.raw)
    for (const load::TableSpec& t : request.raw->tables) names.push_back(db::qualified_name(t.schema, t.identifier));
  for (const parse::ShadowRelation& b : request.built) names.push_back(b.published.quoted());
  return names;
}

// The relations `request` moves in: its shadows and staged raw tables.
std::vector<std::string> new_relations(const PublishRequest& request) {
  std::vector<std::string> names;
  if (request.raw)
    for (size_t i = 0; i < request.raw->tables.size(); ++i) names.push_back(request.raw->new_tables(i).staged_table());
  for (const parse::ShadowRelation& b : request.built) names.push_back(b.shadow.quoted());
  return names;
}

constexpr auto kLockPollInterval = std::chrono::milliseconds(20);

// Begins the publish transaction and takes every lock it needs: the
// relations it replaces and the views over them. Each LOCK is NOWAIT: the
// publish never waits in a lock queue, where it would hold up every reader
// who comes after it, and never holds a lock while it waits for another
// (which a reader's transaction could deadlock with). While a reader holds
// one, it rolls back and polls again, until `lock_timeout_seconds` have
// passed: then AttemptFailed (a lock). Returns the views to keep (captured
// in the transaction, which is left open).
std::vector<load::DependentView> begin_locked(db::PgConnection& connection, const PublishRequest& request,
                                              const std::vector<std::string>& replaced) {
  auto deadline = Clock::now() + std::chrono::duration<double>(request.lock_timeout_seconds);
  long timeout_ms = std::max(1L, std::lround(request.lock_timeout_seconds * 1000));
  for (;;) {
    step(connection, "BEGIN", "starting the publish");
    try {
      // A lock this does not foresee (a rule, a child table) waits at most this long.
      step(connection, "SET LOCAL lock_timeout = " + std::to_string(timeout_ms), "setting lock_timeout");
      // The new relations first, waiting: nobody reads them but autovacuum
      // (a big new table is vacuumed soon after its insert), which the
      // server cancels for a waiting lock, while no published relation is
      // locked yet.
      std::string fresh = load::existing_relations(connection, new_relations(request));
      if (!fresh.empty()) step(connection, "LOCK TABLE " + fresh + " IN ACCESS EXCLUSIVE MODE", "publish");
      std::string tables = load::existing_relations(connection, replaced);
      if (!tables.empty()) step(connection, "LOCK TABLE " + tables + " IN ACCESS EXCLUSIVE MODE NOWAIT", "publish");
      std::vector<load::DependentView> views = load::capture_dependent_views(connection, replaced);
      std::vector<std::string> view_names;
      for (const load::DependentView& v : views) view_names.push_back(db::qualified_name(v.schema, v.name));
      std::string listed = load::existing_relations(connection, view_names);
      if (!listed.empty()) step(connection, "LOCK TABLE " + listed + " IN ACCESS EXCLUSIVE MODE NOWAIT", "publish");
      return views;
    } catch (const AttemptFailed& e) {
      if (!e.lock_timeout || Clock::now() >= deadline) throw;
    }
    connection.try_exec("ROLLBACK");
    std::this_thread::sleep_for(kLockPollInterval);
  }
}

// One publish transaction; returns its warnings. Throws AttemptFailed (or
// RunError from a capture) after which the caller rolls back.
std::vector<std::string> attempt(db::PgConnection& connection, const PublishRequest& request) {
  std::vector<std::string> replaced = replaced_relations(request);
  std::set<std::string> replaced_set(replaced.begin(), replaced.end());
  std::vector<load::DependentView> views = begin_locked(connection, request, replaced);
  // The views the run built replace theirs; the others are kept.
  std::erase_if(views, [&](const load::DependentView& v) {
    return replaced_set.count(db::qualified_name(v.schema, v.name)) > 0;
  });
  std::vector<load::KeptAttributes> kept = load::capture_kept_attributes(connection, replaced);
  std::set<std::string> schemas;
  for (const parse::ShadowRelation& b : request.built) schemas.insert(b.published.schema);
  for (const std::string& schema : schemas)
    step(connection, "CREATE SCHEMA IF NOT EXISTS " + db::quote_identifier(schema), "creating schema " + schema);
  if (request.raw) {
    for (size_t i = 0; i < request.raw->tables.size(); ++i) {
      const load::TableSpec& t = request.raw->tables[i];
      step(connection, request.raw->new_tables(i).swap_sql(), "replacing " + t.schema + "." + t.identifier);
    }
  }
  for (const parse::ShadowRelation& b : request.built) {
    std::string what = "replacing " + b.published.schema + "." + b.published.identifier;
    std::string drop = drop_sql(connection, b.published.quoted());
    if (!drop.empty()) step(connection, drop, what);
    step(connection, std::string("ALTER ") + (b.view ? "VIEW " : "TABLE ") + b.shadow.quoted() + " SET SCHEMA " +
                         db::quote_identifier(b.published.schema),
         what);
  }
  std::vector<std::string> warnings = load::restore_kept_attributes(connection, kept);
  for (std::string& w : load::recreate_dependent_views(connection, views, "a relation this run replaced"))
    warnings.push_back(std::move(w));
  for (const std::string& sql : request.also_in_transaction) step(connection, sql, "recording the publish");
  step(connection, "COMMIT", "committing the publish");
  return warnings;
}

}  // namespace

PublishOutcome publish_relations(const PublishRequest& request) {
  PublishOutcome outcome;
  db::PgConnection connection(request.url);
  auto started = Clock::now();
  double backoff = 1;
  int attempts = std::max(request.attempts, 1);
  for (int n = 1; n <= attempts; ++n) {
    outcome.attempts = n;
    bool lock_timeout = false;
    try {
      outcome.warnings = attempt(connection, request);
      outcome.published = true;
      outcome.error.clear();
      break;
    } catch (const AttemptFailed& e) {
      outcome.error = e.what();
      lock_timeout = e.lock_timeout;
    } catch (const RunError& e) {  // a capture's query
      outcome.error = e.what();
      lock_timeout = waited_for_lock(connection.last_sqlstate());
    }
    if (connection.lost()) throw RunError("publishing: the connection was lost: " + outcome.error);
    connection.try_exec("ROLLBACK");
    if (!lock_timeout) break;
    if (n == attempts) {
      char seconds[32];
      std::snprintf(seconds, sizeof seconds, "%g", request.lock_timeout_seconds);
      outcome.error = "gave up after " + std::to_string(attempts) + " attempts, each waiting at most " + seconds +
                      " s for its locks: " + outcome.error;
      break;
    }
    if (request.on_retry)
      request.on_retry("publish attempt " + std::to_string(n) + " of " + std::to_string(attempts) +
                       " waited too long for a lock (" + outcome.error + "); readers go on, retrying in " +
                       std::to_string(static_cast<int>(backoff)) + " s");
    std::this_thread::sleep_for(std::chrono::duration<double>(backoff));
    backoff = std::min(backoff * 2, kMaxBackoffSeconds);
  }
  outcome.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  return outcome;
}

void drop_shadow_schemas(pqxx::connection& conn, const std::vector<std::string>& schemas) {
  if (schemas.empty()) return;
  std::string names;
  for (const std::string& schema : schemas)
    names += (names.empty() ? "" : ", ") + db::quote_identifier(parse::shadow_schema(schema));
  pqxx::nontransaction(conn).exec("DROP SCHEMA IF EXISTS " + names + " CASCADE");
}

}  // namespace mrun::exec
