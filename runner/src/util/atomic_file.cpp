#include "util/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <utility>

#include "util/error.h"
#include "util/strings.h"

namespace mrun {

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  std::filesystem::path parent = std::filesystem::path(path_).parent_path();
  std::error_code failed;
  if (!parent.empty()) std::filesystem::create_directories(parent, failed);
  if (failed) throw RunError(path_ + ": cannot create its folder (" + failed.message() + ")");
  temporary_ = path_ + ".tmp." + std::to_string(getpid());
  fd_ = ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd_ < 0) throw RunError(path_ + ": cannot write file (" + std::strerror(errno) + ")");
}

AtomicFile::AtomicFile(AtomicFile&& other) noexcept
    : path_(std::move(other.path_)), temporary_(std::move(other.temporary_)), fd_(std::exchange(other.fd_, -1)) {
  other.temporary_.clear();
}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!temporary_.empty()) std::remove(temporary_.c_str());
}

void AtomicFile::append(std::string_view text) { write_all(fd_, text, path_); }

void AtomicFile::commit() {
  int fd = std::exchange(fd_, -1);
  if (::close(fd) != 0) throw RunError(path_ + ": write failed (" + std::strerror(errno) + ")");
  if (std::rename(temporary_.c_str(), path_.c_str()) != 0)
    throw RunError(path_ + ": cannot put the file in place (" + std::strerror(errno) + ")");
  temporary_.clear();
}

}  // namespace mrun
