// Deterministic random numbers for the dataset generator. Everything here is
// integer arithmetic (or exact IEEE operations), so a seed gives the same
// bytes with any compiler and standard library.
#pragma once

#include <cstdint>
#include <cstddef>
#include <vector>

namespace mrun::moviegen {

/// Returns splitmix64's finalizer of x: a well-mixed 64-bit hash.
inline uint64_t mix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

/// Returns a hash of the pair (a, b); used to derive independent streams.
inline uint64_t mix64(uint64_t a, uint64_t b) { return mix64(a ^ mix64(b + 0x632be59bd9b4e019ULL)); }

/// Returns a hash of (a, b, c).
inline uint64_t mix64(uint64_t a, uint64_t b, uint64_t c) { return mix64(mix64(a, b), c); }

/// xoshiro256** generator, seeded through splitmix64.
struct Rng {
  uint64_t s[4];

  /// Returns a generator whose whole stream is fixed by seed.
  explicit Rng(uint64_t seed) {
    for (auto& word : s) {
      seed += 0x9e3779b97f4a7c15ULL;
      word = mix64(seed);
    }
  }

  /// Returns the next 64 random bits.
  uint64_t next() {
    const uint64_t result = rotl(s[1] * 5, 7) * 9;
    const uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
  }

  /// Returns a number in [0, n); 0 when n is 0.
  uint64_t below(uint64_t n) {
    return static_cast<uint64_t>((static_cast<unsigned __int128>(next()) * n) >> 64);
  }

  /// Returns a number in [lo, hi] (inclusive).
  int64_t range(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(below(static_cast<uint64_t>(hi - lo) + 1));
  }

  /// Returns true with probability per_million / 1,000,000.
  bool chance(uint32_t per_million) { return below(1000000) < per_million; }

  /// Returns a double in [0, 1) with 53 random bits.
  double unit() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }

 private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
};

/// A discrete distribution over [0, size) given integer weights.
struct WeightedTable {
  std::vector<uint64_t> cumulative;  ///< running sums of the weights
  /// guide[j]: an index at or before the outcome of any draw in bucket j
  /// (Chen's guide table), so a pick scans a few entries, not a binary search.
  std::vector<uint32_t> guide;

  /// Returns a table for the given weights (zero weights are never picked).
  static WeightedTable from(const std::vector<uint64_t>& weights) {
    WeightedTable t;
    t.cumulative.reserve(weights.size());
    uint64_t sum = 0;
    for (uint64_t w : weights) t.cumulative.push_back(sum += w);
    t.guide.resize(weights.size());
    for (size_t j = 0; j < t.guide.size(); ++j) {
      const uint64_t lowest = static_cast<uint64_t>((static_cast<unsigned __int128>(sum) * j) / t.guide.size());
      t.guide[j] = static_cast<uint32_t>(t.search(lowest > 0 ? lowest - 1 : 0));
    }
    return t;
  }

  /// Returns an index drawn with probability proportional to its weight.
  size_t pick(Rng& rng) const {
    const uint64_t u = rng.next();
    const uint64_t x = static_cast<uint64_t>((static_cast<unsigned __int128>(u) * cumulative.back()) >> 64);
    size_t i = guide[static_cast<size_t>((static_cast<unsigned __int128>(u) * guide.size()) >> 64)];
    while (cumulative[i] <= x) ++i;
    return i;
  }

  /// Returns the index whose weight interval holds x (x < total weight).
  size_t search(uint64_t x) const {
    size_t lo = 0, hi = cumulative.size() - 1;
    while (lo < hi) {
      const size_t mid = (lo + hi) / 2;
      if (cumulative[mid] > x) hi = mid; else lo = mid + 1;
    }
    return lo;
  }

  /// Returns the number of outcomes.
  size_t size() const { return cumulative.size(); }
};

/// Returns Zipf-like weights 2^40 / (rank + offset) for ranks 0..n-1.
inline std::vector<uint64_t> zipf_weights(size_t n, uint64_t offset) {
  std::vector<uint64_t> w(n);
  for (size_t i = 0; i < n; ++i) w[i] = (uint64_t{1} << 40) / (i + offset);
  return w;
}

}  // namespace mrun::moviegen
