#include "exec/scheduler.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <queue>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "exec/worker_connection.h"
#include "graph/path_heights.h"
#include "graph/test_gates.h"
#include "util/interrupt.h"

namespace mrun::exec {

namespace {

bool is_failure(NodeStatus s) { return s == NodeStatus::Error || s == NodeStatus::Fail || s == NodeStatus::Skipped; }

// Which ready node runs first: the one with the longest path of nodes
// waiting on it (so the chain that decides the run's length is never
// queued behind tests that end a branch); of equals, a not_null test last
// (its relation's not_null tests share one scan, exec/shared_null_scans.h:
// the others of them wait for it, so another test beside them is better
// use of a thread); then the earliest in topological order.
struct ReadyOrder {
  const std::vector<size_t>* heights;
  const std::vector<bool>* shares_scan;
  bool operator()(size_t a, size_t b) const {  // true: b runs before a
    if ((*heights)[a] != (*heights)[b]) return (*heights)[a] < (*heights)[b];
    if ((*shares_scan)[a] != (*shares_scan)[b]) return (*shares_scan)[a];
    return a > b;
  }
};

class Scheduler {
 public:
  Scheduler(RunState& state, const std::vector<size_t>& selected, const ScheduleOptions& options, RunReporter& reporter)
      : state_(state), selected_(selected), options_(options), reporter_(reporter), n_(selected.size()),
        ready_(ReadyOrder{&heights_, &shares_scan_}) {
    build_edges();
    heights_ = graph::path_heights(children_);
    summary_.results.reserve(n_);  // no moves of the results gathered so far at each doubling
    for (size_t i : selected_) {
      const graph::Node& node = state_.project.manifest.nodes[i];
      shares_scan_.push_back(node.kind == graph::NodeKind::Test && node.test.test_name == "not_null");
    }
  }

  RunSummary run() {
    InterruptGuard guard;
    auto start = std::chrono::steady_clock::now();
    reporter_.run_started(n_, options_.threads, options_.target_label);
    {
      std::lock_guard lock(mu_);
      for (size_t i = 0; i < n_; ++i)
        if (waiting_[i] == 0) ready_.push(i);
      stop_if_stuck();
    }
    int workers = std::max(1, std::min<int>(options_.threads, static_cast<int>(std::max<size_t>(n_, 1))));
    active_connections_.assign(static_cast<size_t>(workers), nullptr);
    std::vector<std::thread> threads;
    for (int w = 0; w < workers; ++w) threads.emplace_back([this, w] { work(static_cast<size_t>(w)); });
    watch_for_interrupts();
    for (auto& t : threads) t.join();
    finish_unrun();
    summary_.elapsed_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    summary_.cancelled = interrupted();
    return std::move(summary_);
  }

 private:
  void build_edges() {
    const auto& m = state_.project.manifest;
    std::unordered_map<size_t, size_t> position;
    for (size_t i = 0; i < n_; ++i) position[selected_[i]] = i;
    children_.assign(n_, {});
    waiting_.assign(n_, 0);
    blocked_.assign(n_, false);
    done_.assign(n_, false);
    // Each edge once: the nearest selected ancestors are found once per
    // node, and tests have no children in the manifest, so test edges never
    // repeat one.
    auto add_edge = [this](size_t from, size_t to) {
      children_[from].push_back(to);
      ++waiting_[to];
    };
    for (size_t i = 0; i < n_; ++i) {
      // A node waits for its nearest selected ancestors, also through nodes
      // not selected (`-s a c` of a -> b -> c: c after a), as dbt orders a
      // selection.
      std::vector<size_t> stack(m.parents[selected_[i]].begin(), m.parents[selected_[i]].end());
      std::unordered_set<size_t> seen(stack.begin(), stack.end());
      while (!stack.empty()) {
        size_t p = stack.back();
        stack.pop_back();
        if (auto it = position.find(p); it != position.end()) {
          add_edge(it->second, i);
          continue;
        }
        for (size_t q : m.parents[p])
          if (seen.insert(q).second) stack.push_back(q);
      }
    }
    // A model waits for its unit tests (dbt builds a model after them): a
    // failing unit test skips it and what is built from it.
    for (size_t i = 0; i < n_; ++i) {
      const auto& node = m.nodes[selected_[i]];
      if (node.kind != graph::NodeKind::UnitTest) continue;
      auto model = position.find(m.find(node.test.attached_node));
      if (model != position.end()) add_edge(i, model->second);
    }
    if (!options_.tests_block_children) return;
    // build: the descendants of the nodes an error-severity test tests wait
    // for it (graph/test_gates.h), so bad data stops where it is found.
    for (auto [test, node] : graph::test_gate_edges(m, selected_)) add_edge(test, node);
  }

