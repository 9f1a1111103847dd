// Python's unbounded integers, for the values past int64 that templates
// reach (`2 ** 64`, `-9223372036854775808`, products that overflow). A small
// sign-and-magnitude integer: schoolbook multiplication and shift-subtract
// division are plenty for numbers of a few hundred digits. Values that fit in
// int64 stay plain Ints (see Value::integer).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mrun::jinja {

class BigInt {
 public:
  BigInt() = default;
  BigInt(int64_t v);  // NOLINT: implicit, like Python's int
  /// Decimal digits with an optional leading '-' (the caller validates them).
  static BigInt parse(std::string_view digits);

  bool negative() const { return negative_; }
  bool is_zero() const { return limbs_.empty(); }
  bool is_odd() const { return !limbs_.empty() && (limbs_[0] & 1); }
  /// The value when it fits in int64.
  std::optional<int64_t> to_int64() const;
  /// The nearest double (inf when out of range, as the caller checks).
  double to_double() const;
  /// Decimal text, as Python's str(int).
  std::string to_string() const;

  BigInt operator-() const;
  friend BigInt operator+(const BigInt& a, const BigInt& b);
  friend BigInt operator-(const BigInt& a, const BigInt& b) { return a + -b; }
  friend BigInt operator*(const BigInt& a, const BigInt& b);
  /// Python's floor division and modulo (remainder has the divisor's sign);
  /// the divisor must not be zero.
  static void floor_divmod(const BigInt& a, const BigInt& b, BigInt* quotient, BigInt* remainder);
  /// a ** exponent for exponent >= 0.
  static BigInt pow(BigInt base, uint64_t exponent);
  /// -1, 0 or 1.
  static int compare(const BigInt& a, const BigInt& b);
  /// Number of significant bits of the magnitude.
  size_t bit_length() const;

 private:
  static int compare_magnitude(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b);
  void trim();

  bool negative_ = false;
  std::vector<uint32_t> limbs_;  ///< magnitude, least significant first
};

}  // namespace mrun::jinja
