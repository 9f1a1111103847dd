// A file written under a temporary name and renamed into place once whole:
// a reader sees the old file or the new one, never half of one. Written
// piece by piece, so that a large document (manifest.json of 30,000 nodes:
// 45 MB) need not be held in memory whole.
#pragma once

#include <string>
#include <string_view>

namespace mrun {

class AtomicFile {
 public:
  /// Creates the parent folders and the temporary file beside `path`
  /// (<path>.tmp.<pid>). Throws RunError naming `path`.
  explicit AtomicFile(std::string path);
  AtomicFile(AtomicFile&& other) noexcept;
  AtomicFile& operator=(AtomicFile&&) = delete;
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  /// A file not committed is removed: `path` keeps what it held.
  ~AtomicFile();

  /// Appends `text`. Throws RunError naming the path.
  void append(std::string_view text);
  /// Puts the file in place of `path`. Throws RunError naming the path.
  void commit();

 private:
  std::string path_;
  std::string temporary_;
  int fd_ = -1;
};

}  // namespace mrun
