#include "jinja/bigint.h"

#include <algorithm>
#include <cmath>

namespace mrun::jinja {

BigInt::BigInt(int64_t v) {
  negative_ = v < 0;
  uint64_t m = negative_ ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  while (m) {
    limbs_.push_back(static_cast<uint32_t>(m));
    m >>= 32;
  }
}

BigInt BigInt::parse(std::string_view digits) {
  bool neg = !digits.empty() && digits[0] == '-';
  if (neg) digits.remove_prefix(1);
  BigInt out;
  for (char c : digits) {
    // out = out * 10 + digit, limb by limb.
    uint64_t carry = static_cast<uint64_t>(c - '0');
    for (auto& limb : out.limbs_) {
      uint64_t v = static_cast<uint64_t>(limb) * 10 + carry;
      limb = static_cast<uint32_t>(v);
      carry = v >> 32;
    }
    if (carry) out.limbs_.push_back(static_cast<uint32_t>(carry));
  }
  out.trim();
  out.negative_ = neg && !out.is_zero();
  return out;
}

void BigInt::trim() {
  while (!limbs_.empty() && limbs_.back() == 0) limbs_.pop_back();
  if (limbs_.empty()) negative_ = false;
}

std::optional<int64_t> BigInt::to_int64() const {
  if (limbs_.size() > 2) return std::nullopt;
  uint64_t m = 0;
  for (size_t i = limbs_.size(); i-- > 0;) m = (m << 32) | limbs_[i];
  if (!negative_) {
    if (m > static_cast<uint64_t>(INT64_MAX)) return std::nullopt;
    return static_cast<int64_t>(m);
  }
  if (m > static_cast<uint64_t>(INT64_MAX) + 1) return std::nullopt;
  return static_cast<int64_t>(0 - m);
}

double BigInt::to_double() const {
  // Python rounds to nearest; summing from the top limb is within an ulp.
  double d = 0;
  for (size_t i = limbs_.size(); i-- > 0;) d = d * 4294967296.0 + limbs_[i];
  return negative_ ? -d : d;
}

std::string BigInt::to_string() const {
  if (limbs_.empty()) return "0";
  std::vector<uint32_t> m = limbs_;
  std::string out;
  while (!m.empty()) {
    // Divide by 10^9, collecting the remainder as nine digits.
    uint64_t rem = 0;
    for (size_t i = m.size(); i-- > 0;) {
      uint64_t cur = (rem << 32) | m[i];
      m[i] = static_cast<uint32_t>(cur / 1000000000u);
      rem = cur % 1000000000u;
    }
    while (!m.empty() && m.back() == 0) m.pop_back();
    for (int k = 0; k < 9; ++k) {
      out += static_cast<char>('0' + rem % 10);
      rem /= 10;
      if (m.empty() && rem == 0) break;
    }
  }
  if (negative_) out += '-';
  std::reverse(out.begin(), out.end());
  return out;
}

BigInt BigInt::operator-() const {
  BigInt r = *this;
  if (!r.is_zero()) r.negative_ = !r.negative_;
  return r;
}

int BigInt::compare_magnitude(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  for (size_t i = a.size(); i-- > 0;)
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

int BigInt::compare(const BigInt& a, const BigInt& b) {
  if (a.negative_ != b.negative_) return a.negative_ ? -1 : 1;
  int c = compare_magnitude(a.limbs_, b.limbs_);
  return a.negative_ ? -c : c;
}

BigInt operator+(const BigInt& a, const BigInt& b) {
  BigInt r;
  if (a.negative_ == b.negative_) {
    r.negative_ = a.negative_;
    uint64_t carry = 0;
    for (size_t i = 0; i < std::max(a.limbs_.size(), b.limbs_.size()) || carry; ++i) {
      uint64_t v = carry + (i < a.limbs_.size() ? a.limbs_[i] : 0) + (i < b.limbs_.size() ? b.limbs_[i] : 0);
      r.limbs_.push_back(static_cast<uint32_t>(v));
      carry = v >> 32;
    }
  } else {
    // |big| - |small|, with the sign of the larger magnitude.
    bool a_bigger = BigInt::compare_magnitude(a.limbs_, b.limbs_) >= 0;
    const BigInt& big = a_bigger ? a : b;
    const BigInt& small = a_bigger ? b : a;
    r.negative_ = big.negative_;
    int64_t borrow = 0;
    for (size_t i = 0; i < big.limbs_.size(); ++i) {
      int64_t v = static_cast<int64_t>(big.limbs_[i]) - borrow - (i < small.limbs_.size() ? small.limbs_[i] : 0);
      borrow = v < 0;
      if (v < 0) v += int64_t{1} << 32;
      r.limbs_.push_back(static_cast<uint32_t>(v));
    }
  }
  r.trim();
  return r;
}

BigInt operator*(const BigInt& a, const BigInt& b) {
  BigInt r;
  if (a.is_zero() || b.is_zero()) return r;
  r.limbs_.assign(a.limbs_.size() + b.limbs_.size(), 0);
  for (size_t i = 0; i < a.limbs_.size(); ++i) {
    uint64_t carry = 0;
    for (size_t j = 0; j < b.limbs_.size() || carry; ++j) {
      uint64_t v = r.limbs_[i + j] + carry + (j < b.limbs_.size() ? static_cast<uint64_t>(a.limbs_[i]) * b.limbs_[j] : 0);
      r.limbs_[i + j] = static_cast<uint32_t>(v);
      carry = v >> 32;
    }
  }
  r.negative_ = a.negative_ != b.negative_;
  r.trim();
  return r;
}

size_t BigInt::bit_length() const {
  if (limbs_.empty()) return 0;
  return (limbs_.size() - 1) * 32 + (32 - static_cast<size_t>(__builtin_clz(limbs_.back())));
}

void BigInt::floor_divmod(const BigInt& a, const BigInt& b, BigInt* quotient, BigInt* remainder) {
  // Truncating division of magnitudes, bit by bit.
  BigInt q, r;
  size_t bits = a.bit_length();
  q.limbs_.assign((bits + 31) / 32, 0);
  BigInt divisor = b;
  divisor.negative_ = false;
  for (size_t i = bits; i-- > 0;) {
    // r = r * 2 + bit i of |a|
    uint32_t carry = (a.limbs_[i / 32] >> (i % 32)) & 1;
    for (auto& limb : r.limbs_) {
      uint32_t next = limb >> 31;
      limb = (limb << 1) | carry;
      carry = next;
    }
    if (carry) r.limbs_.push_back(carry);
    if (compare_magnitude(r.limbs_, divisor.limbs_) >= 0) {
      r = r - divisor;
      q.limbs_[i / 32] |= uint32_t{1} << (i % 32);
    }
  }
  q.trim();
  q.negative_ = !q.is_zero() && a.negative_ != b.negative_;
  r.negative_ = !r.is_zero() && a.negative_;
  // Floor: a remainder whose sign differs from the divisor's moves one step.
  if (!r.is_zero() && r.negative_ != b.negative_) {
    q = q - BigInt(1);
    r = r + b;
  }
  if (quotient) *quotient = std::move(q);
  if (remainder) *remainder = std::move(r);
}

BigInt BigInt::pow(BigInt base, uint64_t exponent) {
  BigInt result(1);
  while (exponent) {
    if (exponent & 1) result = result * base;
    exponent >>= 1;
    if (exponent) base = base * base;
  }
  return result;
}

}  // namespace mrun::jinja
