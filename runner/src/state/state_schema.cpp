#include "state/state_schema.h"

#include <vector>

#include "db/quote.h"
#include "util/error.h"
#include "util/strings.h"

namespace mrun::state {

namespace {

// Each migration takes the schema from version N-1 to N ("{state}" stands for
// the quoted schema). Append new ones; never edit one that has shipped.
const std::vector<const char*>& migrations() {
  static const std::vector<const char*> list = {
      // 1: runs, node results, loads, row counts.
      R"SQL(
create table {state}.runs (
  run_id text primary key,
  project text not null,
  command text not null,
  args jsonb not null default '{}',
  target text,
  started_at timestamptz not null,
  finished_at timestamptz,
  status text not null,
  exit_code int,
  dataset_uri text,
  dataset_fingerprint text,
  as_of date,
  mrun_version text not null
);
create index runs_project_started on {state}.runs (project, started_at);
create table {state}.node_results (
  run_id text not null references {state}.runs on delete cascade,
  unique_id text not null,
  resource_type text not null,
  name text not null,
  status text not null,
  message text,
  rows_affected bigint,
  failures bigint,
  execution_seconds double precision,
  started_at timestamptz,
  completed_at timestamptz,
  fingerprint text,
  relation text,
  relation_oid oid,
  primary key (run_id, unique_id)
);
create index node_results_unique_id on {state}.node_results (unique_id);
create table {state}.loads (
  run_id text not null references {state}.runs on delete cascade,
  load_id text not null,
  relation text not null,
  file text not null,
  status text not null,
  committed boolean not null,
  size_bytes bigint,
  file_signature text,
  content_fingerprint text,
  spec_fingerprint text,
  relation_oid oid,
  rows_read bigint,
  rows_loaded bigint,
  rows_rejected bigint,
  seconds double precision,
  message text,
  recorded_at timestamptz not null default now(),
  primary key (run_id, relation)
);
create index loads_relation on {state}.loads (relation, recorded_at);
create table {state}.row_counts (
  run_id text not null references {state}.runs on delete cascade,
  relation text not null,
  unique_id text,
  row_count bigint not null,
  primary key (run_id, relation)
);
create index row_counts_relation on {state}.row_counts (relation);
)SQL",
      // 2: write–audit–publish. How each run publishes (atomic: everything at
      // once when it passed; per_node: each relation as it is built; NULL for
      // runs before this version, which published per node) and when an
      // atomic run's publish committed (NULL: it published nothing).
      R"SQL(
alter table {state}.runs add column publish text;
alter table {state}.runs add column published_at timestamptz;
)SQL",
  };
  return list;
}

}  // namespace

int latest_state_schema_version() { return static_cast<int>(migrations().size()); }

int ensure_state_schema(pqxx::connection& conn, const std::string& schema) {
  const std::string s = db::quote_identifier(schema);
  pqxx::work tx(conn);
  // One migrator at a time per schema, whatever the project.
  tx.exec_params("select pg_advisory_xact_lock(hashtext($1))", "mrun state schema: " + schema);
  tx.exec("create schema if not exists " + s);
  tx.exec("create table if not exists " + s +
          ".schema_version (version int not null, applied_at timestamptz not null default now(), "
          "mrun_version text)");
  pqxx::row row = tx.exec1("select coalesce(max(version), 0) from " + s + ".schema_version");
  int found = row[0].as<int>();
  int latest = latest_state_schema_version();
  if (found > latest) {
    throw RunError("the run state schema " + schema + " is at version " + std::to_string(found) +
                   ", newer than this mrun knows (" + std::to_string(latest) +
                   "): a newer mrun wrote it; upgrade mrun, or set another state-schema in project.yml");
  }
  for (int v = found + 1; v <= latest; ++v) {
    tx.exec(replace_all(migrations()[static_cast<size_t>(v - 1)], "{state}", s));
    tx.exec_params("insert into " + s + ".schema_version (version, mrun_version) values ($1, $2)", v,
                   std::string(MRUN_VERSION));
  }
  tx.commit();
  return found;
}

}  // namespace mrun::state
