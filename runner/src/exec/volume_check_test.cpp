#include "exec/volume_check.h"

#include <catch2/catch.hpp>

using namespace mrun::exec;
using mrun::state::LoadNumbers;
using mrun::state::RecordedRowCount;

namespace {

const std::string kRelation = "\"marts\".\"x\"";

// Runs r1, r2, ... with `counts`, newest first.
std::vector<RecordedRowCount> history(const std::vector<int64_t>& counts) {
  std::vector<RecordedRowCount> out;
  for (size_t i = 0; i < counts.size(); ++i)
    out.push_back({"r" + std::to_string(i + 1), "2026-11-0" + std::to_string(i + 1), counts[i]});
  return out;
}

PercentLimit pct(double value, std::string text) { return PercentLimit{value, std::move(text)}; }

}  // namespace

TEST_CASE("row_count_change fails a drop above max_drop_pct and names the numbers and the run") {
  VolumeVerdict v = check_row_count_change(kRelation, 2, history({831, 10}), pct(20, "20"), std::nullopt);
  CHECK(v.out_of_bounds);
  CHECK(v.message == "rows 831 -> 2 (-99.8%), a drop above max_drop_pct 20 against run r1 (2026-11-01)");
}

TEST_CASE("row_count_change: a drop or growth of exactly the limit is within it, one row more is not") {
  auto drop = [](int64_t now) { return check_row_count_change(kRelation, now, history({1000}), pct(20, "20"), std::nullopt); };
  CHECK_FALSE(drop(800).out_of_bounds);
  CHECK(drop(799).out_of_bounds);
  auto grow = [](int64_t now) { return check_row_count_change(kRelation, now, history({1000}), std::nullopt, pct(12.5, "12.5")); };
  CHECK_FALSE(grow(1125).out_of_bounds);
  VolumeVerdict above = grow(1126);
  CHECK(above.out_of_bounds);
  CHECK(above.message == "rows 1000 -> 1126 (+12.6%), a growth above max_growth_pct 12.5 against run r1 (2026-11-01)");
}

TEST_CASE("row_count_change checks only the limits given, and growth from no rows is above any") {
  // A drop of 90% with only a growth limit is within it.
  VolumeVerdict v = check_row_count_change(kRelation, 100, history({1000}), std::nullopt, pct(50, "50"));
  CHECK_FALSE(v.out_of_bounds);
  CHECK(v.message == "rows 1000 -> 100 (-90.0%) against run r1 (2026-11-01): within max_growth_pct 50");
  VolumeVerdict both = check_row_count_change(kRelation, 1000, history({1000}), pct(20, "20"), pct(50, "50"));
  CHECK(both.message == "rows 1000 -> 1000 (+0.0%) against run r1 (2026-11-01): within max_drop_pct 20 and max_growth_pct 50");
  VolumeVerdict from_empty = check_row_count_change(kRelation, 5, history({0}), pct(20, "20"), pct(1000, "1000"));
  CHECK(from_empty.out_of_bounds);
  CHECK(from_empty.message == "rows 0 -> 5 (from 0), a growth above max_growth_pct 1000 against run r1 (2026-11-01)");
}

TEST_CASE("row_count_change and volume_anomaly pass without history and say why") {
  VolumeVerdict change = check_row_count_change(kRelation, 0, {}, pct(20, "20"), std::nullopt);
  CHECK_FALSE(change.out_of_bounds);
  CHECK(change.message == "no earlier successful run has a row count of \"marts\".\"x\" yet: passes");
  VolumeVerdict none = check_volume_anomaly(kRelation, 0, {}, VolumeAnomalyLimits{});
  CHECK_FALSE(none.out_of_bounds);
  CHECK(none.message == "no earlier successful run has a row count of \"marts\".\"x\" yet (min_runs 3): passes");
  VolumeVerdict two = check_volume_anomaly(kRelation, 1, history({1000, 1000}), VolumeAnomalyLimits{});
  CHECK_FALSE(two.out_of_bounds);
  CHECK(two.message == "only 2 earlier successful runs have a row count of \"marts\".\"x\" (min_runs 3): passes");
}

