#include "util/background_file_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>

#include "util/error.h"
#include "util/strings.h"

namespace mrun {

BackgroundFileWriter::~BackgroundFileWriter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  queued_.notify_all();
  if (thread_.joinable()) thread_.join();
  for (const auto& [folder, fd] : folders_) ::close(fd);
}

void BackgroundFileWriter::write(std::string path, std::string content) {
  {
    std::lock_guard lock(mutex_);
    queue_.emplace_back(std::move(path), std::move(content));
    if (!thread_.joinable()) thread_ = std::thread([this] { work(); });
  }
  queued_.notify_one();
}

void BackgroundFileWriter::flush() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return queue_.empty() && !busy_; });
  if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
}

void BackgroundFileWriter::work() {
  std::unique_lock lock(mutex_);
  for (;;) {
    queued_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and everything written
    auto [path, content] = std::move(queue_.front());
    queue_.pop_front();
    busy_ = true;
    lock.unlock();
    std::exception_ptr failed;
    try {
      write_now(path, content);
    } catch (...) {
      failed = std::current_exception();
    }
    lock.lock();
    busy_ = false;
    if (failed && !error_) error_ = failed;
    if (queue_.empty()) idle_.notify_all();
  }
}

void BackgroundFileWriter::write_now(const std::string& path, const std::string& content) {
  constexpr size_t kMaxOpenFolders = 256;
  std::filesystem::path file(path);
  std::string folder = file.parent_path().string();
  auto it = folders_.find(folder);
  if (it == folders_.end()) {
    std::error_code failed;
    if (!folder.empty()) std::filesystem::create_directories(folder, failed);
    if (failed) throw RunError(folder + ": cannot create folder (" + failed.message() + ")");
    if (folders_.size() >= kMaxOpenFolders) {
      write_file(path, content);
      return;
    }
    int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) throw RunError(folder + ": cannot open folder (" + std::strerror(errno) + ")");
    it = folders_.emplace(folder, fd).first;
  }
  write_file_at(it->second, file.filename().string(), content, path);
}

}  // namespace mrun
