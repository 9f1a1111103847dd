// Streaming decompression of raw deflate data (RFC 1951, the form zip
// entries store) with Intel ISA-L, checked against the expected size and
// CRC-32. ISA-L inflates 2-3x faster than zlib, which libzip uses; inflating
// was a fifth of mrun's CPU when loading a zipped dataset.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "load/dataset.h"

struct inflate_state;  // ISA-L's decompressor (<isa-l/igzip_lib.h>), about 40 KB

namespace mrun::load {

/// What the decompressed data must be, e.g. from a zip archive's directory.
struct InflatedData {
  uint64_t size = 0;   ///< number of bytes
  uint32_t crc32 = 0;  ///< CRC-32 as zip and gzip compute it
};

/// The decompressed bytes of a stream of raw deflate data.
class RawInflateStream : public ByteStream {
 public:
  /// Inflates what `compressed` yields; `label` names the data in messages
  /// (e.g. "zip data.zip: ratings.csv").
  RawInflateStream(std::unique_ptr<ByteStream> compressed, InflatedData expected, std::string label);
  ~RawInflateStream() override;
  RawInflateStream(const RawInflateStream&) = delete;
  RawInflateStream& operator=(const RawInflateStream&) = delete;
  /// Up to `n` decompressed bytes; 0 at the end, which comes only once the
  /// output's size and CRC-32 matched `expected`. Throws RunError
  /// "<label>: read failed: ..." on invalid deflate data, compressed data that
  /// ends early or more output than expected, and "<label>: checksum mismatch: ..."
  /// when the CRC-32 differs; errors of `compressed` pass through.
  size_t read(char* buf, size_t n) override;
  /// The expected size.
  std::optional<uint64_t> size() const override { return expected_.size; }
  /// crc32_fingerprint of the output, once it ended and was verified.
  std::string content_fingerprint() const override;

 private:
  /// Checks the size and CRC-32 once the deflate stream has ended.
  void verify_end();
  [[noreturn]] void fail(const std::string& reason) const;

  std::unique_ptr<ByteStream> compressed_;
  InflatedData expected_;
  std::string label_;
  std::unique_ptr<inflate_state> state_;
  std::unique_ptr<char[]> input_;  ///< compressed bytes read ahead
  bool input_ended_ = false;       ///< `compressed_` returned 0
  bool ended_ = false;             ///< the deflate stream ended and was verified
  uint64_t produced_ = 0;          ///< decompressed bytes returned so far
};

}  // namespace mrun::load
