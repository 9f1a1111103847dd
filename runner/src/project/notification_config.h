// The `notifications:` key of project.yml (or dbt_project.yml): webhooks
// that hear how a run ended, and which run events each one wants. Read here
// as written; the values that may hold {{ env_var('X') }} (url, headers) are
// rendered when a run starts (notify/webhook.h), so that `mrun compile` and
// `mrun ls` need no secret.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>
#include <yaml-cpp/yaml.h>

#include "project/yaml_file.h"
#include "util/error.h"

namespace mrun::project {

/// What a webhook can ask to hear about.
enum class AlertEvent {
  RunFailed,     ///< the run's exit code is not 0
  TestWarned,    ///< a test warned and nothing failed
  Anomaly,       ///< a row_count_change or volume_anomaly test warned or failed
  RunSucceeded,  ///< the run's exit code is 0
};

/// "run_failed", "test_warned", "anomaly", "run_succeeded".
const char* alert_event_name(AlertEvent event);

/// The event named `name`, or nullopt.
std::optional<AlertEvent> alert_event_named(const std::string& name);

/// A value as written in the file, which may hold {{ env_var(...) }}, and
/// where it is (for errors about its rendering).
struct WrittenValue {
  std::string text;
  SourceLocation where;
};

/// Bounds of a webhook's settings.
constexpr int kMaxWebhookTimeoutSeconds = 60;
constexpr int kMaxWebhookRetries = 5;

/// One entry of `notifications:`.
struct WebhookConfig {
  std::string name;                ///< for log lines; "webhook N" (1-based) when not given
  WrittenValue url;                ///< may hold {{ env_var('X') }}: never printed
  std::vector<AlertEvent> events;  ///< default: run_failed, anomaly
  int timeout_seconds = 10;        ///< per attempt, 1 to kMaxWebhookTimeoutSeconds
  int retries = 2;                 ///< attempts after the first, 0 to kMaxWebhookRetries
  std::vector<std::pair<std::string, WrittenValue>> headers;  ///< name, value (may hold env_var)
  SourceLocation where;            ///< the entry
};

/// True when `url` starts with http:// or https:// (any case).
bool is_http_url(std::string_view url);

/// Reads `notifications:` (`node`, absent or null: none) of the project file
/// `file`. Throws ConfigError at file:line:col for anything but a list of
/// mappings, an unknown key in an entry, a missing `url`, an unknown event
/// name, a timeout or retry count that is not a whole number in range, a
/// header that is not `Name: value`, a URL written without env_var that is
/// not http:// or https://.
std::vector<WebhookConfig> read_notifications(const YamlFile& file, const YAML::Node& node);

}  // namespace mrun::project
