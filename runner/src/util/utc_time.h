// Formatting points in time as UTC text, the one place that does it.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace mrun {

/// `when` formatted with strftime's `format`, in UTC.
std::string format_utc(std::chrono::system_clock::time_point when, const std::string& format);

/// The microseconds part (0..999999) of `when`.
long microseconds_of(std::chrono::system_clock::time_point when);

/// ISO 8601 with microseconds and a Z: "2026-11-22T04:05:06.123456Z".
std::string iso8601_utc(std::chrono::system_clock::time_point when);

/// True when `text` is a calendar date written YYYY-MM-DD ("2026-02-29" is not).
bool is_iso_date(std::string_view text);

}  // namespace mrun
