#include "task/run_record.h"

#include <iostream>

#include "util/error.h"
#include "util/json_event.h"
#include "util/redact.h"

namespace mrun::task {

namespace {

state::NodeRecord record_of(const graph::Node& node, const exec::NodeResult& r) {
  state::NodeRecord n;
  n.unique_id = r.unique_id;
  n.resource_type = graph::kind_name(node.kind);
  n.name = node.name;
  n.status = exec::status_name(r.status);
  n.message = r.message;
  if (r.rows_affected >= 0) n.rows_affected = r.rows_affected;
  if (r.failures >= 0) n.failures = r.failures;
  n.execution_seconds = r.execution_time;
  n.started_at = r.started_at;
  n.completed_at = r.completed_at;
  n.fingerprint = r.fingerprint;
  n.relation = r.relation;
  n.built_relation = r.built_relation;
  if (r.row_count >= 0) n.row_count = r.row_count;
  return n;
}

}  // namespace

RunRecord::RunRecord(const std::string& url, const std::string& schema, const state::RunStart& start)
    : store_(std::make_unique<state::RunStore>(url, schema, start.project)), run_id_(start.run_id) {
  store_->begin_run(start);
  writer_ = std::thread([this] { write_queued(); });
}

RunRecord::~RunRecord() {
  try {
    if (!finished_) finish(kExitFailed);
  } catch (...) {
  }
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
  }
  cv_.notify_all();
  if (writer_.joinable()) writer_.join();
}

void RunRecord::node_finished(const graph::Node& node, const exec::NodeResult& result) {
  try {
    state::NodeRecord record = record_of(node, result);
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(record));
  } catch (...) {
    return;  // out of memory: the state misses a node, the run goes on
  }
  cv_.notify_all();
}

void RunRecord::write_queued() {
  std::unique_lock lock(mutex_);
  for (;;) {
    cv_.wait(lock, [this] { return closing_ || !queue_.empty(); });
    if (queue_.empty()) return;  // closing, and all written
    state::NodeRecord record = std::move(queue_.front());
    lock.unlock();
    try {
      std::lock_guard db(db_mutex_);
      store_->record_node(run_id_, record);
    } catch (const std::exception& e) {
      warn("a node's result (" + record.unique_id + ")", e);
    }
    lock.lock();
    queue_.pop_front();
    cv_.notify_all();
  }
}

void RunRecord::load_finished(const state::LoadRecord& load) {
  try {
    std::lock_guard db(db_mutex_);
    store_->record_load(run_id_, load);
  } catch (const std::exception& e) {
    warn("the load of " + load.file, e);
  }
}

void RunRecord::finish(int exit_code, bool cancelled) {
  finished_ = true;
  {
    std::unique_lock lock(mutex_);
    cv_.wait(lock, [this] { return queue_.empty(); });
  }
  std::lock_guard db(db_mutex_);
  std::string status = cancelled ? "cancelled" : exit_code == kExitOk ? "success" : "failed";
  try {
    store_->finish_run(run_id_, status, exit_code);
  } catch (const std::exception& e) {
    warn("the run's outcome", e);
  }
}

void RunRecord::warn(const std::string& what, const std::exception& e) {
  if (warned_) return;  // once per run: the cause is the same
  warned_ = true;
  std::cerr << message_line("warning", "could not record " + what + " in the run state schema " +
                                           store_->schema() + ": " + e.what() +
                                           " (the run goes on; the next run rebuilds what it cannot prove unchanged)",
                            false)
            << "\n";
}

std::unique_ptr<RunRecord> start_run_record(ProjectSession& session, const std::string& run_id,
                                            const std::string& command, const std::string& args_json,
                                            const std::string& as_of, const std::string& publish) {
  const project::ProjectConfig& project = session.project();
  state::RunStart start;
  start.run_id = run_id;
  start.project = project.name;
  start.command = command;
  start.args_json = args_json;
  start.target = session.target().name;
  const project::ConfigValue uri = project.vars["dataset_uri"];
  if (uri.is_scalar()) start.dataset_uri = redact_passwords(uri.text());
  start.as_of = as_of;
  start.publish = publish;
  start.mrun_version = MRUN_VERSION;
  return std::make_unique<RunRecord>(session.target().url, project.state_schema, start);
}

}  // namespace mrun::task
