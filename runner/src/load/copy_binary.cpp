#include "load/copy_binary.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "util/strings.h"

namespace mrun::load {

namespace {

void put16(std::string& out, uint16_t v) {
  char b[2] = {static_cast<char>(v >> 8), static_cast<char>(v)};
  out.append(b, 2);
}
void put32(std::string& out, uint32_t v) {
  char b[4] = {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
  out.append(b, 4);
}
void put64(std::string& out, uint64_t v) {
  put32(out, static_cast<uint32_t>(v >> 32));
  put32(out, static_cast<uint32_t>(v));
}

bool parse_int64(std::string_view v, int64_t& out) {
  if (!v.empty() && v[0] == '+') v.remove_prefix(1);
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  return ec == std::errc() && end == v.data() + v.size();
}

// PostgreSQL's numeric wire format: base-10000 digits with a weight (the
// power of 10000 of the first digit), a sign and a display scale.
bool append_numeric(std::string& out, std::string_view v) {
  bool negative = false;
  size_t i = 0;
  if (i < v.size() && (v[i] == '-' || v[i] == '+')) negative = v[i++] == '-';
  // Reused per thread: a numeric per row must not cost a malloc and a free.
  thread_local std::string digits;
  thread_local std::vector<uint16_t> groups;
  digits.clear();
  groups.clear();
  long fraction = 0;  // digits after the point
  bool point = false;
  for (; i < v.size() && v[i] != 'e' && v[i] != 'E'; ++i) {
    if (v[i] == '.') {
      point = true;
    } else if (v[i] >= '0' && v[i] <= '9') {
      digits += v[i];
      if (point) ++fraction;
    } else {
      return false;
    }
  }
  long exponent = 0;
  if (i < v.size()) {
    int64_t e;
    if (!parse_int64(v.substr(i + 1), e) || e > 100000 || e < -100000) return false;
    exponent = static_cast<long>(e);
  }
  if (digits.empty()) return false;
  long low = exponent - fraction;  // power of ten of the last digit
  long dscale = std::max(0L, -low);
  // Align the last digit to a multiple of four, then the first.
  long pad_right = ((low % 4) + 4) % 4;
  digits.append(static_cast<size_t>(pad_right), '0');
  low -= pad_right;
  long pad_left = (4 - static_cast<long>(digits.size() % 4)) % 4;
  digits.insert(0, static_cast<size_t>(pad_left), '0');
  for (size_t k = 0; k < digits.size(); k += 4)
    groups.push_back(static_cast<uint16_t>((digits[k] - '0') * 1000 + (digits[k + 1] - '0') * 100 +
                                           (digits[k + 2] - '0') * 10 + (digits[k + 3] - '0')));
  long weight = low / 4 + static_cast<long>(groups.size()) - 1;
  size_t first = 0;
  while (first < groups.size() && groups[first] == 0) {
    ++first;
    --weight;
  }
  size_t last = groups.size();
  while (last > first && groups[last - 1] == 0) --last;
  if (first == last) {  // zero
    weight = 0;
    negative = false;
  }
  if (weight > 32767 || weight < -32768 || dscale > 0x3FFF) return false;
  put32(out, static_cast<uint32_t>(8 + 2 * (last - first)));
  put16(out, static_cast<uint16_t>(last - first));
  put16(out, static_cast<uint16_t>(static_cast<int16_t>(weight)));
  put16(out, negative ? 0x4000 : 0x0000);
  put16(out, static_cast<uint16_t>(dscale));
  for (size_t k = first; k < last; ++k) put16(out, groups[k]);
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

}  // namespace

bool binary_copy_supported(ColumnType type) { return type != ColumnType::kOther; }

void append_binary_header(std::string& out) {
  out.append("PGCOPY\n\377\r\n\0", 11);
  put32(out, 0);  // flags
  put32(out, 0);  // header extension length
}

void append_binary_trailer(std::string& out) { put16(out, 0xFFFF); }

void append_binary_field_count(std::string& out, int16_t count) { put16(out, static_cast<uint16_t>(count)); }

void append_binary_null(std::string& out) { put32(out, 0xFFFFFFFFu); }

void append_binary_int8(std::string& out, int64_t value) {
  put32(out, 8);
  put64(out, static_cast<uint64_t>(value));
}

bool append_binary_value(std::string& out, ColumnType type, std::string_view value) {
  switch (type) {
    case ColumnType::kText:
    case ColumnType::kJson:
      put32(out, static_cast<uint32_t>(value.size()));
      out.append(value);
      return true;
    case ColumnType::kJsonb:
      put32(out, static_cast<uint32_t>(value.size() + 1));
      out += '\1';  // jsonb binary format version
      out.append(value);
      return true;
    case ColumnType::kInt2:
    case ColumnType::kInt4:
    case ColumnType::kInt8: {
      int64_t v;
      if (!parse_int64(value, v)) return false;
      if (type == ColumnType::kInt2) {
        put32(out, 2);
        put16(out, static_cast<uint16_t>(v));
      } else if (type == ColumnType::kInt4) {
        put32(out, 4);
        put32(out, static_cast<uint32_t>(v));
      } else {
        append_binary_int8(out, v);
      }
      return true;
    }
    case ColumnType::kFloat4:
    case ColumnType::kFloat8: {
      std::string copy(value);  // strtod, as PostgreSQL's own float8in, for identical values
      char* end = nullptr;
      double d = std::strtod(copy.c_str(), &end);
      if (end != copy.c_str() + copy.size()) return false;
      if (type == ColumnType::kFloat8) {
        uint64_t bits;
        std::memcpy(&bits, &d, 8);
        put32(out, 8);
        put64(out, bits);
      } else {
        float f = std::strtof(copy.c_str(), nullptr);
        uint32_t bits;
        std::memcpy(&bits, &f, 4);
        put32(out, 4);
        put32(out, bits);
      }
      return true;
    }
    case ColumnType::kNumeric:
      return append_numeric(out, value);
    case ColumnType::kDate: {
      if (value.size() != 10) return false;
      int y = std::atoi(std::string(value.substr(0, 4)).c_str());
      int m = std::atoi(std::string(value.substr(5, 2)).c_str());
      int d = std::atoi(std::string(value.substr(8, 2)).c_str());
      put32(out, 4);
      put32(out, static_cast<uint32_t>(days_since_2000(y, m, d)));
      return true;
    }
    case ColumnType::kBoolean: {
      std::string l = to_lower(value);
      bool t = l == "t" || l == "true" || l == "y" || l == "yes" || l == "on" || l == "1";
      put32(out, 1);
      out += t ? '\1' : '\0';
      return true;
    }
    case ColumnType::kOther:
      return false;
  }
  return false;
}

}  // namespace mrun::load
