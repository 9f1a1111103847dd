// What a run prints: one line per node start and finish and a summary, as
// plain parseable lines (colored only on a terminal), or with
// --log-format json one JSON object per event.
#pragma once

#include <chrono>
#include <iosfwd>
#include <mutex>
#include <string>

#include "exec/node_result.h"
#include "exec/run_recap.h"
#include "graph/manifest.h"

namespace mrun::exec {

/// Counts for the summary line.
struct RunCounts {
  int ok = 0, error = 0, skipped = 0, pass = 0, fail = 0, warn = 0;
  int unchanged = 0;  ///< reused: skipped because nothing they are built from changed
  /// Adds one result.
  void add(NodeStatus status);
  /// True when nothing failed or errored.
  bool success() const { return error == 0 && fail == 0; }
};

/// Thread-safe printer of run events. On a terminal every line is flushed
/// at once; otherwise (a log file, Airflow) lines are flushed at most every
/// 100 ms and by flush(), so 30,000 nodes do not cost 30,000 writes.
/// How a RunReporter prints.
struct ReportStyle {
  bool json = false;      ///< --log-format json: one JSON object per event
  bool terminal = false;  ///< stdout is a terminal: a flush per line, and colors
  bool colors = true;     ///< false: no colors even on a terminal (--no-use-colors, NO_COLOR)
  bool quiet = false;     ///< -q/--quiet: only errors and failures (their lines, the recap, error notes)
};

class RunReporter {
 public:
  /// Prints to `out` in `style`.
  RunReporter(std::ostream& out, const ReportStyle& style);

  /// "Running N nodes with T threads on target X".
  void run_started(size_t total, int threads, const std::string& target);
  /// A node begins (text: only for models and seeds, which take time).
  void node_started(size_t position, size_t total, const graph::Node& node);
  /// A node ends.
  void node_finished(size_t position, size_t total, const graph::Node& node, const NodeResult& result);
  /// The closing summary; `publish_failed`: every node passed but the run's
  /// publish did not (task/publish_step.h), so the run failed.
  void run_finished(const RunCounts& counts, double elapsed_seconds, bool cancelled, bool publish_failed = false);
  /// The failed and skipped nodes with their files (exec/run_recap.h), after
  /// the summary; nothing when there are none. Text lists at most
  /// kRecapSkippedLines skipped nodes (run_results.json has them all); the
  /// JSON event `run_recap` lists every one.
  void recap(const std::vector<RecapEntry>& entries);
  static constexpr size_t kRecapSkippedLines = 20;
  /// A free-form line (warnings, notes).
  void note(const std::string& level, const std::string& text);
  /// Writes out what is buffered (the scheduler calls it while it waits).
  void flush();

 private:
  /// After each event: flushes when asked, on a terminal, or when the last
  /// flush is 100 ms old.
  void lines_written(bool force_flush);

  /// The scope of one event: holds the lock, then decides about flushing.
  struct Event {
    explicit Event(RunReporter& r, bool flush = false) : reporter(r), force_flush(flush), lock(r.mutex_) {}
    ~Event() { reporter.lines_written(force_flush); }
    RunReporter& reporter;
    bool force_flush;
    std::lock_guard<std::mutex> lock;
  };

  /// The local time of a text line (JSON events carry UTC, util/json_event.h).
  std::string now() const;
  std::string paint(const std::string& text, const char* color) const;

  std::ostream& out_;
  bool json_;
  bool color_;
  bool terminal_;
  bool quiet_;
  std::chrono::steady_clock::time_point last_flush_ = std::chrono::steady_clock::now();
  std::mutex mutex_;
};

}  // namespace mrun::exec
