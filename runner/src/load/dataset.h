// Where raw files come from: a Dataset is a set of named files (the entries
// of a zip archive, or the CSVs of a directory), each read as a forward-only
// byte stream. Nothing is extracted to disk.
#pragma once

#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mrun::load {

/// A forward-only stream of bytes: one zip entry or one plain file.
class ByteStream {
 public:
  virtual ~ByteStream() = default;
  /// Reads up to `n` bytes into `buf`; returns 0 at the end. Throws RunError
  /// naming the file on a read or decompression failure.
  virtual size_t read(char* buf, size_t n) = 0;
  /// Uncompressed size when known up front (for progress display).
  virtual std::optional<uint64_t> size() const { return std::nullopt; }
  /// Once read to its end: what identifies the bytes it gave, checked or
  /// computed while they streamed (no second pass): their CRC-32 (as zip
  /// computes it) and size, verified against the directory for a zip entry,
  /// computed for a plain file; so the same bytes give the same fingerprint
  /// from either. Empty before the end, or when the stream cannot tell.
  virtual std::string content_fingerprint() const { return ""; }
};

/// "crc32:1a2b3c4d:size:1234", a file's content fingerprint.
inline std::string crc32_fingerprint(uint32_t crc, uint64_t size) {
  char text[64];
  std::snprintf(text, sizeof text, "crc32:%08" PRIx32 ":size:%" PRIu64, crc, size);
  return text;
}

/// A set of named files. Safe to open several files at once from different
/// threads (each open() returns an independent stream).
class Dataset {
 public:
  virtual ~Dataset() = default;
  /// File names, as given in the archive or directory (e.g. "ratings.csv").
  virtual std::vector<std::string> files() const = 0;
  /// Opens one file by name (exact, or the same base name inside a folder of
  /// the archive). Throws RunError naming the file and the dataset when absent.
  virtual std::unique_ptr<ByteStream> open(const std::string& name) const = 0;
  /// Human-readable origin, for messages ("s3://bucket/key.zip (cached: ...)").
  virtual std::string describe() const = 0;
  /// The content fingerprint file `name` will give when read (see
  /// ByteStream::content_fingerprint), when the dataset knows it without
  /// reading: a zip archive's directory records each entry's CRC-32 and
  /// size. Empty when it does not know (plain files), or there is no such file.
  virtual std::string known_fingerprint(const std::string& name) const {
    (void)name;
    return "";
  }
  /// A cheap signature of plain file `name` as it is now (size, modification
  /// time, inode): equal signatures mean the file was not written since, as
  /// make and git assume. Empty when the dataset has none (zip entries).
  virtual std::string file_signature(const std::string& name) const {
    (void)name;
    return "";
  }
};

/// How remote datasets are fetched.
struct FetchOptions {
  std::string cache_dir = ".mrun/cache";  ///< downloads are kept here (relative: to the working directory)
  int max_attempts = 5;                   ///< retries with backoff on transient failures
  int retry_delay_ms = 1000;              ///< wait before the first retry; doubles each time (max 30 s)
  int connect_timeout_s = 30;             ///< a connection attempt fails after this long
  int stall_timeout_s = 60;               ///< a transfer that receives nothing this long is retried
  bool progress = true;                   ///< a progress bar when stderr is a terminal (else plain lines)
  /// Checks a finished download before it becomes the cached copy: returns
  /// why the file is not acceptable ("" when it is). A refused file is
  /// dropped and downloaded again from scratch, like a size mismatch: a
  /// server that sends a truncated body with a matching Content-Length must
  /// not leave a cached copy that looks complete. open_dataset() sets it.
  std::function<std::string(const std::string& path)> verify_download;
};

/// Resolves `uri` (s3://bucket/key, https://..., http://..., file:///x.zip,
/// a local .zip path, or a local directory of CSVs) to a Dataset, downloading
/// remote files into the cache first (conditional requests: unchanged remote
/// files are not downloaded again). s3:// reads AWS_REGION/AWS_DEFAULT_REGION
/// (default us-east-1; a 301 naming the bucket's region is followed),
/// AWS_ENDPOINT_URL(_S3) and, when set, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/
/// AWS_SESSION_TOKEN (SigV4). Throws RunError saying what failed (DNS,
/// connect, HTTP status with the S3 error code, size or checksum mismatch) or
/// ConfigError for a malformed s3:// URI.
std::unique_ptr<Dataset> open_dataset(const std::string& uri, const FetchOptions& options);

}  // namespace mrun::load
