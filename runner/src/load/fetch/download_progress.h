// Progress of one download on stderr: a redrawn bar on a terminal, a few
// plain lines otherwise (logs, CI).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace mrun::load {

/// Reports one download. Not thread-safe; one per transfer.
class DownloadProgress {
 public:
  /// `label` names the download; with `bar` and stderr a terminal, draws a
  /// redrawn bar instead of plain lines.
  DownloadProgress(std::string label, bool bar);
  /// Called by the transfer: `done` of `total` bytes (total 0: unknown), both
  /// counting bytes already on disk from an earlier, resumed attempt.
  void update(uint64_t done, uint64_t total);
  /// Prints "fetch: <label>: <text>" on a line of its own (clearing the bar).
  void message(const std::string& text);
  /// Clears the bar and prints the summary line.
  void finish(uint64_t received, bool resumed);

 private:
  std::string label_;
  bool bar_;
  bool drawn_ = false;
  int last_decile_ = -1;
  uint64_t first_done_ = UINT64_MAX;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

/// "12.3 MB" style size for messages.
std::string human_bytes(uint64_t bytes);

}  // namespace mrun::load
