#include "project/plain_scalar.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string_view>

namespace mrun::project {

namespace {

bool one_of(std::string_view s, std::initializer_list<std::string_view> words) {
  for (std::string_view w : words)
    if (s == w) return true;
  return false;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// [-+]?(0|[1-9][0-9]*): a leading zero (YAML 1.1 octal) stays a string.
bool is_integer(std::string_view s) {
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  return all_digits(s) && (s.size() == 1 || s[0] != '0');
}

// [-+]?(digits.digits?|.digits|digits)([eE][-+]?digits)?
bool is_decimal(std::string_view s) {
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  size_t e = s.find_first_of("eE");
  std::string_view mantissa = s.substr(0, e), exponent = e == std::string_view::npos ? "" : s.substr(e + 1);
  if (e != std::string_view::npos) {
    if (!exponent.empty() && (exponent[0] == '-' || exponent[0] == '+')) exponent.remove_prefix(1);
    if (!all_digits(exponent)) return false;
  }
  size_t dot = mantissa.find('.');
  // Without a dot or exponent it is an integer, handled (or refused, as
  // with 007) by is_integer.
  if (dot == std::string_view::npos) return e != std::string_view::npos && all_digits(mantissa);
  std::string_view whole = mantissa.substr(0, dot), fraction = mantissa.substr(dot + 1);
  if (whole.empty()) return all_digits(fraction);
  return all_digits(whole) && (fraction.empty() || all_digits(fraction));
}

}  // namespace

ScalarValue read_plain_scalar(std::string_view s) {
  if (one_of(s, {"~", "null", "Null", "NULL", ""})) return std::monostate{};
  if (one_of(s, {"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"})) return true;
  if (one_of(s, {"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"})) return false;
  std::string text(s);  // strtoll and strtod need the terminating NUL
  if (is_integer(s)) {
    errno = 0;
    long long v = std::strtoll(text.c_str(), nullptr, 10);
    if (errno == 0) return static_cast<int64_t>(v);
    return text;  // out of range: keep the digits
  }
  if (is_decimal(s)) {
    double v = std::strtod(text.c_str(), nullptr);
    if (std::isfinite(v)) return v;
  }
  return text;
}

}  // namespace mrun::project
