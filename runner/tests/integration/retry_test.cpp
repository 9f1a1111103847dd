// `mrun retry` through the binary (task/retry_task.h): it runs exactly the
// nodes that failed or were skipped in the last run, with that run's
// command and flags; after a failed load, the whole build again; nothing
// when the last run succeeded.
#include <algorithm>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "cli_runner.h"
#include "util/strings.h"

using mrun::test::contains;
using mrun::test::output_of;
using mrun::test::ProjectFixture;
using Ids = std::set<std::string>;

namespace {

nlohmann::json run_results(const ProjectFixture& p) {
  return nlohmann::json::parse(mrun::read_file(p.dir() + "/target/run_results.json"));
}

// The unique ids of the results whose status is one of `statuses`.
Ids results_with(const nlohmann::json& results, const Ids& statuses) {
  Ids ids;
  for (const auto& r : results["results"])
    if (statuses.count(r["status"].get<std::string>())) ids.insert(r["unique_id"].get<std::string>());
  return ids;
}

// The unique ids of the node_finished events of a --log-format json run.
Ids finished_nodes(const std::string& output) {
  Ids ids;
  for (const std::string& line : mrun::split(output, '\n')) {
    if (!contains(line, "\"event\":\"node_finished\"")) continue;
    ids.insert(nlohmann::json::parse(line)["unique_id"].get<std::string>());
  }
  return ids;
}

}  // namespace

TEST_CASE("retry builds exactly the failed and skipped nodes of the last build, then has nothing to retry") {
  ProjectFixture p("jaffle", "it_retry_build");
  const std::string model = "models/staging/stg_orders.sql";
  const std::string good_sql = mrun::read_file(p.dir() + "/" + model);
  p.write(model, "select id as order_id, no_such_column from {{ ref('raw_orders') }}\n");

  // per_node: what succeeded stays published, so the retry builds only the
  // rest (an atomic run that failed is retried whole: publish_test.cpp).
  auto failed = p.mrun({"build", "--threads", "2", "--publish", "per_node"});
  INFO(output_of(failed));
  REQUIRE(failed.exit_code == 1);
  nlohmann::json first = run_results(p);
  CHECK(results_with(first, {"error"}) == Ids{"model.jaffle_shop.stg_orders"});
  Ids to_retry = results_with(first, {"error", "fail", "skipped"});
  CHECK(to_retry.count("model.jaffle_shop.orders"));     // a child
  CHECK(to_retry.count("model.jaffle_shop.customers"));  // a grandchild, through orders
  CHECK(std::any_of(to_retry.begin(), to_retry.end(), [](const std::string& id) { return id.rfind("test.", 0) == 0; }));
  Ids succeeded = results_with(first, {"success", "pass", "warn"});
  CHECK(succeeded.count("seed.jaffle_shop.raw_orders"));
  CHECK(p.query_value("select to_regclass('public.orders') is null") == "t");

  p.write(model, good_sql);
  auto retry = p.mrun({"retry", "--log-format", "json"});
  INFO(output_of(retry));
  REQUIRE(retry.exit_code == 0);
  CHECK(contains(retry.output, "\"event\":\"retry\""));
  CHECK(finished_nodes(retry.output) == to_retry);  // nothing that succeeded runs again
  CHECK(p.query_value("select count(*) > 0 from public.orders") == "t");
  CHECK(p.query_value("select count(*) > 0 from public.customers") == "t");

  // run_results.json is the retry's: the same command and flags, its own nodes.
  nlohmann::json second = run_results(p);
  CHECK(second["metadata"]["invocation_id"] != first["metadata"]["invocation_id"]);
  CHECK(second["args"]["which"] == "build");
  CHECK(second["args"]["threads"] == 2);
  CHECK(second["args"]["unique_ids"].get<Ids>() == to_retry);
  CHECK(results_with(second, {"success", "pass", "warn"}) == to_retry);

  auto again = p.mrun({"retry"});
  INFO(output_of(again));
  CHECK(again.exit_code == 0);
  CHECK(contains(again.output, "nothing to retry: the last run (build, " +
                                   second["metadata"]["invocation_id"].get<std::string>() + ") succeeded"));
}

