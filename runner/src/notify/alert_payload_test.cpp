#include "notify/alert_payload.h"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace mrun;
using namespace mrun::notify;

namespace {

RunOutcome failed_build() {
  RunOutcome outcome;
  outcome.run = {"6f1c-run", "movies", "build", std::chrono::system_clock::time_point(std::chrono::seconds(1'800'000'000))};
  outcome.finished_at = outcome.run.started_at + std::chrono::milliseconds(12'345);
  outcome.exit_code = 1;
  outcome.counts.ok = 12;
  outcome.counts.error = 1;
  outcome.counts.fail = 1;
  outcome.counts.skipped = 3;
  outcome.counts.warn = 1;
  outcome.failures.push_back({"model.movies.fct_rating", "fct_rating", "model", "error",
                              "column \"x\" does not exist\nLINE 1: select x", "/m/target/compiled/fct_rating.sql"});
  outcome.failures.push_back({"test.movies.not_null_dim_movie_id", "not_null_dim_movie_id", "test", "fail",
                              "Got 2 results, configured to fail if != 0", "/m/target/compiled/t.sql"});
  NodeAlert anomaly{"test.movies.row_count_change_raw_ratings", "row_count_change_raw_ratings", "test", "warn",
                    "Got 1 result, configured to warn if != 0", "/m/target/compiled/r.sql"};
  anomaly.anomaly = true;
  outcome.warnings.push_back(anomaly);
  return outcome;
}

}  // namespace

TEST_CASE("the payload of a failed build names the run, its counts, failures and events") {
  nlohmann::ordered_json p = alert_payload(failed_build());
  CHECK(p["run_id"] == "6f1c-run");
  CHECK(p["project"] == "movies");
  CHECK(p["command"] == "build");
  CHECK(p["status"] == "failed");
  CHECK(p["exit_code"] == 1);
  CHECK(p["started_at"] == "2027-01-15T08:00:00.000000Z");
  CHECK(p["finished_at"] == "2027-01-15T08:00:12.345000Z");
  CHECK(p["elapsed_seconds"] == 12.345);
  CHECK(p["counts"] == nlohmann::ordered_json::parse(
                           R"({"success": 12, "error": 1, "skipped": 3, "pass": 0, "fail": 1, "warn": 1})"));
  CHECK(p["error"].is_null());
  REQUIRE(p["failures"].size() == 2);
  CHECK(p["failures"][0] == nlohmann::ordered_json::parse(R"({"unique_id": "model.movies.fct_rating",
      "name": "fct_rating", "resource_type": "model", "status": "error",
      "message": "column \"x\" does not exist\nLINE 1: select x",
      "compiled_path": "/m/target/compiled/fct_rating.sql", "anomaly": false})"));
  CHECK(p["failures_more"] == 0);
  REQUIRE(p["warnings"].size() == 1);
  CHECK(p["warnings"][0]["anomaly"] == true);
  CHECK(p["events"] == nlohmann::ordered_json::parse(R"(["run_failed", "anomaly"])"));
  CHECK(p["text"] == alert_text(failed_build()));
}

TEST_CASE("the text reads as a chat message: a headline, then one line per node") {
  CHECK(alert_text(failed_build()) ==
        "mrun build on movies FAILED (exit 1): 1 error, 1 test failed, 1 warning, 3 skipped, 12 ok in 12.3 s\n"
        "\u2022 fct_rating (model error): column \"x\" does not exist\n"
        "\u2022 not_null_dim_movie_id (test fail): Got 2 results, configured to fail if != 0\n"
        "\u2022 row_count_change_raw_ratings (test warn, anomaly): Got 1 result, configured to warn if != 0");

  RunOutcome ok;
  ok.run = {"r", "jaffle_shop", "run", {}};
  ok.finished_at = ok.run.started_at + std::chrono::seconds(2);
  ok.counts.ok = 5;
  ok.counts.pass = 1;
  CHECK(alert_text(ok) == "mrun run on jaffle_shop succeeded: 5 ok, 1 test passed in 2.0 s");
  ok.counts.warn = 2;
  CHECK(alert_text(ok) == "mrun run on jaffle_shop passed with warnings: 2 warnings, 5 ok, 1 test passed in 2.0 s");
  ok.cancelled = true;
  ok.exit_code = 1;
  CHECK(alert_text(ok).starts_with("mrun run on jaffle_shop CANCELLED (exit 1): "));

  RunOutcome load = outcome_of_error({"r", "movies", "build", std::chrono::system_clock::now()}, 1, "the load failed");
  CHECK(alert_text(load).starts_with("mrun build on movies FAILED (exit 1): the load failed in "));
  CHECK(alert_payload(load)["error"] == "the load failed");
  CHECK(alert_payload(load)["failures"].empty());
}

TEST_CASE("long lists are capped with a count of the rest, long messages cut") {
  RunOutcome outcome = failed_build();
  outcome.failures.clear();
  for (size_t i = 0; i < kMaxPayloadNodes + 5; ++i)
    outcome.failures.push_back({"model.m.n" + std::to_string(i), "n" + std::to_string(i), "model", "error",
                                std::string(kMaxMessageBytes + 10, 'x'), ""});
  nlohmann::ordered_json p = alert_payload(outcome);
  CHECK(p["failures"].size() == kMaxPayloadNodes);
  CHECK(p["failures_more"] == 5);
  CHECK(p["failures"][0]["message"].get<std::string>().size() <= kMaxMessageBytes + 3);
  CHECK(p["failures"][0]["compiled_path"].is_null());
  std::string text = alert_text(outcome);
  CHECK(std::count(text.begin(), text.end(), '\n') == static_cast<long>(kMaxTextNodes) + 1);
  CHECK(text.ends_with("\n\u2026 and 16 more (target/run_results.json)"));  // 25 failures and 1 warning, 10 shown
}
