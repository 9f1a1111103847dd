// What SHA-1 and SHA-256 share (FIPS 180-4): the message cut into 64-byte
// blocks, padded with a 1 bit, zeros and its length in bits (big-endian),
// and the state words written out as hex.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace mrun {

/// Feeds every block of `data`, padding included, to `compress(state, block)`.
template <typename State, typename Compress>
void hash_blocks(std::string_view data, State& state, Compress compress) {
  size_t whole = data.size() / 64 * 64;
  for (size_t i = 0; i < whole; i += 64) compress(state, reinterpret_cast<const unsigned char*>(data.data()) + i);
  // The tail, a 1 bit, zeros, and the length in bits: one or two blocks.
  unsigned char tail[128] = {};
  size_t rest = data.size() - whole;
  for (size_t i = 0; i < rest; ++i) tail[i] = static_cast<unsigned char>(data[whole + i]);
  tail[rest] = 0x80;
  size_t blocks = rest < 56 ? 1 : 2;
  uint64_t bits = uint64_t(data.size()) * 8;
  for (int i = 0; i < 8; ++i) tail[blocks * 64 - 1 - i] = static_cast<unsigned char>(bits >> (8 * i));
  for (size_t b = 0; b < blocks; ++b) compress(state, tail + 64 * b);
}

/// The 32-bit words of `state` as lower-case hex, most significant first.
template <typename State>
std::string hex_words(const State& state) {
  static const char* const kHex = "0123456789abcdef";
  std::string out;
  for (uint32_t word : state)
    for (int shift = 28; shift >= 0; shift -= 4) out += kHex[(word >> shift) & 0xf];
  return out;
}

}  // namespace mrun
