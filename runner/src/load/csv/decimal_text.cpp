#include "load/csv/decimal_text.h"

#include <algorithm>

namespace mrun::load {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

bool parse_decimal_text(std::string_view v, DecimalText& out) {
  size_t i = 0;
  out.negative = false;
  if (i < v.size() && (v[i] == '-' || v[i] == '+')) out.negative = v[i++] == '-';
  size_t whole_start = i;
  while (i < v.size() && is_digit(v[i])) ++i;
  out.whole = v.substr(whole_start, i - whole_start);
  out.fraction = {};
  if (i < v.size() && v[i] == '.') {
    size_t f = ++i;
    while (i < v.size() && is_digit(v[i])) ++i;
    out.fraction = v.substr(f, i - f);
  }
  if (out.whole.empty() && out.fraction.empty()) return false;
  out.exponent = 0;
  if (i < v.size() && (v[i] == 'e' || v[i] == 'E')) {
    ++i;
    bool negative = false;
    if (i < v.size() && (v[i] == '-' || v[i] == '+')) negative = v[i++] == '-';
    if (i == v.size()) return false;
    for (; i < v.size(); ++i) {
      if (!is_digit(v[i])) return false;
      out.exponent = std::min(out.exponent * 10 + (v[i] - '0'), 100000000L);
    }
    if (negative) out.exponent = -out.exponent;
  }
  return i == v.size();
}

long integer_digits_after_rounding(const DecimalText& d, int scale) {
  const long n = static_cast<long>(d.digit_count());
  long first = 0;  // first significant digit
  while (first < n && d.digit(static_cast<size_t>(first)) == 0) ++first;
  if (first == n) return 0;  // zero
  // Significant digits start 10^point below 1: value = 0.DIGITS * 10^point.
  long point = static_cast<long>(d.whole.size()) + d.exponent - first;
  long keep = point + scale;  // significant digits kept by the rounding
  if (keep < 0) return 0;
  if (first + keep >= n || d.digit(static_cast<size_t>(first + keep)) < 5) return std::max(point, 0L);
  // Rounding up carries through a run of nines: 9.96 -> 10.0.
  bool all_nines = true;
  for (long k = 0; k < keep; ++k)
    if (d.digit(static_cast<size_t>(first + k)) != 9) all_nines = false;
  return std::max(all_nines ? point + 1 : point, 0L);
}

}  // namespace mrun::load
