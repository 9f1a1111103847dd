// Running a data test: its compiled query returns the failing rows (at most
// `limit`); `fail_calc` (default count(*)) turns them into the number of
// failures; the test's config decides pass, warn or fail (severity, error_if,
// warn_if) and whether failing rows are stored (store_failures,
// store_failures_as: table or view).
#pragma once

#include <pqxx/pqxx>
#include <string>

#include "exec/materializer.h"
#include "exec/node_result.h"
#include "graph/manifest.h"

namespace mrun::exec {

/// What a test found.
struct TestOutcome {
  NodeStatus status = NodeStatus::Pass;   ///< Pass, Warn or Fail
  long long failures = 0;                 ///< failing rows
  std::string message;                    ///< e.g. "Got 3 results, configured to fail if != 0"
  std::string stored_in;                  ///< relation holding the failing rows, if stored
};

/// Runs `sql` (the test's failing-rows query) for `test`. When
/// `store_failures` (or the test's config) asks for it, the failing rows are
/// kept in <target schema>_test_failures.<test name>, a table or (with
/// store_failures_as: view) a view. Throws pqxx errors when the query itself
/// fails, ConfigError for a bad config.
TestOutcome run_test_query(pqxx::connection& conn, const graph::Node& test, const std::string& sql,
                           bool store_failures, const std::string& target_schema, SchemaRegistry& schemas);

/// The verdict on `failures` failing rows under the test's config:
/// severity (error or warn), error_if and warn_if (default "!= 0"), with
/// dbt's message ("Got 3 results, configured to fail if != 0"). Throws
/// ConfigError for a bad severity or condition.
TestOutcome judge_failures(const graph::Node& test, long long failures);

/// The test's fail_calc (default "count(*)"). Throws ConfigError when empty.
std::string fail_calc_of(const graph::Node& test);

/// How the failing rows are kept: "table", "view", or "" (not kept).
/// store_failures_as (table, view, ephemeral) takes precedence over
/// store_failures and `--store-failures` (`store_failures`), as in dbt.
/// Throws ConfigError for another store_failures_as.
std::string failures_relation_kind(const graph::Node& test, bool store_failures);

/// The condition text of error_if/warn_if (default "!= 0"), checked to be a
/// comparison operator and a number, e.g. ">= 10". Throws ConfigError.
std::string threshold_condition(const graph::Node& test, const std::string& key);

}  // namespace mrun::exec
