// The arithmetic of the row-count monitoring tests (exec/monitoring.h):
// a relation's row count now against the counts earlier successful runs
// recorded (state/run_store.h), or a raw table's rejected rows against the
// rows its load read, and the message that carries the numbers, e.g.
// `rows 831 -> 2 (-99.8%), a drop above max_drop_pct 20 against run <id>
// (2026-11-01)`. No database, no config: the numbers in, a verdict out.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "state/run_store.h"

namespace mrun::exec {

/// A limit in percent, with its text as written (for messages: "20", "12.5").
struct PercentLimit {
  double value = 0;
  std::string text;
};

/// What a check found: out of bounds or not, and why, with the numbers.
struct VolumeVerdict {
  bool out_of_bounds = false;
  std::string message;
};

/// row_count_change: `now` against the newest of `history` (newest first:
/// the last successful run that counted `relation`). Out of bounds when the
/// rows dropped by more than `max_drop` percent of that count, or grew by
/// more than `max_growth` percent (growth from 0 rows is more than any
/// limit); a limit not given is not checked. No history: within bounds,
/// and the message says why.
VolumeVerdict check_row_count_change(const std::string& relation, int64_t now,
                                     const std::vector<state::RecordedRowCount>& history,
                                     const std::optional<PercentLimit>& max_drop,
                                     const std::optional<PercentLimit>& max_growth);

/// The limits of volume_anomaly.
struct VolumeAnomalyLimits {
  int runs = 10;      ///< the trailing window: this many newest successful runs
  int min_runs = 3;   ///< fewer runs in the window: within bounds, and the message says why
  PercentLimit max_deviation{50, "50"};
};

/// volume_anomaly: `now` against the median of the newest `limits.runs`
/// counts of `history` (newest first). Out of bounds when it deviates from
/// the median by more than max_deviation percent of the median (any rows
/// against a median of 0 do). One bad run in the window barely moves a
/// median, which is why it is the median.
VolumeVerdict check_volume_anomaly(const std::string& relation, int64_t now,
                                   const std::vector<state::RecordedRowCount>& history,
                                   const VolumeAnomalyLimits& limits);

/// reject_ratio: the rows the load behind raw table `relation` rejected,
/// against the rows it read. Out of bounds above `max_reject` percent. No
/// load (nullptr): within bounds, and the message says why.
VolumeVerdict check_reject_ratio(const std::string& relation, const state::LoadNumbers* load,
                                 const PercentLimit& max_reject);

/// The median of `values` (the mean of the middle two for an even count);
/// 0 for none.
double median_of(std::vector<int64_t> values);

}  // namespace mrun::exec
