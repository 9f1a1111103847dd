// Alerts by webhook through the binary (README.md, "Alerts"), against the
// local test server on 127.0.0.1 (runner/tests/fetch/http_test_server.py):
// what a failing build posts, that only subscribed webhooks hear of a run,
// that a webhook failing never changes the exit code, that secrets stay out
// of the output, and that a missing secret stops the run before it starts.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_runner.h"
#include "fetch/fetch_test_support.h"
#include "util/strings.h"

using mrun::test::LocalServer;
using mrun::test::output_of;
using mrun::test::ProjectFixture;

namespace {

constexpr const char* kUrlSecret = "T000/B000/s3cretPathT0ken";
constexpr const char* kHeaderSecret = "hdrS3cretValue";

/// The test server, serving an empty scratch folder.
struct HookServer {
  mrun::test::ScratchDir dir{"it-alerts"};
  LocalServer server{{"/usr/bin/python3", mrun::test::fetch_script("http_test_server.py"), dir.path.string()}};
  /// The POSTs received at `path`.
  nlohmann::json posts(const std::string& path) const {
    return nlohmann::json::parse(mrun::test::server_posts(server, path));
  }
};

/// Appends `text` to the project's dbt_project.yml or project.yml.
void append_to_project_file(const ProjectFixture& p, const std::string& file, const std::string& text) {
  p.write(file, mrun::read_file(p.dir() + "/" + file) + text);
}

/// Sets an environment variable for the life of the object.
struct ScopedEnv {
  std::string name;
  ScopedEnv(std::string n, const std::string& value) : name(std::move(n)) { setenv(name.c_str(), value.c_str(), 1); }
  ~ScopedEnv() { unsetenv(name.c_str()); }
};

/// jaffle with a singular test that fails and a row_count_change test (an
/// anomaly test, written here as a project test) that warns.
ProjectFixture failing_jaffle(const std::string& database) {
  ProjectFixture p("jaffle", database);
  // Both on order_events, which nothing depends on: the failure skips no node.
  p.write("tests/assert_no_order_events.sql", "select * from {{ ref('order_events') }}\n");
  p.write("macros/test_row_count_change.sql",
          "{% test row_count_change(model) %}\nselect 1 as changed_by_half\n{% endtest %}\n");
  p.write("models/marts/schema.yml",
          mrun::replace_all(mrun::read_file(p.dir() + "/models/marts/schema.yml"), "  - name: order_events\n",
                            "  - name: order_events\n    data_tests:\n      - row_count_change:\n"
                            "          config: {severity: warn}\n"));
  return p;
}

}  // namespace

TEST_CASE("alerts: a failing build posts its failures, anomalies and run id to the subscribed webhooks only") {
  HookServer s;
  ProjectFixture p = failing_jaffle("it_alerts_failing");
  append_to_project_file(p, "dbt_project.yml",
                         "notifications:\n"
                         "  - name: data-team-chat\n"
                         "    url: \"{{ env_var('MRUN_TEST_ALERT_URL') }}\"\n"
                         "    events: [run_failed, anomaly]\n"
                         "    headers: {Authorization: \"Bearer {{ env_var('MRUN_TEST_ALERT_TOKEN') }}\"}\n"
                         "  - name: successes\n"
                         "    url: " + s.server.url() + "/successes/hook\n"
                         "    events: [run_succeeded]\n");
  ScopedEnv url("MRUN_TEST_ALERT_URL", s.server.url() + "/chat/" + kUrlSecret);
  ScopedEnv token("MRUN_TEST_ALERT_TOKEN", kHeaderSecret);
  auto r = p.mrun({"build"});
  INFO(output_of(r));
  CHECK(r.exit_code == 1);

  auto posts = s.posts(std::string("/chat/") + kUrlSecret);
  REQUIRE(posts.size() == 1);
  CHECK(posts[0]["headers"]["Authorization"] == std::string("Bearer ") + kHeaderSecret);
  CHECK(posts[0]["headers"]["Content-Type"] == "application/json");
  auto payload = nlohmann::json::parse(posts[0]["body"].get<std::string>());
  INFO(payload.dump(2));
  auto run_results = nlohmann::json::parse(mrun::read_file(p.dir() + "/target/run_results.json"));
  CHECK(payload["run_id"] == run_results["metadata"]["invocation_id"]);
  CHECK(payload["project"] == "jaffle_shop");
  CHECK(payload["command"] == "build");
  CHECK(payload["status"] == "failed");
  CHECK(payload["exit_code"] == 1);
  CHECK(payload["counts"]["fail"] == 1);
  CHECK(payload["counts"]["warn"] == 2);  // the anomaly test, and jaffle's relationships test (severity warn)
  CHECK(payload["events"] == nlohmann::json::parse(R"(["run_failed", "anomaly"])"));
  REQUIRE(payload["failures"].size() == 1);
  const auto& failure = payload["failures"][0];
  CHECK(failure["unique_id"] == "test.jaffle_shop.assert_no_order_events");
  CHECK(failure["resource_type"] == "test");
  CHECK(failure["status"] == "fail");
  CHECK(failure["message"].get<std::string>().starts_with("Got "));
  std::string compiled = failure["compiled_path"].get<std::string>();
  CHECK(compiled.ends_with("assert_no_order_events.sql"));
  CHECK(mrun::read_file(compiled).find("order_events") != std::string::npos);
  REQUIRE(payload["warnings"].size() == 2);
  for (const auto& warning : payload["warnings"]) {
    bool anomaly = warning["unique_id"] == "test.jaffle_shop.row_count_change_order_events";
    CHECK(warning["anomaly"] == anomaly);
    CHECK(warning["status"] == "warn");
  }
  std::string text = payload["text"];
  CHECK(text.starts_with("mrun build on jaffle_shop FAILED (exit 1): 1 test failed, 2 warnings, "));
  CHECK(text.find("\n\u2022 row_count_change_order_events (test warn, anomaly): Got 1 result") != std::string::npos);
  CHECK(text.find("\n\u2022 assert_no_order_events (test fail): Got ") != std::string::npos);

  CHECK(s.posts("/successes/hook").empty());
  CHECK(r.output.find("alert 'data-team-chat' (run_failed, anomaly) sent to " + s.server.url() + "/\u2026: HTTP 200") !=
        std::string::npos);
  CHECK(r.output.find("successes") == std::string::npos);
  CHECK(r.output.find("s3cret") == std::string::npos);
  CHECK(r.output.find(kHeaderSecret) == std::string::npos);

  // The same through --log-format json: one note event per webhook, no secret.
  auto json = p.mrun({"build", "--log-format", "json"});
  INFO(output_of(json));
  CHECK(json.exit_code == 1);
  CHECK(json.output.find(R"("event":"note","level":"info","message":"alert 'data-team-chat' (run_failed, anomaly) sent to )") !=
        std::string::npos);
  CHECK(json.output.find("s3cret") == std::string::npos);
  CHECK(s.posts(std::string("/chat/") + kUrlSecret).size() == 2);
}

