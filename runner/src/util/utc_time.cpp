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

}  // namespace mrun