TEST_CASE("retry of a run whose model still fails keeps failing with what still fails") {
  ProjectFixture p("jaffle", "it_retry_still_failing");
  REQUIRE(p.mrun({"seed"}).exit_code == 0);
  p.write("models/marts/orders.sql", "select no_such_column from {{ ref('stg_orders') }}\n");
  auto failed = p.mrun({"run", "-s", "stg_orders+", "--publish", "per_node"});
  INFO(output_of(failed));
  REQUIRE(failed.exit_code == 1);
  Ids to_retry = results_with(run_results(p), {"error", "skipped"});
  CHECK(to_retry.count("model.jaffle_shop.orders"));
  CHECK_FALSE(to_retry.count("model.jaffle_shop.stg_orders"));

  auto retry = p.mrun({"retry", "--log-format", "json"});
  INFO(output_of(retry));
  CHECK(retry.exit_code == 1);
  CHECK(finished_nodes(retry.output) == to_retry);  // models only: the command was run
  nlohmann::json after = run_results(p);
  CHECK(after["args"]["which"] == "run");
  CHECK(after["args"]["select"] == nlohmann::json::array({"stg_orders+"}));
  CHECK(after["args"]["publish"] == "per_node");
  CHECK(results_with(after, {"error", "skipped"}) == to_retry);
}

TEST_CASE("retry after a failed load builds the whole project again, load first, and then does not reload") {
  ProjectFixture p("sources", "it_retry_load");
  p.remove("models/.old/sources.yml");
  const std::string good_csv = mrun::read_file(p.dir() + "/data/people.csv");
  const std::string good_model = mrun::read_file(p.dir() + "/models/people_names.sql");
  p.remove("data/people.csv");  // the drop misses a file: the load fails
  p.write("models/people_names.sql", "select no_such_column from {{ source('raw', 'people') }}\n");

  auto failed = p.mrun({"build", "--publish", "per_node"});
  INFO(output_of(failed));
  REQUIRE(failed.exit_code == 1);
  nlohmann::json first = run_results(p);
  CHECK(first["args"]["load"] == "failed");
  CHECK(first["results"].empty());

  // The data is fixed: the retry loads, then the model fails.
  p.write("data/people.csv", good_csv);
  auto whole = p.mrun({"retry"});
  INFO(output_of(whole));
  CHECK(whole.exit_code == 1);
  CHECK(contains(whole.output, "whole: its load failed"));
  CHECK(contains(whole.output, "load committed"));
  CHECK(run_results(p)["args"]["load"] == "done");
  CHECK(results_with(run_results(p), {"error"}) == Ids{"model.sources.people_names"});

  // The model is fixed: its retry does not load again.
  p.write("models/people_names.sql", good_model);
  auto model_only = p.mrun({"retry"});
  INFO(output_of(model_only));
  CHECK(model_only.exit_code == 0);
  CHECK_FALSE(contains(model_only.output, "load committed"));
  CHECK(p.query_value("select people from public.people_names") == "3");
  CHECK(run_results(p)["args"]["no_load"] == true);
  CHECK(contains(p.mrun({"retry"}).output, "nothing to retry"));
}

TEST_CASE("retry without run_results.json, or after compile, refuses with exit 2") {
  ProjectFixture p("jaffle", "it_retry_refused");
  auto none = p.mrun({"retry"});
  INFO(output_of(none));
  CHECK(none.exit_code == 2);
  CHECK(contains(none.output, "run_results.json: mrun retry reruns what failed in the last mrun build, run, test or seed"));

  REQUIRE(p.mrun({"compile"}).exit_code == 0);
  auto after_compile = p.mrun({"retry"});
  INFO(output_of(after_compile));
  CHECK(after_compile.exit_code == 2);
  CHECK(contains(after_compile.output, "compiled the project and ran nothing"));
}
