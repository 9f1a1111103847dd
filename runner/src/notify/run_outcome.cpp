#include "notify/run_outcome.h"

#include <algorithm>

#include "exec/monitoring.h"

namespace mrun::notify {

namespace {

NodeAlert node_alert(const exec::NodeResult& result, const graph::Manifest& manifest) {
  NodeAlert alert;
  alert.unique_id = result.unique_id;
  alert.status = exec::status_name(result.status);
  alert.message = result.message;
  alert.compiled_path = result.compiled_path;
  size_t index = manifest.find(result.unique_id);
  if (index == graph::Manifest::npos) {
    alert.name = result.unique_id;
    return alert;
  }
  const graph::Node& node = manifest.nodes[index];
  alert.name = node.name;
  alert.resource_type = graph::kind_name(node.kind);
  alert.anomaly = is_anomaly_test(node);
  return alert;
}

}  // namespace

RunOutcome outcome_of_nodes(const RunIdentity& run, const exec::RunSummary& summary, const graph::Manifest& manifest,
                            int exit_code) {
  RunOutcome outcome;
  outcome.run = run;
  outcome.exit_code = exit_code;
  outcome.cancelled = summary.cancelled;
  outcome.finished_at = std::chrono::system_clock::now();
  outcome.counts = summary.counts;
  for (const exec::NodeResult& result : summary.results) {
    if (result.status == exec::NodeStatus::Error || result.status == exec::NodeStatus::Fail) {
      outcome.failures.push_back(node_alert(result, manifest));
    } else if (result.status == exec::NodeStatus::Warn) {
      outcome.warnings.push_back(node_alert(result, manifest));
    }
  }
  return outcome;
}

RunOutcome outcome_of_error(const RunIdentity& run, int exit_code, const std::string& error) {
  RunOutcome outcome;
  outcome.run = run;
  outcome.exit_code = exit_code;
  outcome.error = error;
  outcome.finished_at = std::chrono::system_clock::now();
  return outcome;
}

bool is_anomaly_test(const graph::Node& node) {
  auto kind = exec::monitoring_kind(node);
  return kind == exec::MonitoringKind::RowCountChange || kind == exec::MonitoringKind::VolumeAnomaly;
}

std::string run_status(const RunOutcome& outcome) {
  if (outcome.cancelled) return "cancelled";
  if (outcome.exit_code != 0) return "failed";
  if (outcome.counts.warn > 0) return "warned";
  return "success";
}

std::vector<project::AlertEvent> run_events(const RunOutcome& outcome) {
  using project::AlertEvent;
  std::vector<AlertEvent> events;
  events.push_back(outcome.exit_code != 0 ? AlertEvent::RunFailed : AlertEvent::RunSucceeded);
  if (run_status(outcome) == "warned") events.push_back(AlertEvent::TestWarned);
  // An anomaly test that errored (its SQL broke) found no anomaly.
  auto anomaly = [](const NodeAlert& n) { return n.anomaly && n.status != "error"; };
  if (std::any_of(outcome.failures.begin(), outcome.failures.end(), anomaly) ||
      std::any_of(outcome.warnings.begin(), outcome.warnings.end(), anomaly)) {
    events.push_back(AlertEvent::Anomaly);
  }
  std::sort(events.begin(), events.end());
  return events;
}

}  // namespace mrun::notify
