#include "load/csv/value_check.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <regex>

#include "util/strings.h"

namespace mrun::load {

using project::Check;

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Parses [+-]digits into `out`; false when malformed, `overflow` when beyond int64.
bool parse_int(std::string_view v, int64_t& out, bool& overflow) {
  overflow = false;
  size_t i = 0;
  bool negative = false;
  if (i < v.size() && (v[i] == '-' || v[i] == '+')) negative = v[i++] == '-';
  if (i == v.size()) return false;
  uint64_t acc = 0;
  // 18 digits cannot overflow: only longer values need the careful loop.
  const size_t fast_end = std::min(v.size(), i + 18);
  for (; i < fast_end; ++i) {
    unsigned d = static_cast<unsigned>(v[i]) - '0';
    if (d > 9) return false;
    acc = acc * 10 + d;
  }
  const uint64_t limit = negative ? uint64_t{1} << 63 : (uint64_t{1} << 63) - 1;
  for (; i < v.size(); ++i) {
    unsigned d = static_cast<unsigned>(v[i]) - '0';
    if (d > 9) return false;
    if (acc > (limit - d) / 10) overflow = true;
    else acc = acc * 10 + d;
  }
  out = negative ? static_cast<int64_t>(0 - acc) : static_cast<int64_t>(acc);
  return true;
}

enum class Integral { kNo, kYes, kOverflow };

// An integer in decimal notation ("5415.0", "1.0e3", "-0.0") into `out`:
// kNo when `v` is not a decimal or its value is not whole, kOverflow when
// beyond int64.
Integral parse_integral_decimal(std::string_view v, int64_t& out) {
  DecimalText d;
  if (!parse_decimal_text(v, d)) return Integral::kNo;
  const long n = static_cast<long>(d.digit_count());
  const long point = static_cast<long>(d.whole.size()) + d.exponent;  // digits before the point
  for (long k = std::max(point, 0L); k < n; ++k)
    if (d.digit(static_cast<size_t>(k)) != 0) return Integral::kNo;  // a fraction
  const uint64_t limit = d.negative ? uint64_t{1} << 63 : (uint64_t{1} << 63) - 1;
  uint64_t acc = 0;
  for (long k = 0; k < std::min(point, n); ++k) {
    unsigned digit = static_cast<unsigned>(d.digit(static_cast<size_t>(k)));
    if (acc > (limit - digit) / 10) return Integral::kOverflow;
    acc = acc * 10 + digit;
  }
  // Trailing zeros of "1e3"; the exponent saturates, so stop at the first overflow.
  for (long k = n; acc != 0 && k < point; ++k) {
    if (acc > limit / 10) return Integral::kOverflow;
    acc *= 10;
  }
  out = d.negative ? static_cast<int64_t>(0 - acc) : static_cast<int64_t>(acc);
  return Integral::kYes;
}

// The range and sign checks of check_integer for a parsed `v`.
bool integer_in_range(const ValueRule& rule, int64_t v, bool overflow, std::string& why) {
  if (overflow || v < rule.min || v > rule.max) return why = "integer out of range", false;
  if (rule.check == Check::PositiveInt && v <= 0) return why = "not a positive integer", false;
  return true;
}

// check_integer for a value that is not plain digits, out of line: the
// plain path is the hot one (26M ratings per load).
[[gnu::noinline]] bool check_integral_decimal(const ValueRule& rule, std::string_view value, int64_t& v,
                                              std::string& why) {
  Integral integral = parse_integral_decimal(value, v);
  if (integral == Integral::kNo) return why = "not an integer", false;
  return integer_in_range(rule, v, integral == Integral::kOverflow, why);
}

bool valid_date(std::string_view v) {
  if (v.size() != 10 || v[4] != '-' || v[7] != '-') return false;
  for (size_t k : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!is_digit(v[k])) return false;
  int year = std::stoi(std::string(v.substr(0, 4)));
  int month = std::stoi(std::string(v.substr(5, 2)));
  int day = std::stoi(std::string(v.substr(8, 2)));
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

bool valid_boolean(std::string_view v) {
  std::string l = to_lower(v);
  for (const char* word : {"t", "true", "y", "yes", "on", "1", "f", "false", "n", "no", "off", "0"})
    if (l == word) return true;
  return false;
}

std::string normalized_type(const std::string& data_type) {
  std::string t = to_lower(trim(data_type));
  std::string out;
  for (char c : t)
    if (c != ' ' || (!out.empty() && out.back() != ' ' && out.back() != '(' && out.back() != ',')) out += c;
  return out;
}

}  // namespace

ValueRule value_rule_for(const project::LoadColumn& column) {
  ValueRule rule;
  rule.check = column.check;
  std::string type = normalized_type(column.data_type);
  Check implied = Check::None;
  static const std::regex numeric_type(R"((numeric|decimal)\s*\(\s*(\d+)\s*(?:,\s*(-?\d+)\s*)?\))");
  std::smatch m;
  if (type == "smallint" || type == "int2") {
    implied = Check::Int;
    rule.type = ColumnType::Int2;
    rule.min = std::numeric_limits<int16_t>::min();
    rule.max = std::numeric_limits<int16_t>::max();
  } else if (type == "integer" || type == "int" || type == "int4") {
    implied = Check::Int;
    rule.type = ColumnType::Int4;
    rule.min = std::numeric_limits<int32_t>::min();
    rule.max = std::numeric_limits<int32_t>::max();
  } else if (type == "bigint" || type == "int8") {
    implied = Check::Int;
    rule.type = ColumnType::Int8;
  } else if (type == "double precision" || type == "float8" || type == "float") {
    implied = Check::Numeric;
    rule.type = ColumnType::Float8;
    rule.floating = true;
  } else if (type == "real" || type == "float4") {
    implied = Check::Numeric;
    rule.type = ColumnType::Float4;
    rule.floating = true;
  } else if (type == "numeric" || type == "decimal") {
    implied = Check::Numeric;
    rule.type = ColumnType::Numeric;
  } else if (std::regex_match(type, m, numeric_type)) {
    implied = Check::Numeric;
    rule.type = ColumnType::Numeric;
    rule.precision = std::stoi(m[2]);
    rule.scale = m[3].matched ? std::stoi(m[3]) : 0;
  } else if (type == "date") {
    implied = Check::Date;
    rule.type = ColumnType::Date;
  } else if (type == "boolean" || type == "bool") {
    implied = Check::Boolean;
    rule.type = ColumnType::Boolean;
  } else if (type == "text" || type == "varchar" || type == "character varying") {
    rule.type = ColumnType::Text;
  } else if (type == "jsonb") {
    rule.type = ColumnType::Jsonb;
  } else if (type == "json") {
    rule.type = ColumnType::Json;
  }
  if (rule.check == Check::None) {
    rule.check = implied;
  } else if (implied != Check::None) {
    bool numeric_ok = implied == Check::Numeric &&
                      (rule.check == Check::Int || rule.check == Check::PositiveInt);
    bool same = implied == rule.check || (implied == Check::Int && rule.check == Check::PositiveInt);
    if (!same && !numeric_ok)
      throw ConfigError(column.where, "column '" + column.name + "': its check does not fit data_type " +
                                          column.data_type);
  }
  return rule;
}

bool check_integer(const ValueRule& rule, std::string_view value, int64_t& v, std::string& why) {
  bool overflow = false;
  // Plain digits first: the common case, parsed without splitting a decimal.
  if (!parse_int(value, v, overflow)) return check_integral_decimal(rule, value, v, why);
  return integer_in_range(rule, v, overflow, why);
}

bool check_decimal(const ValueRule& rule, std::string_view value, DecimalText& d, std::string& why) {
  if (!parse_decimal_text(value, d)) return why = "not a number", false;
  if (!rule.floating && rule.precision > 0 &&
      integer_digits_after_rounding(d, rule.scale) > rule.precision - rule.scale)
    return why = "number too large for numeric(" + std::to_string(rule.precision) + "," +
                 std::to_string(rule.scale) + ")",
           false;
  return true;
}

std::string_view IntegerText::write(int64_t v) {
  auto [end, error] = std::to_chars(digits, digits + sizeof digits, v);
  return std::string_view(digits, static_cast<size_t>(end - digits));
}

bool check_value_as_stored(const ValueRule& rule, std::string_view& value, IntegerText& scratch, std::string& why) {
  if (rule.check != Check::Int && rule.check != Check::PositiveInt) return check_value(rule, value, why);
  int64_t v;
  if (!check_integer(rule, value, v, why)) return false;
  // A text column keeps what the file says ("007" stays "007"); the others
  // need the integer (bigint does not parse "5415.0").
  if (rule.type != ColumnType::Text && rule.type != ColumnType::Other) value = scratch.write(v);
  return true;
}

bool check_value(const ValueRule& rule, std::string_view value, std::string& why) {
  switch (rule.check) {
    case Check::None:
      return true;
    case Check::Int:
    case Check::PositiveInt: {
      int64_t v;
      return check_integer(rule, value, v, why);
    }
    case Check::Numeric: {
      if (rule.floating) {
        std::string l = to_lower(value);
        if (l == "nan" || l == "infinity" || l == "-infinity" || l == "+infinity" || l == "inf" || l == "-inf")
          return true;
      }
      DecimalText d;
      if (!check_decimal(rule, value, d, why)) return false;
      if (rule.floating) {
        std::string copy(value);
        errno = 0;
        double x = std::strtod(copy.c_str(), nullptr);
        if (errno == ERANGE && (x == 0.0 || std::isinf(x))) return why = "number out of range", false;
      }
      return true;
    }
    case Check::Date:
      if (!valid_date(value)) return why = "not a date (YYYY-MM-DD)", false;
      return true;
    case Check::Boolean:
      if (!valid_boolean(value)) return why = "not a boolean", false;
      return true;
  }
  return true;
}

}  // namespace mrun::load
