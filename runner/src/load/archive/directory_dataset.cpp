#include "load/archive/directory_dataset.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <isa-l/crc.h>

#include "load/archive/entry_lookup.h"
#include "util/error.h"

namespace mrun::load {

namespace fs = std::filesystem;

namespace {

/// A file read with plain read(2) calls; the descriptor is owned. Its bytes
/// are digested as they pass: CRC-32 as zip computes it (ISA-L, several
/// GB/s), so the same file loaded from a directory or a zip archive has the
/// same content fingerprint.
class FileStream : public ByteStream {
 public:
  FileStream(int fd, std::string label, uint64_t size) : fd_(fd), label_(std::move(label)), size_(size) {}
  ~FileStream() override { ::close(fd_); }
  FileStream(const FileStream&) = delete;
  FileStream& operator=(const FileStream&) = delete;

  size_t read(char* buf, size_t n) override {
    for (;;) {
      ssize_t got = ::read(fd_, buf, n);
      if (got > 0) {
        crc_ = crc32_gzip_refl(crc_, reinterpret_cast<const unsigned char*>(buf), static_cast<uint64_t>(got));
        read_ += static_cast<uint64_t>(got);
      }
      if (got == 0 && n > 0) ended_ = true;
      if (got >= 0) return static_cast<size_t>(got);
      if (errno != EINTR) throw RunError(label_ + ": read failed: " + std::strerror(errno));
    }
  }
  std::optional<uint64_t> size() const override { return size_; }
  /// crc32_fingerprint of the bytes read.
  std::string content_fingerprint() const override { return ended_ ? crc32_fingerprint(crc_, read_) : ""; }

 private:
  int fd_;
  std::string label_;
  uint64_t size_;
  uint32_t crc_ = 0;
  uint64_t read_ = 0;
  bool ended_ = false;
};

}  // namespace

std::unique_ptr<ByteStream> open_file_stream(const std::string& path, const std::string& label) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw RunError(label + ": cannot open: " + std::strerror(errno));
  struct stat st {};
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    throw RunError(label + ": not a regular file");
  }
  posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  return std::make_unique<FileStream>(fd, label, static_cast<uint64_t>(st.st_size));
}

DirectoryDataset::DirectoryDataset(std::string root) : root_(std::move(root)) {
  std::error_code ec;
  if (!fs::is_directory(root_, ec)) throw RunError(root_ + ": not a directory");
  fs::recursive_directory_iterator it(root_, fs::directory_options::skip_permission_denied, ec);
  if (ec) throw RunError(root_ + ": cannot list directory: " + ec.message());
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) throw RunError(root_ + ": cannot list directory: " + ec.message());
    std::string leaf = it->path().filename().string();
    if (!leaf.empty() && leaf[0] == '.') {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(ec)) files_.push_back(fs::relative(it->path(), root_).generic_string());
  }
  std::sort(files_.begin(), files_.end());
}

std::vector<std::string> DirectoryDataset::files() const { return files_; }

std::unique_ptr<ByteStream> DirectoryDataset::open(const std::string& name) const {
  auto index = find_entry(files_, name, describe());
  if (!index) throw_missing_entry(files_, name, describe());
  return open_file_stream((fs::path(root_) / files_[*index]).string(), describe() + ": " + files_[*index]);
}

std::string DirectoryDataset::describe() const { return "directory " + root_; }

std::string DirectoryDataset::file_signature(const std::string& name) const {
  std::optional<size_t> index;
  try {
    index = find_entry(files_, name, describe());
  } catch (const RunError&) {
    return "";  // ambiguous: opening it says so
  }
  struct stat st {};
  if (!index || ::stat((fs::path(root_) / files_[*index]).c_str(), &st) != 0) return "";
  char text[128];
  std::snprintf(text, sizeof text, "size:%lld:mtime:%lld.%09ld:inode:%llu/%llu", static_cast<long long>(st.st_size),
                static_cast<long long>(st.st_mtim.tv_sec), st.st_mtim.tv_nsec,
                static_cast<unsigned long long>(st.st_dev), static_cast<unsigned long long>(st.st_ino));
  return text;
}

}  // namespace mrun::load
