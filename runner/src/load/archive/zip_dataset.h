// A zip archive read as a Dataset: entries are decompressed as they are read
// (libzip; deflate entries inflated by ISA-L, load/archive/raw_inflate.h), never
// extracted to disk.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "load/dataset.h"

namespace mrun::load {

/// The file entries of a local zip archive. libzip archive handles are not
/// thread-safe, so every open() opens the archive again: streams share nothing
/// and may be read from different threads at once. The archive file stays
/// open, and streams reopen that very file (/proc/self/fd), so a newer
/// download renamed over the cache path does not mix versions.
class ZipDataset : public Dataset {
 public:
  /// Reads the archive's directory. `origin` is how messages name it (the
  /// URI it was downloaded from; empty: the path). Throws RunError when `path`
  /// is missing or not a zip archive.
  explicit ZipDataset(std::string path, std::string origin = "");
  ~ZipDataset() override;
  ZipDataset(const ZipDataset&) = delete;
  ZipDataset& operator=(const ZipDataset&) = delete;
  /// Entry names as stored (folders and macOS "__MACOSX/" metadata left out).
  std::vector<std::string> files() const override;
  /// Opens an entry by name or unique base name; throws RunError when absent.
  std::unique_ptr<ByteStream> open(const std::string& name) const override;
  /// "zip <path>" or "<origin> (cached: <path>)".
  std::string describe() const override;
  /// The entry's CRC-32 and size from the directory (crc32_fingerprint).
  std::string known_fingerprint(const std::string& name) const override;

 private:
  struct Entry {
    uint64_t index = 0;        ///< libzip entry index
    uint64_t size = 0;         ///< uncompressed size
    uint64_t comp_size = 0;    ///< compressed size (raw_deflate only)
    uint32_t crc32 = 0;        ///< CRC-32 of the uncompressed data (when crc_known)
    bool crc_known = false;    ///< the directory records the CRC-32
    bool raw_deflate = false;  ///< unencrypted deflate: inflated by ISA-L, not libzip
  };
  /// The entry's content fingerprint ("" when its CRC-32 is unknown).
  static std::string fingerprint_of(const Entry& entry);
  std::string path_;
  std::string origin_;
  int fd_ = -1;             ///< the archive as it was when listed
  std::string open_path_;   ///< what streams open: /proc/self/fd/<fd_>, else path_
  std::vector<std::string> names_;
  std::vector<Entry> entries_;  ///< parallel to names_
};

/// Why the zip archive at `path` is not whole ("" when it is): its central
/// directory cannot be read, or an entry cannot be read to its end with the
/// size and CRC-32 the directory records. Reads every entry once.
std::string zip_archive_problem(const std::string& path);

}  // namespace mrun::load
