#include "notify/run_alerts.h"

#include <future>

#include "notify/alert_payload.h"
#include "util/strings.h"

namespace mrun::notify {

namespace {

// "run_failed, anomaly": the events of `happened` that `hook` wants.
std::string wanted_events(const Webhook& hook, const std::vector<project::AlertEvent>& happened) {
  std::vector<std::string> names;
  for (project::AlertEvent e : happened)
    if (hook.wants_any({e})) names.push_back(project::alert_event_name(e));
  return join(names, ", ");
}

// The log line of one delivery: (level, text).
std::pair<std::string, std::string> delivery_line(const Webhook& hook, const std::string& events,
                                                  const Delivery& delivery, int exit_code) {
  std::string who = "alert '" + hook.name + "' (" + events + ")";
  if (delivery.delivered) {
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, " in %.1f s", delivery.seconds);
    return {"info", who + " sent to " + hook.shown_url + ": HTTP " + std::to_string(delivery.status) + seconds};
  }
  return {"warning", who + " to " + hook.shown_url + " not delivered: " + delivery.problem +
                         "; the run's exit code stays " + std::to_string(exit_code)};
}

// Deliveries that end kAlertsDeadline from now.
DeliveryPolicy policy_from_now() {
  DeliveryPolicy policy;
  policy.deadline = std::chrono::steady_clock::now() + kAlertsDeadline;
  return policy;
}

}  // namespace

RunAlerts::RunAlerts(const project::ProjectConfig& config, RunIdentity run) : run_(std::move(run)) {
  for (const project::WebhookConfig& hook : config.notifications) hooks_.push_back(resolve_webhook(hook));
}

void RunAlerts::send_nodes(const exec::RunSummary& summary, const graph::Manifest& manifest, int exit_code,
                           exec::RunReporter& reporter) const {
  if (!hooks_.empty()) send(outcome_of_nodes(run_, summary, manifest, exit_code), reporter, policy_from_now());
}

void RunAlerts::send_error(int exit_code, const std::string& error, exec::RunReporter& reporter) const {
  if (!hooks_.empty()) send(outcome_of_error(run_, exit_code, error), reporter, policy_from_now());
}

void RunAlerts::send(const RunOutcome& outcome, exec::RunReporter& reporter, const DeliveryPolicy& policy) const {
  try {
    std::vector<project::AlertEvent> happened = run_events(outcome);
    // Invalid UTF-8 in a message (a database error) becomes U+FFFD, not an exception.
    const std::string body =
        alert_payload(outcome).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::vector<std::future<void>> sending;
    for (const Webhook& hook : hooks_) {
      if (!hook.wants_any(happened)) continue;
      std::string events = wanted_events(hook, happened);
      if (hook.url.empty()) {
        reporter.note("info", "alert '" + hook.name + "' (" + events + ") not sent: its url is empty");
        continue;
      }
      sending.push_back(std::async(std::launch::async, [&hook, &body, &reporter, &policy, events, &outcome] {
        auto [level, text] = delivery_line(hook, events, deliver(hook, body, policy), outcome.exit_code);
        reporter.note(level, text);
      }));
    }
    for (auto& s : sending) s.get();
  } catch (const std::exception& e) {  // e.g. no thread could be started: the run goes on as it ended
    reporter.note("warning", std::string("alerts not sent: ") + e.what());
  }
  reporter.flush();
}

}  // namespace mrun::notify
