#include "notify/alert_payload.h"

#include <cmath>

#include "util/strings.h"
#include "util/utc_time.h"

namespace mrun::notify {

namespace {

using Json = nlohmann::ordered_json;

double elapsed_seconds(const RunOutcome& outcome) {
  std::chrono::duration<double> elapsed = outcome.finished_at - outcome.run.started_at;
  return std::round(elapsed.count() * 1000) / 1000;
}

Json node_json(const NodeAlert& node) {
  return Json{{"unique_id", node.unique_id},
              {"name", node.name},
              {"resource_type", node.resource_type},
              {"status", node.status},
              {"message", shorten(node.message, kMaxMessageBytes)},
              {"compiled_path", node.compiled_path.empty() ? Json(nullptr) : Json(node.compiled_path)},
              {"anomaly", node.anomaly}};
}

// The first kMaxPayloadNodes of `nodes` as JSON.
Json nodes_json(const std::vector<NodeAlert>& nodes) {
  Json list = Json::array();
  for (size_t i = 0; i < nodes.size() && i < kMaxPayloadNodes; ++i) list.push_back(node_json(nodes[i]));
  return list;
}

size_t beyond_cap(const std::vector<NodeAlert>& nodes) {
  return nodes.size() > kMaxPayloadNodes ? nodes.size() - kMaxPayloadNodes : 0;
}

std::string count_of(int n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// "1 error, 1 test failed, 2 warnings, 3 skipped, 12 ok, 5 tests passed".
std::string counts_phrase(const exec::RunCounts& c) {
  std::vector<std::string> parts;
  if (c.error) parts.push_back(count_of(c.error, "error", "errors"));
  if (c.fail) parts.push_back(count_of(c.fail, "test failed", "tests failed"));
  if (c.warn) parts.push_back(count_of(c.warn, "warning", "warnings"));
  if (c.skipped) parts.push_back(std::to_string(c.skipped) + " skipped");
  if (c.ok) parts.push_back(std::to_string(c.ok) + " ok");
  if (c.pass) parts.push_back(count_of(c.pass, "test passed", "tests passed"));
  return parts.empty() ? "nothing ran" : join(parts, ", ");
}

std::string headline(const RunOutcome& outcome) {
  std::string status = run_status(outcome);
  std::string exit = " (exit " + std::to_string(outcome.exit_code) + ")";
  std::string verb = status == "cancelled" ? "CANCELLED" + exit
                     : status == "failed"  ? "FAILED" + exit
                     : status == "warned"  ? "passed with warnings"
                                           : "succeeded";
  char elapsed[32];
  std::snprintf(elapsed, sizeof elapsed, " in %.1f s", elapsed_seconds(outcome));
  std::string what = outcome.error.empty() ? counts_phrase(outcome.counts) : outcome.error;
  return "mrun " + outcome.run.command + " on " + outcome.run.project + " " + verb + ": " + what + elapsed;
}

// "• name (model error): first line of the message".
std::string node_line(const NodeAlert& node) {
  std::string message(trim(node.message.substr(0, node.message.find('\n'))));
  std::string kind = node.resource_type.empty() ? node.status : node.resource_type + " " + node.status;
  return "\u2022 " + node.name + " (" + kind + (node.anomaly ? ", anomaly" : "") + ")" +
         (message.empty() ? "" : ": " + shorten(message, 200));
}

}  // namespace

std::string alert_text(const RunOutcome& outcome) {
  std::string text = headline(outcome);
  size_t listed = 0, total = outcome.failures.size() + outcome.warnings.size();
  for (const auto* nodes : {&outcome.failures, &outcome.warnings}) {
    for (const NodeAlert& node : *nodes) {
      if (listed == kMaxTextNodes) break;
      text += "\n" + node_line(node);
      ++listed;
    }
  }
  if (listed < total) text += "\n\u2026 and " + std::to_string(total - listed) + " more (target/run_results.json)";
  return text;
}

Json alert_payload(const RunOutcome& outcome) {
  const exec::RunCounts& c = outcome.counts;
  Json events = Json::array();
  for (project::AlertEvent e : run_events(outcome)) events.push_back(project::alert_event_name(e));
  return Json{{"run_id", outcome.run.run_id},
              {"project", outcome.run.project},
              {"command", outcome.run.command},
              {"status", run_status(outcome)},
              {"exit_code", outcome.exit_code},
              {"started_at", iso8601_utc(outcome.run.started_at)},
              {"finished_at", iso8601_utc(outcome.finished_at)},
              {"elapsed_seconds", elapsed_seconds(outcome)},
              {"counts", {{"success", c.ok}, {"error", c.error}, {"skipped", c.skipped}, {"pass", c.pass},
                          {"fail", c.fail}, {"warn", c.warn}}},
              {"error", outcome.error.empty() ? Json(nullptr) : Json(outcome.error)},
              {"failures", nodes_json(outcome.failures)},
              {"failures_more", beyond_cap(outcome.failures)},
              {"warnings", nodes_json(outcome.warnings)},
              {"warnings_more", beyond_cap(outcome.warnings)},
              {"events", events},
              {"text", alert_text(outcome)}};
}

}  // namespace mrun::notify
