#include "util/utc_time.h"

#include <catch2/catch.hpp>

using namespace std::chrono;

TEST_CASE("UTC formatting keeps microseconds") {
  system_clock::time_point t{seconds(1795316812) + microseconds(31532)};
  CHECK(mrun::iso8601_utc(t) == "2026-11-22T03:06:52.031532Z");
  CHECK(mrun::format_utc(t, "%Y-%m-%d") == "2026-11-22");
  CHECK(mrun::microseconds_of(t) == 31532);
}

TEST_CASE("ISO dates are checked against the calendar") {
  CHECK(mrun::is_iso_date("2026-11-01"));
  CHECK(mrun::is_iso_date("2024-02-29"));
  CHECK_FALSE(mrun::is_iso_date("2026-02-29"));
  CHECK_FALSE(mrun::is_iso_date("2026-13-01"));
  CHECK_FALSE(mrun::is_iso_date("2026-1-01"));
  CHECK_FALSE(mrun::is_iso_date("2026-11-01T00"));
  CHECK_FALSE(mrun::is_iso_date("next month"));
}
