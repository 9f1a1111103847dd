#include "notify/webhook.h"

#include <catch2/catch.hpp>
#include <cstdlib>

#include "util/error.h"

using namespace mrun;
using namespace mrun::notify;

namespace {

project::WebhookConfig config(const std::string& url) {
  project::WebhookConfig c;
  c.name = "chat";
  c.url = {url, {"project.yml", 4, 10}};
  c.events = {project::AlertEvent::RunFailed};
  return c;
}

std::string error_of(const project::WebhookConfig& c) {
  try {
    resolve_webhook(c);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("a webhook's url and headers are rendered with env_var, and only scheme://host is shown") {
  setenv("MRUN_TEST_WEBHOOK_URL", "https://hooks.example.com/services/T0/B0/s3cretpath", 1);
  setenv("MRUN_TEST_WEBHOOK_TOKEN", "t0ken", 1);
  project::WebhookConfig c = config("{{ env_var('MRUN_TEST_WEBHOOK_URL') }}");
  c.headers.push_back({"Authorization", {"Bearer {{ env_var('MRUN_TEST_WEBHOOK_TOKEN') }}", {"project.yml", 9, 5}}});
  Webhook hook = resolve_webhook(c);
  CHECK(hook.url == "https://hooks.example.com/services/T0/B0/s3cretpath");
  CHECK(hook.shown_url == "https://hooks.example.com/\u2026");
  CHECK(hook.headers == std::vector<std::string>{"Authorization: Bearer t0ken"});
  CHECK(hook.wants_any({project::AlertEvent::RunSucceeded, project::AlertEvent::RunFailed}));
  CHECK_FALSE(hook.wants_any({project::AlertEvent::RunSucceeded}));
  unsetenv("MRUN_TEST_WEBHOOK_URL");
  unsetenv("MRUN_TEST_WEBHOOK_TOKEN");
}

TEST_CASE("a missing secret is an error naming the notification, its key and its place") {
  unsetenv("MRUN_TEST_WEBHOOK_MISSING");
  CHECK(error_of(config("{{ env_var('MRUN_TEST_WEBHOOK_MISSING') }}")) ==
        "project.yml:4:10: notification 'chat' url: environment variable MRUN_TEST_WEBHOOK_MISSING is not set and "
        "has no default");
  project::WebhookConfig c = config("https://example.com/hook");
  c.headers.push_back({"Authorization", {"{{ env_var('MRUN_TEST_WEBHOOK_MISSING') }}", {"project.yml", 9, 5}}});
  CHECK(error_of(c) ==
        "project.yml:9:5: notification 'chat' header Authorization: environment variable MRUN_TEST_WEBHOOK_MISSING "
        "is not set and has no default");
}

TEST_CASE("an empty rendered url turns the webhook off, a url that is not http(s) is an error without its value") {
  unsetenv("MRUN_TEST_WEBHOOK_MISSING");
  CHECK(resolve_webhook(config("{{ env_var('MRUN_TEST_WEBHOOK_MISSING', '') }}")).url.empty());
  setenv("MRUN_TEST_WEBHOOK_URL", "hooks.example.com/s3cret", 1);
  std::string error = error_of(config("{{ env_var('MRUN_TEST_WEBHOOK_URL') }}"));
  CHECK(error == "project.yml:4:10: notification 'chat' url: the rendered URL must start with http:// or https://");
  unsetenv("MRUN_TEST_WEBHOOK_URL");
}