TEST_CASE("alerts: a webhook that times out or answers 404 leaves the exit code as the run made it") {
  HookServer s;
  ProjectFixture p("jaffle", "it_alerts_timeout");
  append_to_project_file(p, "dbt_project.yml",
                         "notifications:\n"
                         "  - name: silent\n"
                         "    url: \"{{ env_var('MRUN_TEST_ALERT_URL') }}\"\n"
                         "    events: [run_succeeded]\n"
                         "    timeout_seconds: 1\n"
                         "    retries: 1\n"
                         "  - name: gone\n"
                         "    url: " + s.server.url() + "/status-404-times-0/hook\n"
                         "    events: [run_succeeded]\n");
  ScopedEnv url("MRUN_TEST_ALERT_URL", s.server.url() + "/no-answer/" + kUrlSecret);
  auto r = p.mrun({"build"});
  INFO(output_of(r));
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("warning: alert 'silent' (run_succeeded) to " + s.server.url() +
                      "/\u2026 not delivered: timed out after 1.0 s (gave up after 2 attempts); the run's exit code "
                      "stays 0") != std::string::npos);
  CHECK(r.output.find("warning: alert 'gone' (run_succeeded) to " + s.server.url() +
                      "/\u2026 not delivered: HTTP 404 Not Found (not retried); the run's exit code stays 0") !=
        std::string::npos);
  CHECK(mrun::test::server_stat(s.server, "/status-404-times-0/hook", "requests") == "1");
  CHECK(r.output.find("s3cret") == std::string::npos);
}

TEST_CASE("alerts: a webhook answering 500 once is retried and the alert arrives") {
  HookServer s;
  ProjectFixture p("jaffle", "it_alerts_retry");
  append_to_project_file(p, "dbt_project.yml",
                         "notifications:\n"
                         "  - url: " + s.server.url() + "/status-500-times-1/hook\n"
                         "    events: [run_succeeded]\n");
  auto r = p.mrun({"build", "-s", "+stg_customers"});
  INFO(output_of(r));
  CHECK(r.exit_code == 0);
  auto posts = s.posts("/status-500-times-1/hook");
  REQUIRE(posts.size() == 2);
  CHECK(posts[0]["body"] == posts[1]["body"]);
  CHECK(nlohmann::json::parse(posts[1]["body"].get<std::string>())["status"] == "success");
  CHECK(r.output.find("alert 'webhook 1' (run_succeeded) sent to " + s.server.url() + "/\u2026: HTTP 200") !=
        std::string::npos);
}

TEST_CASE("alerts: a missing webhook secret stops the run before it starts, compile needs none") {
  ProjectFixture p("jaffle", "it_alerts_missing");
  append_to_project_file(p, "dbt_project.yml",
                         "notifications:\n"
                         "  - name: chat\n"
                         "    url: \"{{ env_var('MRUN_TEST_ALERT_UNSET') }}\"\n");
  unsetenv("MRUN_TEST_ALERT_UNSET");
  auto r = p.mrun({"build"});
  INFO(output_of(r));
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("dbt_project.yml:35:10: notification 'chat' url: environment variable MRUN_TEST_ALERT_UNSET "
                      "is not set and has no default") != std::string::npos);
  CHECK(p.query_value("select count(*) from pg_class where relname = 'orders'") == "0");
  auto compile = p.mrun({"compile"});
  INFO(output_of(compile));
  CHECK(compile.exit_code == 0);
}

TEST_CASE("alerts: a load that fails sends run_failed with the load's error") {
  HookServer s;
  ProjectFixture p("drops", "it_alerts_load");
  p.write("data/people.csv", "id,name\n1,a\n");  // pets.csv is missing: the load fails
  append_to_project_file(p, "project.yml",
                         "notifications:\n"
                         "  - url: " + s.server.url() + "/load/hook\n");
  auto r = p.mrun({"build"});
  INFO(output_of(r));
  CHECK(r.exit_code == 1);
  auto posts = s.posts("/load/hook");
  REQUIRE(posts.size() == 1);
  auto payload = nlohmann::json::parse(posts[0]["body"].get<std::string>());
  CHECK(payload["status"] == "failed");
  CHECK(payload["exit_code"] == 1);
  CHECK(payload["error"] == "the load failed; no model was built and the previous tables stay");
  CHECK(payload["events"] == nlohmann::json::parse(R"(["run_failed"])"));
  CHECK(r.output.find("alert 'webhook 1' (run_failed) sent to ") != std::string::npos);
}
