// A decimal number as written in a CSV field ("-12.50", ".5", "1e-3"),
// split into views of its digits without copying or allocating: the loader
// checks and encodes 26 million of them per run.
#pragma once

#include <string_view>

namespace mrun::load {

/// The parts of a decimal literal: [sign] whole [. fraction] [e exponent].
/// The value is (whole fraction) * 10^(exponent - fraction.size()).
struct DecimalText {
  bool negative = false;
  std::string_view whole;     ///< digits before the point (may be empty: ".5")
  std::string_view fraction;  ///< digits after the point (may be empty: "5.")
  long exponent = 0;          ///< saturates at +-100,000,000 (far beyond any type)

  /// Number of digits (whole and fraction together).
  size_t digit_count() const { return whole.size() + fraction.size(); }
  /// The k-th digit of whole followed by fraction, as 0..9.
  int digit(size_t k) const {
    return (k < whole.size() ? whole[k] : fraction[k - whole.size()]) - '0';
  }
};

/// Splits `text` into `out`; false unless it is a plain decimal literal
/// (no spaces, no NaN/Infinity, at least one digit, digits after an 'e').
bool parse_decimal_text(std::string_view text, DecimalText& out);

/// Digits before the point once `d` is rounded half away from zero (as
/// PostgreSQL rounds into numeric(p,s)) to `scale` digits after it; 0 for
/// a value below one. Decides whether it fits numeric(p, s): digits <= p - s.
long integer_digits_after_rounding(const DecimalText& d, int scale);

}  // namespace mrun::load
