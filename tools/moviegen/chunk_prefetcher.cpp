#include "chunk_prefetcher.h"

namespace mrun::moviegen {

ChunkPrefetcher::ChunkPrefetcher(ChunkFn fn, size_t depth)
    : depth_(depth), thread_([this, fn = std::move(fn)]() mutable { run(std::move(fn)); }) {}

ChunkPrefetcher::~ChunkPrefetcher() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void ChunkPrefetcher::run(ChunkFn fn) {
  try {
    for (;;) {
      std::string chunk;
      const bool more = fn(chunk);
      std::unique_lock lock(mu_);
      if (!more) break;
      changed_.wait(lock, [&] { return stop_ || queue_.size() < depth_; });
      if (stop_) return;
      queue_.push_back(std::move(chunk));
      changed_.notify_all();
    }
  } catch (...) {
    std::lock_guard lock(mu_);
    error_ = std::current_exception();
  }
  std::lock_guard lock(mu_);
  done_ = true;
  changed_.notify_all();
}

bool ChunkPrefetcher::next(std::string& out) {
  std::unique_lock lock(mu_);
  changed_.wait(lock, [&] { return !queue_.empty() || done_; });
  if (!queue_.empty()) {
    out = std::move(queue_.front());
    queue_.pop_front();
    changed_.notify_all();
    return true;
  }
  if (error_) std::rethrow_exception(error_);
  return false;
}

}  // namespace mrun::moviegen
