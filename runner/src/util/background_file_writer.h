// Writing many derived files (target/compiled/: one per node, 30,000 on a
// large project) on one background thread while the callers go on working.
//
// Why one thread: creating a file takes its folder's lock in the kernel, and
// the workers of a run write into the same folders at the same time (the
// tests of one schema file share a folder): on 4 workers, spinning on that
// lock was 7% of `mrun compile`'s CPU. One writer creates files without
// contention, and the renders do not wait for the disk.
//
// Each folder is created and opened once (files are created relative to it
// with openat: no walk of the whole path per file); at most 256 folders are
// kept open, later ones are written by path.
#pragma once

#include <condition_variable>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace mrun {

class BackgroundFileWriter {
 public:
  BackgroundFileWriter() = default;
  BackgroundFileWriter(const BackgroundFileWriter&) = delete;
  BackgroundFileWriter& operator=(const BackgroundFileWriter&) = delete;
  /// Writes what is still queued, then stops the thread.
  ~BackgroundFileWriter();

  /// Queues `content` to be written to `path` (created or truncated, its
  /// folders created), after the files queued before it. Returns at once.
  void write(std::string path, std::string content);

  /// Waits until every queued file is written. Throws RunError naming the
  /// first file that could not be written since the last flush (the files
  /// after it are still written).
  void flush();

 private:
  void work();
  void write_now(const std::string& path, const std::string& content);

  std::mutex mutex_;
  std::condition_variable queued_;  ///< signalled on write() and on stop
  std::condition_variable idle_;    ///< signalled when the queue is drained
  std::deque<std::pair<std::string, std::string>> queue_;
  bool busy_ = false;  ///< the thread is writing a file taken off the queue
  bool stopping_ = false;
  std::exception_ptr error_;
  std::thread thread_;              ///< started by the first write()
  std::map<std::string, int> folders_;  ///< open folder descriptors (writer thread only)
};

}  // namespace mrun
