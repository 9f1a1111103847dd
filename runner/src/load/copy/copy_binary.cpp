#include "load/copy/copy_binary.h"

#include <charconv>
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string>

#include "util/strings.h"

namespace mrun::load {

using project::Check;

namespace {

// Grows `out` by `n` bytes and returns where they start. One resize per
// field instead of an append per header word: the loader encodes ~130
// million fields per run.
char* extend(std::string& out, size_t n) {
  size_t at = out.size();
  out.resize(at + n);
  return out.data() + at;
}

char* be16(char* p, uint16_t v) {
  v = __builtin_bswap16(v);
  std::memcpy(p, &v, 2);
  return p + 2;
}
char* be32(char* p, uint32_t v) {
  v = __builtin_bswap32(v);
  std::memcpy(p, &v, 4);
  return p + 4;
}
char* be64(char* p, uint64_t v) {
  v = __builtin_bswap64(v);
  std::memcpy(p, &v, 8);
  return p + 8;
}

bool parse_int64(std::string_view v, int64_t& out) {
  if (!v.empty() && v[0] == '+') v.remove_prefix(1);
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  return ec == std::errc() && end == v.data() + v.size();
}

// An integer field of an int2/int4/int8 column (the value fits: checked).
void append_integer(std::string& out, ColumnType type, int64_t v) {
  if (type == ColumnType::Int2) {
    be16(be32(extend(out, 6), 2), static_cast<uint16_t>(v));
  } else if (type == ColumnType::Int4) {
    be32(be32(extend(out, 8), 4), static_cast<uint32_t>(v));
  } else {
    be64(be32(extend(out, 12), 8), static_cast<uint64_t>(v));
  }
}

long floor_div4(long p) { return p >= 0 ? p / 4 : -((-p + 3) / 4); }

// PostgreSQL's numeric wire format: base-10000 digits with a weight (the
// power of 10000 of the first digit), a sign and a display scale.
bool append_numeric(std::string& out, const DecimalText& d) {
  static constexpr unsigned kPow10[] = {1, 10, 100, 1000};
  const long n = static_cast<long>(d.digit_count());
  const long low = -static_cast<long>(d.fraction.size()) + d.exponent;  // power of ten of the last digit
  const long dscale = std::max(0L, -low);
  long first = 0, last = n;  // the significant digits: [first, last)
  while (first < n && d.digit(static_cast<size_t>(first)) == 0) ++first;
  while (last > first && d.digit(static_cast<size_t>(last - 1)) == 0) --last;
  if (dscale > 0x3FFF) return false;
  if (first == last) {  // zero: no digits, positive
    char* p = be32(extend(out, 12), 8);
    be16(be16(be16(be16(p, 0), 0), 0x0000), static_cast<uint16_t>(dscale));
    return true;
  }
  auto power = [&](long k) { return low + (n - 1 - k); };  // of the digit at index k
  const long weight = floor_div4(power(first));
  const long last_group = floor_div4(power(last - 1));
  if (weight > 32767 || weight < -32768) return false;
  const long groups = weight - last_group + 1;
  char* p = be32(extend(out, static_cast<size_t>(12 + 2 * groups)), static_cast<uint32_t>(8 + 2 * groups));
  p = be16(p, static_cast<uint16_t>(groups));
  p = be16(p, static_cast<uint16_t>(static_cast<int16_t>(weight)));
  p = be16(p, d.negative ? 0x4000 : 0x0000);
  p = be16(p, static_cast<uint16_t>(dscale));
  long group = weight;
  unsigned value = 0;
  for (long k = first; k < last; ++k) {
    long pw = power(k);
    for (long g = floor_div4(pw); group > g; --group) {  // a group is complete
      p = be16(p, static_cast<uint16_t>(value));
      value = 0;
    }
    value += static_cast<unsigned>(d.digit(static_cast<size_t>(k))) * kPow10[pw - 4 * group];
  }
  be16(p, static_cast<uint16_t>(value));
  return true;
}

// Days from 2000-01-01 (PostgreSQL's date epoch) to a proleptic Gregorian date.
int32_t days_since_2000(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468 - 10957;  // 10957 days from 1970-01-01 to 2000-01-01
}

// The number written by the decimal digits of `v` (already checked).
int digits_value(std::string_view v) {
  int n = 0;
  for (char c : v) n = n * 10 + (c - '0');
  return n;
}

bool is_integer_type(ColumnType type) {
  return type == ColumnType::Int2 || type == ColumnType::Int4 || type == ColumnType::Int8;
}

}  // namespace

bool binary_copy_supported(ColumnType type) { return type != ColumnType::Other; }

void append_binary_header(std::string& out) {
  out.append("PGCOPY\n\377\r\n\0", 11);
  be32(be32(extend(out, 8), 0), 0);  // flags, header extension length
}

void append_binary_trailer(std::string& out) { be16(extend(out, 2), 0xFFFF); }

void append_binary_field_count(std::string& out, int16_t count) {
  be16(extend(out, 2), static_cast<uint16_t>(count));
}

void append_binary_null(std::string& out) { be32(extend(out, 4), 0xFFFFFFFFu); }

void append_binary_int8(std::string& out, int64_t value) { append_integer(out, ColumnType::Int8, value); }

bool append_binary_value(std::string& out, ColumnType type, std::string_view value) {
  switch (type) {
    case ColumnType::Text:
    case ColumnType::Json:
      std::memcpy(be32(extend(out, 4 + value.size()), static_cast<uint32_t>(value.size())), value.data(),
                  value.size());
      return true;
    case ColumnType::Jsonb: {
      char* p = be32(extend(out, 5 + value.size()), static_cast<uint32_t>(value.size() + 1));
      *p++ = '\1';  // jsonb binary format version
      std::memcpy(p, value.data(), value.size());
      return true;
    }
    case ColumnType::Int2:
    case ColumnType::Int4:
    case ColumnType::Int8: {
      int64_t v;
      if (!parse_int64(value, v)) return false;
      append_integer(out, type, v);
      return true;
    }
    case ColumnType::Float4:
    case ColumnType::Float8: {
      std::string copy(value);  // strtod, as PostgreSQL's own float8in, for identical values
      char* end = nullptr;
      double d = std::strtod(copy.c_str(), &end);
      if (end != copy.c_str() + copy.size()) return false;
      if (type == ColumnType::Float8) {
        uint64_t bits;
        std::memcpy(&bits, &d, 8);
        be64(be32(extend(out, 12), 8), bits);
      } else {
        float f = std::strtof(copy.c_str(), nullptr);
        uint32_t bits;
        std::memcpy(&bits, &f, 4);
        be32(be32(extend(out, 8), 4), bits);
      }
      return true;
    }
    case ColumnType::Numeric: {
      DecimalText d;
      return parse_decimal_text(value, d) && append_numeric(out, d);
    }
    case ColumnType::Date: {
      if (value.size() != 10) return false;
      int days = days_since_2000(digits_value(value.substr(0, 4)), digits_value(value.substr(5, 2)),
                                 digits_value(value.substr(8, 2)));
      be32(be32(extend(out, 8), 4), static_cast<uint32_t>(days));
      return true;
    }
    case ColumnType::Boolean: {
      std::string l = to_lower(value);
      bool t = l == "t" || l == "true" || l == "y" || l == "yes" || l == "on" || l == "1";
      *be32(extend(out, 5), 1) = t ? '\1' : '\0';
      return true;
    }
    case ColumnType::Other:
      return false;
  }
  return false;
}

BinaryValue append_checked_binary_value(std::string& out, const ValueRule& rule, std::string_view value,
                                        std::string& why) {
  // The hot types are parsed once for the check and the encoding.
  if (is_integer_type(rule.type) && (rule.check == Check::Int || rule.check == Check::PositiveInt)) {
    int64_t v;
    if (!check_integer(rule, value, v, why)) return BinaryValue::FailsCheck;
    append_integer(out, rule.type, v);
    return BinaryValue::Appended;
  }
  if (rule.type == ColumnType::Numeric && rule.check == Check::Numeric) {
    DecimalText d;
    if (!check_decimal(rule, value, d, why)) return BinaryValue::FailsCheck;
    return append_numeric(out, d) ? BinaryValue::Appended : BinaryValue::NotEncodable;
  }
  IntegerText integer;
  if (rule.check != Check::None && !check_value_as_stored(rule, value, integer, why)) return BinaryValue::FailsCheck;
  return append_binary_value(out, rule.type, value) ? BinaryValue::Appended : BinaryValue::NotEncodable;
}

}  // namespace mrun::load
