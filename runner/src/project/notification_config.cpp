#include "project/notification_config.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "project/yaml_scalar.h"
#include "util/strings.h"

namespace mrun::project {

namespace {

constexpr AlertEvent kAllEvents[] = {AlertEvent::RunFailed, AlertEvent::TestWarned, AlertEvent::Anomaly,
                                     AlertEvent::RunSucceeded};

const std::set<std::string> kEntryKeys = {"name", "url", "events", "timeout_seconds", "retries", "headers"};

std::string known_events() {
  std::string out;
  for (AlertEvent e : kAllEvents) out += (out.empty() ? "" : ", ") + std::string(alert_event_name(e));
  return out;
}

// A whole number from `min` to `max` (a plain YAML integer, not "10" nor 1.5).
int whole_number(const YamlFile& f, const YAML::Node& node, const std::string& key, int min, int max, int fallback) {
  if (!node || node.IsNull()) return fallback;
  ScalarValue value = node.IsScalar() ? read_scalar(node) : ScalarValue{};
  const int64_t* n = std::get_if<int64_t>(&value);
  if (!n || *n < min || *n > max) {
    throw ConfigError(location_of(f, node), key + " must be a whole number from " + std::to_string(min) + " to " +
                                                std::to_string(max));
  }
  return static_cast<int>(*n);
}

// RFC 9110 token characters: what a header name may hold.
bool is_header_name(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](unsigned char c) {
    return std::isalnum(c) || std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
  });
}

std::vector<AlertEvent> read_events(const YamlFile& f, const YAML::Node& node) {
  if (!node || node.IsNull()) return {AlertEvent::RunFailed, AlertEvent::Anomaly};
  if (!node.IsSequence() || node.size() == 0) {
    throw ConfigError(location_of(f, node), "events must be a non-empty list of: " + known_events());
  }
  std::vector<AlertEvent> events;
  for (const auto& item : node) {
    std::optional<AlertEvent> event = alert_event_named(scalar_string(f, item, "an event"));
    if (!event) {
      throw ConfigError(location_of(f, item),
                        "unknown event '" + item.Scalar() + "' (known events: " + known_events() + ")");
    }
    if (std::find(events.begin(), events.end(), *event) == events.end()) events.push_back(*event);
  }
  return events;
}

std::vector<std::pair<std::string, WrittenValue>> read_headers(const YamlFile& f, const YAML::Node& node) {
  expect_map(f, node, "headers");
  std::vector<std::pair<std::string, WrittenValue>> headers;
  if (!node || node.IsNull()) return headers;
  for (const auto& kv : node) {
    std::string name = scalar_string(f, kv.first, "a header name");
    if (!is_header_name(name)) {
      throw ConfigError(location_of(f, kv.first), "'" + name + "' is not a header name (letters, digits, '-')");
    }
    std::string value = scalar_string(f, kv.second, "header " + name);
    if (value.find_first_of("\r\n") != std::string::npos) {
      throw ConfigError(location_of(f, kv.second), "header " + name + " must be one line");
    }
    headers.emplace_back(name, WrittenValue{value, location_of(f, kv.second)});
  }
  return headers;
}

WebhookConfig read_webhook(const YamlFile& f, const YAML::Node& entry, size_t number) {
  if (!entry.IsMap()) {
    throw ConfigError(location_of(f, entry), "each notification must be a mapping with a url, e.g. - url: https://...");
  }
  for (const auto& kv : entry) {
    std::string key = kv.first.Scalar();
    if (!kEntryKeys.count(key)) {
      throw ConfigError(location_of(f, kv.first),
                        "unknown key '" + key + "' in a notification (known: name, url, events, timeout_seconds, "
                        "retries, headers)");
    }
  }
  MapFields fields(entry);
  WebhookConfig hook;
  hook.where = location_of(f, entry);
  hook.name = scalar_string(f, fields["name"], "name");
  if (hook.name.empty()) hook.name = "webhook " + std::to_string(number);
  const YAML::Node url = fields["url"];
  std::string url_text = scalar_string(f, url, "url");
  if (url_text.empty()) throw ConfigError(hook.where, "notification '" + hook.name + "' needs a url");
  hook.url = {url_text, location_of(f, url)};
  if (hook.url.text.find("{{") == std::string::npos && !is_http_url(hook.url.text)) {
    throw ConfigError(hook.url.where, "notification '" + hook.name + "': url must start with http:// or https://");
  }
  hook.events = read_events(f, fields["events"]);
  hook.timeout_seconds =
      whole_number(f, fields["timeout_seconds"], "timeout_seconds", 1, kMaxWebhookTimeoutSeconds, hook.timeout_seconds);
  hook.retries = whole_number(f, fields["retries"], "retries", 0, kMaxWebhookRetries, hook.retries);
  hook.headers = read_headers(f, fields["headers"]);
  return hook;
}

}  // namespace

const char* alert_event_name(AlertEvent event) {
  switch (event) {
    case AlertEvent::RunFailed: return "run_failed";
    case AlertEvent::TestWarned: return "test_warned";
    case AlertEvent::Anomaly: return "anomaly";
    case AlertEvent::RunSucceeded: return "run_succeeded";
  }
  return "";
}

std::optional<AlertEvent> alert_event_named(const std::string& name) {
  for (AlertEvent e : kAllEvents)
    if (name == alert_event_name(e)) return e;
  return std::nullopt;
}

bool is_http_url(std::string_view url) {
  std::string start = to_lower(url.substr(0, 8));
  return start.starts_with("http://") || start.starts_with("https://");
}

std::vector<WebhookConfig> read_notifications(const YamlFile& file, const YAML::Node& node) {
  std::vector<WebhookConfig> hooks;
  if (!node || node.IsNull()) return hooks;
  if (!node.IsSequence()) {
    throw ConfigError(location_of(file, node), "notifications must be a list of webhooks, e.g. notifications: [{url: "
                                               "\"{{ env_var('MRUN_ALERT_WEBHOOK') }}\"}]");
  }
  for (const auto& entry : node) hooks.push_back(read_webhook(file, entry, hooks.size() + 1));
  return hooks;
}

}  // namespace mrun::project
