// What a run prints: one line per node start and finish and a summary, as
// plain parseable lines (colored only on a terminal), or with
// --log-format json one JSON object per event.
#pragma once

#include <iosfwd>
#include <mutex>
#include <string>

#include "exec/node_result.h"
#include "graph/manifest.h"

namespace mrun::exec {

/// Counts for the summary line.
struct RunCounts {
  int ok = 0, error = 0, skipped = 0, pass = 0, fail = 0, warn = 0;
  /// Adds one result.
  void add(NodeStatus status);
  /// True when nothing failed or errored.
  bool success() const { return error == 0 && fail == 0; }
};

/// Thread-safe printer of run events.
class RunReporter {
 public:
  /// Prints to `out`; `json` selects --log-format json; colors when `color`.
  RunReporter(std::ostream& out, bool json, bool color);

  /// "Running N nodes with T threads on target X".
  void run_started(size_t total, int threads, const std::string& target);
  /// A node begins (text: only for models and seeds, which take time).
  void node_started(size_t position, size_t total, const graph::Node& node);
  /// A node ends.
  void node_finished(size_t position, size_t total, const graph::Node& node, const NodeResult& result);
  /// The closing summary.
  void run_finished(const RunCounts& counts, double elapsed_seconds, bool cancelled);
  /// A free-form line (warnings, notes).
  void note(const std::string& level, const std::string& text);

 private:
  std::string now() const;
  std::string paint(const std::string& text, const char* color) const;

  std::ostream& out_;
  bool json_;
  bool color_;
  std::mutex mutex_;
};

}  // namespace mrun::exec
