#include "load/archive/raw_inflate.h"

#include <isa-l/igzip_lib.h>

#include <algorithm>
#include <cstdio>
#include <limits>

#include "util/error.h"

namespace mrun::load {

namespace {

/// Compressed bytes read from the source at a time: large enough that the
/// source's per-call cost (libzip, pread) vanishes, small enough for the cache.
constexpr size_t kInputSize = 256 << 10;

/// What an ISA-L inflate error code means.
std::string inflate_error(int status) {
  switch (status) {
    case ISAL_INVALID_BLOCK:
      return "invalid deflate block";
    case ISAL_INVALID_SYMBOL:
      return "invalid deflate symbol";
    case ISAL_INVALID_LOOKBACK:
      return "invalid deflate back-reference distance";
    case ISAL_NEED_DICT:
      return "deflate data needs a preset dictionary";
    default:
      return "inflate error " + std::to_string(status);
  }
}

std::string hex32(uint32_t value) {
  char text[9];
  std::snprintf(text, sizeof text, "%08x", value);
  return text;
}

}  // namespace

RawInflateStream::RawInflateStream(std::unique_ptr<ByteStream> compressed, InflatedData expected, std::string label)
    : compressed_(std::move(compressed)),
      expected_(expected),
      label_(std::move(label)),
      state_(std::make_unique<inflate_state>()),
      input_(new char[kInputSize]) {
  isal_inflate_init(state_.get());
  state_->crc_flag = ISAL_GZIP_NO_HDR;  // raw deflate in, the CRC-32 of the output kept in state_->crc
}

RawInflateStream::~RawInflateStream() = default;

size_t RawInflateStream::read(char* buf, size_t n) {
  if (ended_ || n == 0) return 0;
  inflate_state& s = *state_;
  const uint32_t room = static_cast<uint32_t>(std::min<size_t>(n, std::numeric_limits<uint32_t>::max()));
  s.next_out = reinterpret_cast<uint8_t*>(buf);
  s.avail_out = room;
  for (;;) {
    bool refilled = false;
    if (s.avail_in == 0 && !input_ended_) {
      size_t got = compressed_->read(input_.get(), kInputSize);
      input_ended_ = got == 0;
      s.next_in = reinterpret_cast<uint8_t*>(input_.get());
      s.avail_in = static_cast<uint32_t>(got);
      refilled = got > 0;
    }
    const uint32_t avail_in = s.avail_in;
    int status = isal_inflate(&s);
    if (status != ISAL_DECOMP_OK) fail(inflate_error(status));
    size_t out = room - s.avail_out;
    produced_ += out;
    if (produced_ > expected_.size)
      fail("inflates to more than the expected " + std::to_string(expected_.size) + " bytes");
    if (s.block_state == ISAL_BLOCK_FINISH) {
      verify_end();
      return out;
    }
    if (out > 0) return out;
    // Neither output nor the end: ISA-L needs more input. Without any, or
    // when it took none of what it had, the data is cut short.
    if (input_ended_ && s.avail_in == 0)
      fail("the compressed data ends after " + std::to_string(produced_) + " of " + std::to_string(expected_.size) +
           " bytes");
    if (!refilled && s.avail_in == avail_in) fail("inflate made no progress");
  }
}

void RawInflateStream::verify_end() {
  ended_ = true;
  if (produced_ != expected_.size)
    fail("inflated to " + std::to_string(produced_) + " bytes, expected " + std::to_string(expected_.size));
  if (state_->crc != expected_.crc32)
    throw RunError(label_ + ": checksum mismatch: the data's CRC-32 is " + hex32(state_->crc) + ", expected " +
                   hex32(expected_.crc32));
}

void RawInflateStream::fail(const std::string& reason) const { throw RunError(label_ + ": read failed: " + reason); }

std::string RawInflateStream::content_fingerprint() const {
  return ended_ ? crc32_fingerprint(expected_.crc32, expected_.size) : "";
}

}  // namespace mrun::load
