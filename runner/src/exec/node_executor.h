// Running one node on one connection: compile it, then build it (models),
// load it (seeds) or check it (tests), and report the result.
#pragma once

#include <pqxx/pqxx>
#include <unordered_set>

#include "parse/dbt_context.h"
#include "exec/materializer.h"
#include "exec/monitoring.h"
#include "exec/reuse.h"
#include "exec/shared_null_scans.h"
#include "exec/node_result.h"
#include "exec/worker_connection.h"
#include "parse/project_parser.h"
#include "parse/relation_catalog.h"
#include "parse/shadow_relations.h"

namespace mrun::exec {

/// Shared state of one run, used by every worker thread.
struct RunState {
  const parse::ParsedProject& project;
  const parse::DbtContext& context;
  parse::RelationCatalog& catalog;
  SchemaRegistry& schemas;
  bool full_refresh = false;
  bool store_failures = false;
  bool compile_only = false;   ///< `mrun compile`: render and write SQL, touch no data
  const ReusePlan& reuse;      ///< what earlier runs built, and whether to reuse it
  DataVersions& versions;      ///< the data versions of the nodes done in this run
  const MonitoringHistory& history;  ///< earlier runs' row counts and loads, for the monitoring tests
  BuiltRowCounts& built_rows;        ///< row counts of what this run built, for the monitoring tests
  SharedNullScans& null_scans;       ///< one scan per relation for its not_null tests
  /// `publish: atomic`: models and seeds are built under shadow names and
  /// recorded here (parse/shadow_relations.h); null: built in place
  /// (`publish: per_node`).
  parse::ShadowRelations* shadows = nullptr;
  /// The tests whose column the preflight could not check: checked just
  /// before each runs (exec/test_columns.h).
  std::unordered_set<size_t> columns_after_build;
};

/// Runs manifest node `index` on `conn`, opened for it (WorkerConnection::
/// open_for; no connection when compile_only). Never throws: failures
/// become a NodeResult with status Error and the message (SQL errors
/// include the compiled SQL path).
NodeResult execute_node(const WorkerConnection& conn, RunState& state, size_t index);

}  // namespace mrun::exec
