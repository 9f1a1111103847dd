// MD5 (RFC 1321): to check a download against S3's ETag (the MD5 of the
// object for single-part uploads), and for short names that must be the same
// on every machine and build (long test names, cluster paths), which
// std::hash does not promise. Not for anything security related.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace mrun {

/// Incremental MD5 of a byte sequence.
class Md5Digest {
 public:
  Md5Digest();
  /// Adds `data` to the digested bytes.
  void update(std::string_view data);
  /// The digest as 32 lower-case hex digits; the object must not be updated after.
  std::string hex();

 private:
  void block(const unsigned char* p);
  uint32_t state_[4];
  uint64_t length_ = 0;
  unsigned char buffer_[64];
  size_t buffered_ = 0;
};

/// MD5 of `data` as 32 lower-case hex digits.
std::string md5_hex(std::string_view data);

/// MD5 of the file at `path` as hex; throws RunError when it cannot be read.
std::string md5_of_file(const std::string& path);

}  // namespace mrun
