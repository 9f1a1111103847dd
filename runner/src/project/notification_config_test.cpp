#include "project/notification_config.h"

#include <catch2/catch.hpp>

#include "util/error.h"

using namespace mrun;
using namespace mrun::project;

namespace {

// The webhooks of a project file whose text is `yaml` (named project.yml).
std::vector<WebhookConfig> read(const std::string& yaml) {
  YamlFile file{"project.yml", load_yaml_text(yaml, "project.yml")};
  return read_notifications(file, file.root["notifications"]);
}

// The error that reading `yaml` throws.
std::string error_of(const std::string& yaml) {
  try {
    read(yaml);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("notifications are read with their defaults") {
  auto hooks = read(
      "name: p\n"
      "notifications:\n"
      "  - name: data-team-chat\n"
      "    url: \"{{ env_var('MRUN_ALERT_WEBHOOK') }}\"\n"
      "    events: [run_failed, test_warned, anomaly, run_succeeded, run_failed]\n"
      "    timeout_seconds: 3\n"
      "    retries: 0\n"
      "    headers: {Authorization: \"Bearer {{ env_var('TOKEN') }}\", X-Team: data}\n"
      "  - url: https://example.com/hook\n");
  REQUIRE(hooks.size() == 2);
  CHECK(hooks[0].name == "data-team-chat");
  CHECK(hooks[0].url.text == "{{ env_var('MRUN_ALERT_WEBHOOK') }}");
  CHECK(hooks[0].url.where.str() == "project.yml:4:10");
  CHECK(hooks[0].events == std::vector<AlertEvent>{AlertEvent::RunFailed, AlertEvent::TestWarned, AlertEvent::Anomaly,
                                                   AlertEvent::RunSucceeded});
  CHECK(hooks[0].timeout_seconds == 3);
  CHECK(hooks[0].retries == 0);
  REQUIRE(hooks[0].headers.size() == 2);
  CHECK(hooks[0].headers[0].first == "Authorization");
  CHECK(hooks[0].headers[0].second.text == "Bearer {{ env_var('TOKEN') }}");
  CHECK(hooks[0].headers[1].first == "X-Team");

  CHECK(hooks[1].name == "webhook 2");
  CHECK(hooks[1].events == std::vector<AlertEvent>{AlertEvent::RunFailed, AlertEvent::Anomaly});
  CHECK(hooks[1].timeout_seconds == 10);
  CHECK(hooks[1].retries == 2);
  CHECK(hooks[1].headers.empty());

  CHECK(read("name: p\n").empty());
}

TEST_CASE("a malformed notification is an error at its file, line and column") {
  CHECK(error_of("notifications: https://x\n") ==
        "project.yml:1:16: notifications must be a list of webhooks, e.g. notifications: [{url: \"{{ "
        "env_var('MRUN_ALERT_WEBHOOK') }}\"}]");
  CHECK(error_of("notifications:\n  - https://x\n") ==
        "project.yml:2:5: each notification must be a mapping with a url, e.g. - url: https://...");
  CHECK(error_of("notifications:\n  - url: https://x\n    event: [run_failed]\n") ==
        "project.yml:3:5: unknown key 'event' in a notification (known: name, url, events, timeout_seconds, "
        "retries, headers)");
  CHECK(error_of("notifications:\n  - name: chat\n") == "project.yml:2:5: notification 'chat' needs a url");
  CHECK(error_of("notifications:\n  - url: ftp://x/y\n") ==
        "project.yml:2:10: notification 'webhook 1': url must start with http:// or https://");
  CHECK(error_of("notifications:\n  - url: [https://x]\n") == "project.yml:2:10: url must be a single value");
  CHECK(error_of("notifications:\n  - url: https://x\n    events: [run_failed, run_broke]\n") ==
        "project.yml:3:26: unknown event 'run_broke' (known events: run_failed, test_warned, anomaly, "
        "run_succeeded)");
  CHECK(error_of("notifications:\n  - url: https://x\n    events: run_failed\n") ==
        "project.yml:3:13: events must be a non-empty list of: run_failed, test_warned, anomaly, run_succeeded");
  CHECK(error_of("notifications:\n  - url: https://x\n    events: []\n") ==
        "project.yml:3:13: events must be a non-empty list of: run_failed, test_warned, anomaly, run_succeeded");
  for (const char* bad : {"0", "61", "'10'", "1.5", "ten"}) {
    INFO(bad);
    CHECK(error_of("notifications:\n  - url: https://x\n    timeout_seconds: " + std::string(bad) + "\n") ==
          "project.yml:3:22: timeout_seconds must be a whole number from 1 to 60");
  }
  CHECK(error_of("notifications:\n  - url: https://x\n    retries: 6\n") ==
        "project.yml:3:14: retries must be a whole number from 0 to 5");
  CHECK(error_of("notifications:\n  - url: https://x\n    headers: [a]\n") == "project.yml:3:14: headers must be a mapping");
  CHECK(error_of("notifications:\n  - url: https://x\n    headers: {\"Bad Name\": x}\n") ==
        "project.yml:3:15: 'Bad Name' is not a header name (letters, digits, '-')");
  CHECK(error_of("notifications:\n  - url: https://x\n    headers: {X-A: \"a\\nb\"}\n") ==
        "project.yml:3:20: header X-A must be one line");
}

TEST_CASE("alert events have names both ways") {
  for (AlertEvent e : {AlertEvent::RunFailed, AlertEvent::TestWarned, AlertEvent::Anomaly, AlertEvent::RunSucceeded})
    CHECK(alert_event_named(alert_event_name(e)) == e);
  CHECK_FALSE(alert_event_named("run_broke"));
  CHECK(is_http_url("HTTPS://example.com"));
  CHECK(is_http_url("http://127.0.0.1:1/x"));
  CHECK_FALSE(is_http_url("file:///etc/passwd"));
}
