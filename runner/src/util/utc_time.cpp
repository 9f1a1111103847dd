#include "util/utc_time.h"

#include <cstdio>
#include <ctime>

namespace mrun {

std::string format_utc(std::chrono::system_clock::time_point when, const std::string& format) {
  std::time_t t = std::chrono::system_clock::to_time_t(when);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[256];
  size_t n = std::strftime(buf, sizeof buf, format.c_str(), &tm);
  return std::string(buf, n);
}

long microseconds_of(std::chrono::system_clock::time_point when) {
  auto us = std::chrono::duration_cast<std::chrono::microseconds>(when.time_since_epoch()).count();
  return static_cast<long>(((us % 1000000) + 1000000) % 1000000);
}

std::string iso8601_utc(std::chrono::system_clock::time_point when) {
  char frac[16];
  std::snprintf(frac, sizeof frac, ".%06ldZ", microseconds_of(when));
  return format_utc(when, "%Y-%m-%dT%H:%M:%S") + frac;
}

bool is_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (text[i] < '0' || text[i] > '9') return false;
  auto number = [&text](size_t at, size_t n) {
    int v = 0;
    for (size_t i = at; i < at + n; ++i) v = v * 10 + (text[i] - '0');
    return v;
  };
  using namespace std::chrono;
  return year_month_day{year{number(0, 4)}, month{static_cast<unsigned>(number(5, 2))},
                        day{static_cast<unsigned>(number(8, 2))}}
      .ok();
}

}  // namespace mrun