  void work(size_t worker) {
    WorkerConnection conn(options_.database_url);
    for (;;) {
      size_t i;
      size_t position;
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [this] { return stop_ || !ready_.empty() || completed_ == n_; });
        if (stop_ || ready_.empty()) return;
        i = ready_.top();
        ready_.pop();
        position = ++started_;
        ++running_;
      }
      const auto& node = state_.project.manifest.nodes[selected_[i]];
      reporter_.node_started(position, n_, node);
      NodeResult result;
      try {
        conn.open_for(node);  // before the watcher sees it: it may cancel it, not while it switches
        {
          std::lock_guard lock(mu_);
          active_connections_[worker] = &conn;
        }
        result = execute_node(conn, state_, selected_[i]);
      } catch (const std::exception& e) {
        result.unique_id = node.unique_id;
        result.status = NodeStatus::Error;
        result.message = e.what();
        result.error_exit_code = exit_code_for(e);
      }
      {
        std::lock_guard lock(mu_);
        active_connections_[worker] = nullptr;  // first: the watcher must not cancel what close_if_lost() closes
      }
      // The server died or ended the session: say so, and reconnect for the
      // next node. libpqxx's own text then ("Could not obtain client
      // encoding: not connected") only confuses.
      if (conn.close_if_lost() && result.status == NodeStatus::Error) {
        result.message = "the database server went away (connection lost)" +
                         (result.message.find("not connected") == std::string::npos ? ": " + result.message : "");
        result.error_exit_code = kExitTransient;
      }
      result.thread_id = static_cast<int>(worker);
      std::lock_guard lock(mu_);
      size_t ready_before = ready_.size();
      --running_;
      complete(i, position, std::move(result));
      stop_if_stuck();
      // Wake as many workers as there is new work (waking all of them for
      // each of 30,000 quick nodes was most of the scheduler's cost); all of
      // them, and the watcher, when the run is over.
      if (stop_ || completed_ == n_) {
        cv_.notify_all();
        watcher_cv_.notify_all();
      } else {
        for (size_t k = ready_before; k < ready_.size(); ++k) cv_.notify_one();
      }
    }
  }

  // Records a result and releases (or skips) the children. Holds mu_.
  void complete(size_t i, size_t position, NodeResult result) {
    const auto& node = state_.project.manifest.nodes[selected_[i]];
    bool failed = is_failure(result.status);
    reporter_.node_finished(position, n_, node, result);
    if (options_.on_result) options_.on_result(node, result);
    summary_.counts.add(result.status);
    summary_.results.push_back(std::move(result));
    done_[i] = true;
    ++completed_;
    if (failed && options_.fail_fast && !stop_) {
      stop_ = true;
      reporter_.note("warning", "--fail-fast: stopping after the first failure");
    }
    for (size_t c : children_[i]) {
      if (failed) blocked_[c] = true;
      if (--waiting_[c] == 0) {
        if (blocked_[c]) {
          complete(c, ++started_, skipped_result(c, "skipped: an upstream node failed"));
        } else {
          ready_.push(c);
        }
      }
    }
  }

  NodeResult skipped_result(size_t i, const std::string& why) const {
    NodeResult r;
    r.unique_id = state_.project.manifest.nodes[selected_[i]].unique_id;
    r.status = NodeStatus::Skipped;
    r.message = why;
    return r;
  }

  void watch_for_interrupts() {
    std::unique_lock lock(mu_);
    while (completed_ < n_ && !(stop_ && std::all_of(active_connections_.begin(), active_connections_.end(),
                                                     [](auto* c) { return c == nullptr; }))) {
      watcher_cv_.wait_for(lock, std::chrono::milliseconds(100));
      reporter_.flush();  // lines of a log file appear within 100 ms
      if (interrupted() && !stop_) {
        stop_ = true;
        reporter_.note("warning", "interrupted: cancelling running queries");
        for (auto* c : active_connections_)
          if (c) c->cancel();
        cv_.notify_all();
      }
      if (stop_) cv_.notify_all();
    }
  }

  // Nothing runs, nothing is ready, and nodes are left: they wait for each
  // other (a cycle the edges should never make). The run stops instead of
  // waiting forever, and those nodes are errors that say so. Holds mu_.
  void stop_if_stuck() {
    if (stop_ || running_ > 0 || !ready_.empty() || completed_ == n_) return;
    stop_ = true;
    stuck_ = true;
    reporter_.note("error", "the remaining nodes wait for each other in a cycle; stopping (please report this)");
  }

  void finish_unrun() {
    std::lock_guard lock(mu_);
    for (size_t i = 0; i < n_; ++i) {
      if (done_[i]) continue;
      if (stuck_) {
        NodeResult r = skipped_result(i, "waits in a cycle of the run's edges: not run");
        r.status = NodeStatus::Error;
        complete(i, ++started_, std::move(r));
      } else {
        complete(i, ++started_, skipped_result(i, interrupted() ? "skipped: run cancelled" : "skipped: --fail-fast"));
      }
    }
  }

  RunState& state_;
  const std::vector<size_t>& selected_;
  const ScheduleOptions& options_;
  RunReporter& reporter_;
  size_t n_;
  std::vector<std::vector<size_t>> children_;
  std::vector<int> waiting_;
  std::vector<bool> blocked_, done_;
  std::vector<size_t> heights_;  ///< graph::path_heights() of the run's edges
  std::vector<bool> shares_scan_;  ///< a not_null test (ReadyOrder)
  std::priority_queue<size_t, std::vector<size_t>, ReadyOrder> ready_;
  std::vector<WorkerConnection*> active_connections_;  ///< per worker, while it runs a node
  std::mutex mu_;
  std::condition_variable cv_;          ///< workers wait here for ready nodes
  std::condition_variable watcher_cv_;  ///< the main thread waits here for the end or an interrupt
  bool stop_ = false;
  size_t started_ = 0, completed_ = 0;
  size_t running_ = 0;   ///< nodes being run by a worker
  bool stuck_ = false;   ///< stop_if_stuck() stopped the run
  RunSummary summary_;
};

}  // namespace

int RunSummary::exit_code() const {
  ExitCode code = cancelled ? kExitFailed : kExitOk;
  for (const NodeResult& r : results) {
    if (r.status == NodeStatus::Error) code = worse_exit_code(code, r.error_exit_code);
    if (r.status == NodeStatus::Fail) code = worse_exit_code(code, kExitFailed);
  }
  return code;
}

RunSummary run_selected(RunState& state, const std::vector<size_t>& selected, const ScheduleOptions& options,
                        RunReporter& reporter) {
  return Scheduler(state, selected, options, reporter).run();
}

}  // namespace mrun::exec
