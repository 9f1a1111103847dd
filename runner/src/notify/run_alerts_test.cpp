// The alerts of a run against the local test server on 127.0.0.1: only the
// webhooks that want one of the run's events hear of it, each webhook's
// outcome is one log line, and no line shows a secret.
#include "notify/run_alerts.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "fetch/fetch_test_support.h"

using namespace mrun;
using namespace mrun::notify;
using project::AlertEvent;

namespace {

project::WebhookConfig webhook(const std::string& name, const std::string& url, std::vector<AlertEvent> events) {
  project::WebhookConfig c;
  c.name = name;
  c.url = {url, {"project.yml", 1, 1}};
  c.events = std::move(events);
  c.retries = 0;
  return c;
}

}  // namespace

TEST_CASE("a run's alert goes to the webhooks that want its events, and the log shows no secret") {
  test::ScratchDir dir("notify-run-alerts");
  test::LocalServer server({"/usr/bin/python3", test::fetch_script("http_test_server.py"), dir.path.string()});
  project::ProjectConfig config;
  config.notifications = {
      webhook("failures", server.url() + "/failures/s3cret-one", {AlertEvent::RunFailed}),
      webhook("successes", server.url() + "/successes/s3cret-two", {AlertEvent::RunSucceeded}),
      webhook("broken", server.url() + "/status-404-times-0/s3cret-three", {AlertEvent::RunFailed}),
      webhook("off", "", {AlertEvent::RunFailed}),
  };
  RunAlerts alerts(config, {"run-42", "jaffle_shop", "build", std::chrono::system_clock::now()});
  std::ostringstream log;
  exec::RunReporter reporter(log, {});
  alerts.send_error(1, "the load failed; no model was built and the previous tables stay", reporter);

  auto posts = nlohmann::json::parse(test::server_posts(server, "/failures/s3cret-one"));
  REQUIRE(posts.size() == 1);
  auto payload = nlohmann::json::parse(posts[0]["body"].get<std::string>());
  CHECK(payload["run_id"] == "run-42");
  CHECK(payload["status"] == "failed");
  CHECK(payload["error"] == "the load failed; no model was built and the previous tables stay");
  CHECK(payload["events"] == nlohmann::json::parse(R"(["run_failed"])"));
  CHECK(test::server_stat(server, "/successes/s3cret-two", "requests") == "0");

  std::string text = log.str();
  INFO(text);
  CHECK(text.find("alert 'failures' (run_failed) sent to " + server.url() + "/\u2026: HTTP 200 in ") !=
        std::string::npos);
  CHECK(text.find("warning: alert 'broken' (run_failed) to " + server.url() +
                  "/\u2026 not delivered: HTTP 404 Not Found (not retried); the run's exit code stays 1") !=
        std::string::npos);
  CHECK(text.find("alert 'off' (run_failed) not sent: its url is empty") != std::string::npos);
  CHECK(text.find("successes") == std::string::npos);
  CHECK(text.find("s3cret") == std::string::npos);
}
