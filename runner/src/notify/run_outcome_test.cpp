#include "notify/run_outcome.h"

#include <catch2/catch.hpp>

using namespace mrun;
using namespace mrun::notify;
using project::AlertEvent;

namespace {

graph::Node node(const std::string& id, graph::NodeKind kind, const std::string& test_name = "") {
  graph::Node n;
  n.unique_id = id;
  n.kind = kind;
  n.name = id.substr(id.rfind('.') + 1);
  n.test.test_name = test_name;
  return n;
}

exec::NodeResult result(const std::string& id, exec::NodeStatus status, const std::string& message = "") {
  exec::NodeResult r;
  r.unique_id = id;
  r.status = status;
  r.message = message;
  r.compiled_path = "/p/target/compiled/p/" + id + ".sql";
  return r;
}

struct Run {
  graph::Manifest manifest;
  exec::RunSummary summary;
  Run() {
    manifest.add(node("model.p.orders", graph::NodeKind::Model));
    manifest.add(node("test.p.not_null_orders_id", graph::NodeKind::Test, "not_null"));
    manifest.add(node("test.p.row_count_change_orders", graph::NodeKind::Test, "row_count_change"));
    manifest.add(node("test.p.volume_anomaly_orders", graph::NodeKind::Test, "my_package.volume_anomaly"));
  }
  void add(const exec::NodeResult& r) {
    summary.results.push_back(r);
    summary.counts.add(r.status);
  }
  RunOutcome outcome() { return outcome_of_nodes({"id-1", "p", "build", {}}, summary, manifest, summary.exit_code()); }
};

}  // namespace

TEST_CASE("a run that succeeded has only the run_succeeded event") {
  Run run;
  run.add(result("model.p.orders", exec::NodeStatus::Success));
  run.add(result("test.p.not_null_orders_id", exec::NodeStatus::Pass));
  RunOutcome outcome = run.outcome();
  CHECK(run_status(outcome) == "success");
  CHECK(run_events(outcome) == std::vector<AlertEvent>{AlertEvent::RunSucceeded});
  CHECK(outcome.failures.empty());
  CHECK(outcome.warnings.empty());
}

TEST_CASE("a failed run lists its errors and failed tests with their compiled SQL") {
  Run run;
  run.add(result("model.p.orders", exec::NodeStatus::Error, "column \"x\" does not exist"));
  run.add(result("test.p.not_null_orders_id", exec::NodeStatus::Fail, "Got 3 results"));
  RunOutcome outcome = run.outcome();
  CHECK(outcome.exit_code == 1);
  CHECK(run_status(outcome) == "failed");
  CHECK(run_events(outcome) == std::vector<AlertEvent>{AlertEvent::RunFailed});
  REQUIRE(outcome.failures.size() == 2);
  CHECK(outcome.failures[0].name == "orders");
  CHECK(outcome.failures[0].resource_type == "model");
  CHECK(outcome.failures[0].status == "error");
  CHECK(outcome.failures[0].compiled_path == "/p/target/compiled/p/model.p.orders.sql");
  CHECK(outcome.failures[1].status == "fail");
  CHECK_FALSE(outcome.failures[1].anomaly);
}

TEST_CASE("a warning alone is test_warned, and an anomaly test that warns or fails is anomaly") {
  Run warned;
  warned.add(result("test.p.not_null_orders_id", exec::NodeStatus::Warn, "Got 1 result"));
  CHECK(run_status(warned.outcome()) == "warned");
  CHECK(run_events(warned.outcome()) == std::vector<AlertEvent>{AlertEvent::TestWarned, AlertEvent::RunSucceeded});

  Run anomaly;
  anomaly.add(result("test.p.row_count_change_orders", exec::NodeStatus::Warn));
  CHECK(anomaly.outcome().warnings.at(0).anomaly);
  CHECK(run_events(anomaly.outcome()) ==
        std::vector<AlertEvent>{AlertEvent::TestWarned, AlertEvent::Anomaly, AlertEvent::RunSucceeded});

  Run failed_anomaly;  // namespaced, failing
  failed_anomaly.add(result("test.p.volume_anomaly_orders", exec::NodeStatus::Fail));
  CHECK(run_events(failed_anomaly.outcome()) == std::vector<AlertEvent>{AlertEvent::RunFailed, AlertEvent::Anomaly});

  Run broken_anomaly;  // its SQL failed: no anomaly was found
  broken_anomaly.add(result("test.p.row_count_change_orders", exec::NodeStatus::Error, "syntax error"));
  CHECK(run_events(broken_anomaly.outcome()) == std::vector<AlertEvent>{AlertEvent::RunFailed});
}

TEST_CASE("a cancelled run, and a run whose load failed, are failed runs") {
  Run cancelled;
  cancelled.summary.cancelled = true;
  CHECK(run_status(cancelled.outcome()) == "cancelled");
  CHECK(run_events(cancelled.outcome()) == std::vector<AlertEvent>{AlertEvent::RunFailed});

  RunOutcome load = outcome_of_error({"id-2", "p", "build", {}}, 1, "the load failed");
  CHECK(run_status(load) == "failed");
  CHECK(load.error == "the load failed");
  CHECK(run_events(load) == std::vector<AlertEvent>{AlertEvent::RunFailed});
}

TEST_CASE("warnings that --warn-error made exit code 1 are a failed run") {
  Run run;
  run.add(result("test.p.not_null_orders_id", exec::NodeStatus::Warn));
  RunOutcome outcome = outcome_of_nodes({"id", "p", "test", {}}, run.summary, run.manifest, 1);
  CHECK(run_status(outcome) == "failed");
  CHECK(run_events(outcome) == std::vector<AlertEvent>{AlertEvent::RunFailed});
}

TEST_CASE("the anomaly tests are exec's row_count_change and volume_anomaly, not reject_ratio") {
  CHECK(is_anomaly_test(node("test.p.a", graph::NodeKind::Test, "row_count_change")));
  CHECK(is_anomaly_test(node("test.p.b", graph::NodeKind::Test, "volume_anomaly")));
  CHECK_FALSE(is_anomaly_test(node("test.p.c", graph::NodeKind::Test, "reject_ratio")));
  CHECK_FALSE(is_anomaly_test(node("test.p.d", graph::NodeKind::Test, "row_count")));
  CHECK_FALSE(is_anomaly_test(node("model.p.row_count_change", graph::NodeKind::Model)));
}
