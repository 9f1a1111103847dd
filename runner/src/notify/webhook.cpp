#include "notify/webhook.h"

#include <algorithm>

#include "project/profiles.h"
#include "util/redact.h"

namespace mrun::notify {

namespace {

// `value` rendered; an unset variable is an error that names `key` of the
// notification (substitute_env_vars's message without its location prefix,
// which ConfigError puts back).
std::string render(const project::WebhookConfig& config, const std::string& key, const project::WrittenValue& value) {
  try {
    return project::substitute_env_vars(value.text, value.where);
  } catch (const ConfigError& e) {
    std::string message = e.what();
    std::string prefix = value.where.str() + ": ";
    if (message.starts_with(prefix)) message.erase(0, prefix.size());
    throw ConfigError(value.where, "notification '" + config.name + "' " + key + ": " + message);
  }
}

}  // namespace

bool Webhook::wants_any(const std::vector<project::AlertEvent>& happened) const {
  return std::any_of(happened.begin(), happened.end(), [this](project::AlertEvent e) {
    return std::find(events.begin(), events.end(), e) != events.end();
  });
}

Webhook resolve_webhook(const project::WebhookConfig& config) {
  Webhook hook;
  hook.name = config.name;
  hook.url = render(config, "url", config.url);
  if (!hook.url.empty() && !project::is_http_url(hook.url)) {
    throw ConfigError(config.url.where, "notification '" + config.name +
                                            "' url: the rendered URL must start with http:// or https://");
  }
  hook.shown_url = redact_webhook_url(hook.url);
  for (const auto& [name, value] : config.headers) {
    std::string rendered = render(config, "header " + name, value);
    if (rendered.find_first_of("\r\n") != std::string::npos) {
      throw ConfigError(value.where, "notification '" + config.name + "' header " + name +
                                         ": the rendered value must be one line");
    }
    hook.headers.push_back(name + ": " + rendered);
  }
  hook.events = config.events;
  hook.timeout_seconds = config.timeout_seconds;
  hook.retries = config.retries;
  return hook;
}

}  // namespace mrun::notify
