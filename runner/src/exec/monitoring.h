// The row-count monitoring tests, builtin generic tests on a model, seed or
// source (README, "Row-count monitoring"):
//
//   row_count_change(max_drop_pct, max_growth_pct)   against the last successful run
//   volume_anomaly(runs=10, min_runs=3, max_deviation_pct=50)   against the median of the last `runs`
//   reject_ratio(max_reject_pct)                      a raw table loaded by mrun: its load's rejects
//
// Their SQL (parse/builtin_macros.cpp) counts the tested relation's rows
// now, so `mrun compile` shows what is measured; the verdict compares that
// count (or the loader's numbers) with what earlier runs recorded in the run
// state, read once before the nodes run (MonitoringHistory), by
// exec/volume_check.h. The count is not run when the run knows it already:
// a relation this run built (BuiltRowCounts) or a raw table this run
// loaded (the rows its COPY wrote); reject_ratio never needs it. A test out of bounds has 1 failure, else 0, so
// severity, warn_if and error_if work as for every test; the message carries
// the numbers. With no history yet the test passes and says why.
#pragma once

#include <map>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "exec/built_row_counts.h"
#include "exec/test_executor.h"
#include "exec/volume_check.h"
#include "graph/manifest.h"
#include "state/run_store.h"

namespace mrun::exec {

/// Which monitoring test a test is.
enum class MonitoringKind { RowCountChange, VolumeAnomaly, RejectRatio };

/// What the run state says about earlier runs, for the monitoring tests.
struct MonitoringHistory {
  /// By relation ("schema"."name"): the counts of the newest successful runs, newest first.
  std::map<std::string, std::vector<state::RecordedRowCount>> row_counts;
  /// By raw table: the numbers of the load behind it.
  std::map<std::string, state::LoadNumbers> loads;
  /// The run these tests are part of (a load of this run wrote its table's rows).
  std::string current_run;
};

/// A monitoring test's arguments, checked.
struct MonitoringSpec {
  MonitoringKind kind = MonitoringKind::RowCountChange;
  std::string relation;  ///< the tested relation, "schema"."name"
  std::optional<PercentLimit> max_drop, max_growth;  ///< row_count_change
  VolumeAnomalyLimits anomaly;                       ///< volume_anomaly
  PercentLimit max_reject;                           ///< reject_ratio
};

/// Which monitoring test `node` is (by its test name, a package prefix
/// aside), or nullopt for any other node.
std::optional<MonitoringKind> monitoring_kind(const graph::Node& node);

/// The name of the builtin macro of `kind` ("test_row_count_change"). A
/// project macro of that name overrides it: its test is then an ordinary
/// test of failing rows (notify/ still calls its warning an anomaly).
std::string monitoring_macro(MonitoringKind kind);

/// The checked arguments of monitoring test `test` of `manifest`. Throws
/// ConfigError at the argument (else the test's line in its schema file):
/// an unknown or non-numeric argument, row_count_change with neither
/// limit, min_runs above runs, a column-level use, a `where` config, a
/// view or ephemeral model (mrun records no row counts of those), or
/// reject_ratio on anything but a source.
MonitoringSpec monitoring_spec(const graph::Manifest& manifest, const graph::Node& test);

/// How many successful runs of row counts the monitoring tests of
/// `manifest` look back on: the largest `runs` of volume_anomaly (at least
/// 1); 0 when the manifest has no monitoring test.
int monitoring_history_depth(const graph::Manifest& manifest);

/// Runs monitoring test `test` (its arguments `spec`): takes the tested
/// relation's row count from `built` or this run's load in `history`, else
/// counts the rows with its compiled `sql` on `conn` (one row, column
/// row_count), and judges the count against `history`. Throws pqxx errors
/// when the query fails, and RunError when it does not return one row_count.
TestOutcome run_monitoring_test(pqxx::connection& conn, const graph::Node& test, const MonitoringSpec& spec,
                                const std::string& sql, const MonitoringHistory& history,
                                const BuiltRowCounts& built);

}  // namespace mrun::exec
