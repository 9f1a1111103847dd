// A webhook of `notifications:` made ready to send when a run starts: its
// URL and header values rendered ({{ env_var('X') }}, project/profiles.h),
// so that a missing secret stops the run before it changes anything, with
// an error naming the key and its file:line:col (exit 2).
#pragma once

#include <string>
#include <vector>

#include "project/notification_config.h"

namespace mrun::notify {

/// A rendered webhook. `url` and `headers` hold secrets: print only
/// `shown_url`.
struct Webhook {
  std::string name;
  std::string url;                   ///< rendered; "" when it rendered empty (the webhook is off)
  std::string shown_url;             ///< redact_webhook_url(url): scheme://host/…
  std::vector<std::string> headers;  ///< "Name: value", rendered
  std::vector<project::AlertEvent> events;
  int timeout_seconds = 10;
  int retries = 2;

  /// True when it asks for one of `events`.
  bool wants_any(const std::vector<project::AlertEvent>& events) const;
};

/// Renders `config`. Throws ConfigError at the value's file:line:col naming
/// the notification and its key when an environment variable is unset and
/// has no default, when the rendered URL is not http(s):// (an empty one is
/// allowed: `env_var('X', '')` turns the webhook off), or a rendered header
/// value is not one line. The error never quotes a rendered value.
Webhook resolve_webhook(const project::WebhookConfig& config);

}  // namespace mrun::notify
