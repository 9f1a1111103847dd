#include "exec/volume_check.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace mrun::exec {

namespace {

// "-99.8%" for the change from `from` to `to`; "from 0" when `from` is 0
// and `to` is not (no percentage measures growth from nothing).
std::string change_text(long double from, long double to) {
  if (from == 0) return to == 0 ? "+0.0%" : "from 0";
  char text[64];
  std::snprintf(text, sizeof text, "%+.1Lf%%", (to - from) * 100 / from);
  return text;
}

// Whether `part` is more than `limit` percent of `whole` (anything is more
// than a percentage of 0, except 0). Exact for integer counts: no division.
bool above_percent(long double part, long double whole, const PercentLimit& limit) {
  return part * 100 > static_cast<long double>(limit.value) * whole;
}

// "831", or "830.5" for a median between two counts.
std::string count_text(double value) {
  char text[64];
  if (value == std::floor(value)) {
    std::snprintf(text, sizeof text, "%.0f", value);
  } else {
    std::snprintf(text, sizeof text, "%.1f", value);
  }
  return text;
}

std::string no_history(const std::string& relation) {
  return "no earlier successful run has a row count of " + relation + " yet";
}

}  // namespace

VolumeVerdict check_row_count_change(const std::string& relation, int64_t now,
                                     const std::vector<state::RecordedRowCount>& history,
                                     const std::optional<PercentLimit>& max_drop,
                                     const std::optional<PercentLimit>& max_growth) {
  if (history.empty()) return {false, no_history(relation) + ": passes"};
  const state::RecordedRowCount& last = history.front();
  const long double before = static_cast<long double>(last.row_count);
  const long double after = static_cast<long double>(now);
  std::string numbers = "rows " + std::to_string(last.row_count) + " -> " + std::to_string(now) + " (" +
                        change_text(before, after) + ")";
  std::string against = "against run " + last.run_id + " (" + last.date + ")";
  if (max_drop && after < before && above_percent(before - after, before, *max_drop))
    return {true, numbers + ", a drop above max_drop_pct " + max_drop->text + " " + against};
  if (max_growth && after > before && above_percent(after - before, before, *max_growth))
    return {true, numbers + ", a growth above max_growth_pct " + max_growth->text + " " + against};
  std::string limits;
  if (max_drop) limits = "max_drop_pct " + max_drop->text;
  if (max_growth) limits += (limits.empty() ? "" : " and ") + std::string("max_growth_pct ") + max_growth->text;
  return {false, numbers + " " + against + ": within " + limits};
}

VolumeVerdict check_volume_anomaly(const std::string& relation, int64_t now,
                                   const std::vector<state::RecordedRowCount>& history,
                                   const VolumeAnomalyLimits& limits) {
  size_t window = std::min(history.size(), static_cast<size_t>(std::max(limits.runs, 0)));
  std::string min_runs = "min_runs " + std::to_string(limits.min_runs);
  if (window == 0) return {false, no_history(relation) + " (" + min_runs + "): passes"};
  if (window < static_cast<size_t>(limits.min_runs)) {
    return {false, "only " + std::to_string(window) + " earlier successful run" + (window == 1 ? " has" : "s have") +
                       " a row count of " + relation + " (" + min_runs + "): passes"};
  }
  std::vector<int64_t> counts;
  for (size_t i = 0; i < window; ++i) counts.push_back(history[i].row_count);
  const double median = median_of(counts);
  const long double deviation = std::fabs(static_cast<long double>(now) - median);
  std::string numbers = "rows " + std::to_string(now) + " against a median of " + count_text(median) +
                        " over the last " + std::to_string(window) + " successful runs (" +
                        change_text(median, static_cast<long double>(now)) + ")";
  if (above_percent(deviation, median, limits.max_deviation))
    return {true, numbers + ", a deviation above max_deviation_pct " + limits.max_deviation.text};
  return {false, numbers + ": within max_deviation_pct " + limits.max_deviation.text};
}

VolumeVerdict check_reject_ratio(const std::string& relation, const state::LoadNumbers* load,
                                 const PercentLimit& max_reject) {
  if (!load) return {false, "no load by mrun is recorded for " + relation + " yet: passes"};
  char ratio[64];
  std::snprintf(ratio, sizeof ratio, "%.1f%%",
                load->rows_read == 0 ? 0.0 : 100.0 * static_cast<double>(load->rows_rejected) / load->rows_read);
  std::string numbers = "load " + load->load_id + " (run " + load->run_id + ") rejected " +
                        std::to_string(load->rows_rejected) + " of " + std::to_string(load->rows_read) +
                        " rows read (" + ratio + ")";
  if (above_percent(load->rows_rejected, load->rows_read, max_reject))
    return {true, numbers + ", above max_reject_pct " + max_reject.text};
  return {false, numbers + ": within max_reject_pct " + max_reject.text};
}

double median_of(std::vector<int64_t> values) {
  if (values.empty()) return 0;
  size_t middle = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(middle), values.end());
  double upper = static_cast<double>(values[middle]);
  if (values.size() % 2 == 1) return upper;
  double lower = static_cast<double>(*std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(middle)));
  return (lower + upper) / 2;
}

}  // namespace mrun::exec
