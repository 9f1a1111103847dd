// Writing many derived files (target/compiled/: one per node, 30,000 on a
// large project) on background threads while the callers go on working.
//
// Why a folder belongs to one thread: creating a file takes its folder's
// lock in the kernel, and the workers of a run write into the same folders
// at the same time (the tests of one schema file share a folder): on 4
// workers, spinning on that lock was 7% of `mrun compile`'s CPU. Here each
// folder is written by one writer thread (chosen by a hash of its name), so
// files are created without contention, folders in parallel, and the
// renders do not wait for the disk.
//
// Each folder is created and opened once (files are created relative to it
// with openat: no walk of the whole path per file); at most 256 folders are
// kept open, later ones are written by path.
#pragma once

#include <condition_variable>
#include <deque>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace mrun {

class BackgroundFileWriter {
 public:
  /// `threads` writer threads (started by the first write to each).
  explicit BackgroundFileWriter(size_t threads);
  BackgroundFileWriter(const BackgroundFileWriter&) = delete;
  BackgroundFileWriter& operator=(const BackgroundFileWriter&) = delete;
  /// Writes what is still queued, then stops the thread.
  ~BackgroundFileWriter();

  /// Queues `content` to be written to `path` (its folders created; a file
  /// that already holds exactly `content` is left alone: update_file_at in
  /// util/strings.h), after the files queued before it for the same folder.
  /// Returns at once.
  void write(std::string path, std::string content);

  /// Waits until every queued file is written. Throws RunError naming a
  /// file that could not be written since the last flush (the other files
  /// are still written).
  void flush();

 private:
  /// One writer thread and the folders it writes.
  struct Lane {
    std::mutex mutex;
    std::condition_variable queued;  ///< signalled on write() and on stop
    std::condition_variable idle;    ///< signalled when the queue is drained
    std::deque<std::pair<std::string, std::string>> queue;
    bool busy = false;  ///< the thread is writing a file taken off the queue
    bool stopping = false;
    std::exception_ptr error;
    std::thread thread;              ///< started by the first write()
    std::map<std::string, int> folders;  ///< open folder descriptors (its thread only)

    void work();
    void write_now(const std::string& path, const std::string& content);
  };

  std::vector<std::unique_ptr<Lane>> lanes_;
};

}  // namespace mrun
