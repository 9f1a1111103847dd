// One command's entry in the run state (state/run_store.h): the run is
// recorded as it starts, each node's result as it is final, each file's load,
// and the run's outcome at the end. Node results are written by a thread of
// its own, so the scheduler never waits for the database of the state.
//
// The state is the run's memory, not its outcome: when a write to it fails
// the run goes on, with a warning, and the next run rebuilds what it cannot
// prove unchanged.
#pragma once

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "exec/node_result.h"
#include "graph/manifest.h"
#include "state/run_store.h"
#include "task/project_session.h"

namespace mrun::task {

/// The run state of one run, open from its start to its end.
class RunRecord {
 public:
  /// Opens the store (creating or migrating the schema) and records `start`
  /// as running. Throws RunError when the database cannot be reached.
  RunRecord(const std::string& url, const std::string& schema, const state::RunStart& start);
  /// Finishes the run as `error` (exit 1) when finish() was not called.
  ~RunRecord();
  RunRecord(const RunRecord&) = delete;
  RunRecord& operator=(const RunRecord&) = delete;

  const std::string& run_id() const { return run_id_; }
  /// Calls `f(store)` while no queued result is being written (one
  /// connection serves both), and returns what it returns.
  template <class F>
  auto with_store(F f) {
    std::lock_guard lock(db_mutex_);
    return f(*store_);
  }

  /// Queues a node's result for recording (cheap; never throws).
  void node_finished(const graph::Node& node, const exec::NodeResult& result);
  /// Records a file's load now.
  void load_finished(const state::LoadRecord& load);
  /// Waits for the queued results, then records the run's end: `exit_code`
  /// 0 is success; `cancelled` says so; anything else failed.
  void finish(int exit_code, bool cancelled = false);

 private:
  void write_queued();
  void warn(const std::string& what, const std::exception& e);

  std::unique_ptr<state::RunStore> store_;
  std::string run_id_;
  bool finished_ = false;
  bool warned_ = false;
  std::mutex db_mutex_;  ///< held while the store's connection is in use
  std::mutex mutex_;     ///< guards queue_ and closing_
  std::condition_variable cv_;
  std::deque<state::NodeRecord> queue_;
  bool closing_ = false;
  std::thread writer_;
};

/// Opens the run state of `session`'s project (its state-schema) and
/// records the start of run `run_id` of `command` with `args` (a JSON
/// object), the dataset_uri var (passwords hidden), the drop's `as_of` and
/// how it publishes (`publish`: atomic, per_node, or "" for a run that
/// builds nothing).
std::unique_ptr<RunRecord> start_run_record(ProjectSession& session, const std::string& run_id,
                                            const std::string& command, const std::string& args_json,
                                            const std::string& as_of = "", const std::string& publish = "");

}  // namespace mrun::task
