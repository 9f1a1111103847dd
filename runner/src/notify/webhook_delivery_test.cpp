// Delivery against the local test server (runner/tests/fetch/http_test_server.py)
// on 127.0.0.1: retries, timeouts, statuses that are not retried.
#include "notify/webhook_delivery.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "fetch/fetch_test_support.h"

using namespace mrun;
using namespace mrun::notify;
using mrun::test::LocalServer;

namespace {

/// The test server, serving an empty scratch folder.
struct HookServer {
  test::ScratchDir dir{"notify-delivery"};
  LocalServer server{{"/usr/bin/python3", test::fetch_script("http_test_server.py"), dir.path.string()}};
};

Webhook hook_to(const std::string& url, int retries, int timeout_seconds = 5) {
  Webhook hook;
  hook.name = "test";
  hook.url = url;
  hook.headers = {"X-Token: t0ken"};
  hook.retries = retries;
  hook.timeout_seconds = timeout_seconds;
  return hook;
}

DeliveryPolicy quick() {
  DeliveryPolicy policy;
  policy.first_retry_delay = std::chrono::milliseconds(50);
  return policy;
}

}  // namespace

TEST_CASE("a webhook that answers 500 once is retried, and gets the same JSON POST again") {
  HookServer s;
  Delivery d = deliver(hook_to(s.server.url() + "/status-500-times-1/hook", 2), R"({"run_id": "r1"})", quick());
  CHECK(d.delivered);
  CHECK(d.attempts == 2);
  CHECK(d.status == 200);
  CHECK(d.problem.empty());
  auto posts = nlohmann::json::parse(test::server_posts(s.server, "/status-500-times-1/hook"));
  REQUIRE(posts.size() == 2);
  for (const auto& post : posts) {
    CHECK(post["body"] == R"({"run_id": "r1"})");
    CHECK(post["headers"]["Content-Type"] == "application/json");
    CHECK(post["headers"]["X-Token"] == "t0ken");
  }
}

TEST_CASE("a 404 is not retried, a 429 is until the retries run out") {
  HookServer s;
  Delivery missing = deliver(hook_to(s.server.url() + "/status-404-times-0/hook", 2), "{}", quick());
  CHECK_FALSE(missing.delivered);
  CHECK(missing.attempts == 1);
  CHECK(missing.status == 404);
  CHECK(missing.problem == "HTTP 404 Not Found (not retried)");
  CHECK(test::server_stat(s.server, "/status-404-times-0/hook", "requests") == "1");

  Delivery busy = deliver(hook_to(s.server.url() + "/status-429-times-0/hook", 2), "{}", quick());
  CHECK_FALSE(busy.delivered);
  CHECK(busy.attempts == 3);
  CHECK(busy.problem == "HTTP 429 Too Many Requests (gave up after 3 attempts)");
  CHECK(test::server_stat(s.server, "/status-429-times-0/hook", "requests") == "3");
}

TEST_CASE("a webhook that never answers times out per attempt, within the deadline") {
  HookServer s;
  auto start = std::chrono::steady_clock::now();
  Delivery d = deliver(hook_to(s.server.url() + "/no-answer/hook", 1, 1), "{}", quick());
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK_FALSE(d.delivered);
  CHECK(d.attempts == 2);
  CHECK(d.status == 0);
  CHECK(d.problem == "timed out after 1.0 s (gave up after 2 attempts)");
  CHECK(seconds < 5);

  DeliveryPolicy policy = quick();
  policy.deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(1500);
  start = std::chrono::steady_clock::now();
  Delivery bounded = deliver(hook_to(s.server.url() + "/no-answer/bounded", 5, 10), "{}", policy);
  seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK_FALSE(bounded.delivered);
  CHECK(bounded.attempts == 1);
  CHECK(seconds < 3);
}

TEST_CASE("a webhook nobody listens on is retried, then given up") {
  Delivery d = deliver(hook_to("http://127.0.0.1:1/hook", 1), "{}", quick());
  CHECK_FALSE(d.delivered);
  CHECK(d.attempts == 2);
  CHECK(d.problem == "could not connect (gave up after 2 attempts)");
}
