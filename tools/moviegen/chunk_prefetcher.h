// Runs a file generator in a background thread a few chunks ahead of its
// consumer, so generating and compressing/writing use both cores.
#pragma once

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <string>
#include <thread>

#include "dataset.h"

namespace mrun::moviegen {

/// A bounded queue of chunks fed by one generator thread.
class ChunkPrefetcher {
 public:
  /// Starts generating chunks of fn, keeping at most depth of them queued.
  explicit ChunkPrefetcher(ChunkFn fn, size_t depth = 3);
  /// Stops the generator thread (discarding unread chunks) and joins it.
  ~ChunkPrefetcher();
  ChunkPrefetcher(const ChunkPrefetcher&) = delete;
  ChunkPrefetcher& operator=(const ChunkPrefetcher&) = delete;

  /// Replaces out with the next chunk; returns false once the file is
  /// complete. Rethrows an exception thrown by the generator.
  bool next(std::string& out);

 private:
  void run(ChunkFn fn);

  size_t depth_;
  std::mutex mu_;
  std::condition_variable changed_;
  std::deque<std::string> queue_;
  bool done_ = false;
  bool stop_ = false;
  std::exception_ptr error_;
  std::thread thread_;
};

}  // namespace mrun::moviegen