TEST_CASE("volume_anomaly compares with the median, which one bad run in the window does not move") {
  // The run before this one was bad (2 rows): a median of 1000 still.
  VolumeVerdict back = check_volume_anomaly(kRelation, 990, history({2, 1000, 1010, 995, 1000}), VolumeAnomalyLimits{});
  CHECK_FALSE(back.out_of_bounds);
  CHECK(back.message == "rows 990 against a median of 1000 over the last 5 successful runs (-1.0%): within max_deviation_pct 50");
  VolumeVerdict bad = check_volume_anomaly(kRelation, 2, history({1000, 2, 1010, 995, 1000}), VolumeAnomalyLimits{});
  CHECK(bad.out_of_bounds);
  CHECK(bad.message == "rows 2 against a median of 1000 over the last 5 successful runs (-99.8%), a deviation above "
                       "max_deviation_pct 50");
}

TEST_CASE("volume_anomaly looks at the newest `runs` counts only, and its limit is inclusive") {
  VolumeAnomalyLimits limits;
  limits.runs = 3;
  limits.min_runs = 3;
  limits.max_deviation = pct(10, "10");
  // The window is 100, 100, 110 (median 100); the older 1000s are outside it.
  auto verdict = [&](int64_t now) { return check_volume_anomaly(kRelation, now, history({100, 100, 110, 1000, 1000}), limits); };
  CHECK_FALSE(verdict(110).out_of_bounds);
  CHECK_FALSE(verdict(90).out_of_bounds);
  CHECK(verdict(111).out_of_bounds);
  CHECK(verdict(89).out_of_bounds);
  CHECK(verdict(100).message == "rows 100 against a median of 100 over the last 3 successful runs (+0.0%): within max_deviation_pct 10");
  // Any rows against a median of no rows are an anomaly; none are not.
  CHECK(check_volume_anomaly(kRelation, 1, history({0, 0, 0}), limits).out_of_bounds);
  CHECK_FALSE(check_volume_anomaly(kRelation, 0, history({0, 0, 0}), limits).out_of_bounds);
}

TEST_CASE("the median of an even count is the mean of the middle two") {
  CHECK(median_of({}) == 0);
  CHECK(median_of({7}) == 7);
  CHECK(median_of({5, 1, 3}) == 3);
  CHECK(median_of({4, 1, 3, 2}) == 2.5);
  VolumeAnomalyLimits limits;
  limits.min_runs = 2;
  CHECK(check_volume_anomaly(kRelation, 830, history({830, 831}), limits).message ==
        "rows 830 against a median of 830.5 over the last 2 successful runs (-0.1%): within max_deviation_pct 50");
}

TEST_CASE("reject_ratio compares the rejected rows of the load behind the table with the rows it read") {
  LoadNumbers load{"r7", "L7", 1000, 12};
  VolumeVerdict above = check_reject_ratio(kRelation, &load, pct(1, "1"));
  CHECK(above.out_of_bounds);
  CHECK(above.message == "load L7 (run r7) rejected 12 of 1000 rows read (1.2%), above max_reject_pct 1");
  load.rows_rejected = 10;  // exactly 1%
  VolumeVerdict at = check_reject_ratio(kRelation, &load, pct(1, "1"));
  CHECK_FALSE(at.out_of_bounds);
  CHECK(at.message == "load L7 (run r7) rejected 10 of 1000 rows read (1.0%): within max_reject_pct 1");
  LoadNumbers empty{"r8", "L8", 0, 0};
  CHECK_FALSE(check_reject_ratio(kRelation, &empty, pct(0, "0")).out_of_bounds);
  VolumeVerdict none = check_reject_ratio(kRelation, nullptr, pct(1, "1"));
  CHECK_FALSE(none.out_of_bounds);
  CHECK(none.message == "no load by mrun is recorded for \"marts\".\"x\" yet: passes");
}
