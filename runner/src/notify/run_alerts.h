// The alerts of one run (README.md, "Alerts"): the webhooks of
// `notifications:` resolved when the run starts, and at its end one POST of
// the payload (notify/alert_payload.h) to each webhook that wants one of
// the run's events, all at once, within kAlertsDeadline. Each webhook's
// outcome is one line of the run's log naming the webhook by name and
// scheme://host/… only. An alert that cannot be delivered never changes
// the run's outcome or its exit code.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "exec/run_reporter.h"
#include "exec/scheduler.h"
#include "graph/manifest.h"
#include "notify/run_outcome.h"
#include "notify/webhook.h"
#include "notify/webhook_delivery.h"
#include "project/project_config.h"

namespace mrun::notify {

/// How long the alerts of a run may take in all, retries included.
constexpr std::chrono::seconds kAlertsDeadline{120};

/// The webhooks of a run.
class RunAlerts {
 public:
  /// No webhooks: sends nothing (`mrun compile`).
  RunAlerts() = default;
  /// The webhooks of `config` for `run`, rendered now (notify/webhook.h):
  /// throws ConfigError when a secret is missing.
  RunAlerts(const project::ProjectConfig& config, RunIdentity run);

  /// At the end of a run of nodes: sends outcome_of_nodes(...).
  void send_nodes(const exec::RunSummary& summary, const graph::Manifest& manifest, int exit_code,
                  exec::RunReporter& reporter) const;
  /// When the run failed before any node ran (the load): sends outcome_of_error(...).
  void send_error(int exit_code, const std::string& error, exec::RunReporter& reporter) const;
  /// Sends `outcome` to every webhook that wants one of its events and
  /// notes each webhook's outcome on `reporter`; returns once all are done.
  void send(const RunOutcome& outcome, exec::RunReporter& reporter, const DeliveryPolicy& policy) const;

 private:
  std::vector<Webhook> hooks_;
  RunIdentity run_;
};

}  // namespace mrun::notify
