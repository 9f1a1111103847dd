// What a load shows while it runs: on a terminal, a progress line (bytes and
// records per file) redrawn on stderr; in every case one plain, parseable
// summary line per file on stderr as each file finishes (with --log-format
// json, one JSON event each).
#pragma once

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "load/copy/table_load.h"

namespace mrun::load {

/// The plain summary line of one table's load, e.g.
/// "load movies_metadata.csv: read 45466 loaded 45433 rejected 33 in 2.1s"
/// or, for a file that failed, "load x.csv: FAILED <why> (read 3, 1 good,
/// 2 rejected, nothing loaded, in 0.1s)".
std::string summary_line(const TableLoadResult& result);

/// The summary of one table's load as a --log-format json event
/// ("load_file_finished": file, table, read, loaded, rejected, seconds, ok,
/// and error when it failed).
std::string summary_event(const TableLoadResult& result);

/// Draws the progress of running loads and prints their summary lines.
class ProgressDisplay {
 public:
  /// Watches `files`; redraws a progress line every 200 ms when `bar`;
  /// prints JSON events instead of text lines when `json`.
  ProgressDisplay(const std::vector<FileProgress>& files, bool bar, bool json = false);
  /// Stops drawing.
  ~ProgressDisplay();
  /// Prints the summary line of a finished table (thread-safe).
  void finished(const TableLoadResult& result);
  /// Stops drawing and clears the progress line.
  void stop();

 private:
  void draw_locked();
  void clear_locked();

  const std::vector<FileProgress>& files_;
  bool bar_;
  bool json_;
  bool drawn_ = false;
  bool stopping_ = false;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::thread thread_;
};

}  // namespace mrun::load
