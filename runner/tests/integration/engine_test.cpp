// The execution engine end to end: a dbt-shaped project built by the real
// binary on a real PostgreSQL, checked through the database and artifacts.
#include <algorithm>
#include <catch2/catch.hpp>
#include <csignal>
#include <fcntl.h>
#include <chrono>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include "cli_runner.h"
#include "test_database.h"
#include "util/strings.h"

using mrun::test::output_of;
using mrun::test::ProjectFixture;

namespace {

nlohmann::json results_by_id(const ProjectFixture& p) {
  auto doc = nlohmann::json::parse(mrun::read_file(p.dir() + "/target/run_results.json"));
  nlohmann::json out = nlohmann::json::object();
  for (const auto& r : doc["results"]) out[r["unique_id"].get<std::string>()] = r;
  return out;
}

// `mrun build` of the jaffle project whose only schema test is `test` (a
// YAML mapping) on stg_orders.`column`.
mrun::ProcessResult build_with_stg_orders_test(const ProjectFixture& p, const std::string& column,
                                               const std::string& test) {
  p.write("models/staging/schema.yml", "version: 2\nmodels:\n  - name: stg_orders\n    columns:\n      - name: " +
                                           column + "\n        tests:\n          - " + test + "\n");
  return p.mrun({"build"});
}

}  // namespace

TEST_CASE("a dbt-shaped project builds: seeds, views, tables, ephemeral, incremental, tests, hooks") {
  ProjectFixture p("jaffle", "it_jaffle_build");
  auto r = p.mrun({"build"});
  INFO(output_of(r));
  REQUIRE(r.exit_code == 0);

  // Seeds land in target schema + "_raw" (dbt's generate_schema_name), with inferred types.
  CHECK(p.query_value("select count(*) from public_raw.raw_orders") == "20");
  CHECK(p.query_value("select data_type from information_schema.columns where table_schema = 'public_raw' "
                      "and table_name = 'raw_orders' and column_name = 'order_date'") == "date");
  // Views and tables as configured.
  CHECK(p.query_value("select table_type from information_schema.tables where table_name = 'stg_orders'") == "VIEW");
  CHECK(p.query_value("select table_type from information_schema.tables where table_name = 'customers'") ==
        "BASE TABLE");
  CHECK(p.query_value("select count(*) from public.customers") == "10");
  CHECK(p.query_value("select count(*) from public.orders") == "20");
  CHECK(p.query_value("select amount::text from public.orders where order_id = 9") == "23.00");
  // The ephemeral model is not built; it is inlined as a CTE.
  CHECK(p.query_value("select count(*) from information_schema.tables where table_name = 'stg_payments'") == "0");
  std::string compiled = mrun::read_file(p.dir() + "/target/compiled/jaffle_shop/models/marts/orders.sql");
  CHECK(compiled.find("__dbt__cte__stg_payments as (") != std::string::npos);
  // Hooks: the post_hook index, the indexes config, on-run-start/end.
  CHECK(p.query_value("select count(*) from pg_indexes where indexname = 'customers_first_order_idx'") == "1");
  CHECK(p.query_value("select count(*) from pg_indexes where tablename = 'orders' and indexdef like '%order_date%'") ==
        "1");
  CHECK(p.query_value("select count(*) from public_audit.run_log where event = 'end'") == "1");

  auto results = results_by_id(p);
  CHECK(results["model.jaffle_shop.customers"]["status"] == "success");
  CHECK(results["seed.jaffle_shop.raw_orders"]["status"] == "success");
  CHECK(results["test.jaffle_shop.unique_customers_customer_id"]["status"] == "pass");
  CHECK(results["test.jaffle_shop.assert_total_payment_amount_is_positive"]["status"] == "pass");
  // Orders of unknown customers: the relationships test warns (severity warn), it does not fail the build.
  CHECK(results["test.jaffle_shop.relationships_orders_customer_id__customer_id__ref_customers_"]["status"] ==
        "warn");
  auto manifest = nlohmann::json::parse(mrun::read_file(p.dir() + "/target/manifest.json"));
  CHECK(manifest["nodes"].contains("model.jaffle_shop.orders"));
  // manifest.json carries what the run compiled, as dbt's does.
  CHECK(manifest["nodes"]["model.jaffle_shop.orders"]["compiled"] == true);
  CHECK(manifest["nodes"]["model.jaffle_shop.orders"]["compiled_code"] == compiled);
  CHECK(manifest["nodes"]["test.jaffle_shop.unique_orders_order_id"]["compiled"] == true);
  CHECK(results["model.jaffle_shop.orders"]["compiled_code"] == compiled);  // and run_results.json still does
  // A description written as "{{ doc('orders_status') }}" holds the docs block's text.
  const auto& status = manifest["nodes"]["model.jaffle_shop.stg_orders"]["columns"]["status"]["description"];
  CHECK(status.get<std::string>().rfind("One of the following values:", 0) == 0);
  auto deps = manifest["nodes"]["model.jaffle_shop.customers"]["depends_on"]["nodes"];
  CHECK(std::find(deps.begin(), deps.end(), "model.jaffle_shop.orders") != deps.end());
}

TEST_CASE("incremental models merge by unique_key, and --full-refresh rebuilds") {
  ProjectFixture p("jaffle", "it_jaffle_incremental");
  REQUIRE(p.mrun({"seed"}).exit_code == 0);
  auto first = p.mrun({"run"});
  INFO(output_of(first));
  REQUIRE(first.exit_code == 0);
  CHECK(p.query_value("select count(*) from order_events") == "20");
  CHECK(p.query_value("with u as (update order_events set status = 'stale' returning 1) select count(*) from u") == "20");
  auto second = p.mrun({"run", "-s", "order_events"});
  INFO(output_of(second));
  REQUIRE(second.exit_code == 0);
  // Only rows at or after the newest order_date were re-read and replaced.
  CHECK(p.query_value("select count(*) from order_events") == "20");
  CHECK(p.query_value("select count(*) from order_events where status = 'stale'") == "19");
  REQUIRE(p.mrun({"run", "-s", "order_events", "--full-refresh"}).exit_code == 0);
  CHECK(p.query_value("select count(*) from order_events where status = 'stale'") == "0");
}

TEST_CASE("selectors pick nodes as dbt does") {
  ProjectFixture p("jaffle", "it_jaffle_select");
  auto names = [&](std::vector<std::string> args) {
    std::vector<std::string> argv{"ls", "--resource-type", "model"};
    argv.insert(argv.end(), args.begin(), args.end());
    auto r = p.mrun(argv);
    INFO(output_of(r));
    REQUIRE(r.exit_code == 0);
    return r.output;
  };
  std::string ancestors = names({"-s", "+customers"});
  CHECK(ancestors.find("stg_customers") != std::string::npos);
  CHECK(ancestors.find("stg_payments") != std::string::npos);
  CHECK(ancestors.find("order_events") == std::string::npos);
  std::string descendants = names({"-s", "stg_orders+"});
  CHECK(descendants.find("order_events") != std::string::npos);
  CHECK(descendants.find("stg_customers") == std::string::npos);
  std::string tagged = names({"-s", "tag:nightly", "--exclude", "customers"});
  CHECK(tagged.find("orders") != std::string::npos);
  CHECK(tagged.find("customers") == std::string::npos);
  std::string by_path = names({"-s", "path:models/staging"});
  CHECK(by_path.find("stg_orders") != std::string::npos);
  CHECK(by_path.find("jaffle_shop.marts") == std::string::npos);
}

TEST_CASE("a failing model skips its descendants and the run exits 1") {
  ProjectFixture p("jaffle", "it_jaffle_failure");
  p.write("models/staging/stg_orders.sql", "select id as order_id, no_such_column from {{ ref('raw_orders') }}\n");
  auto r = p.mrun({"build"});
  INFO(output_of(r));
  CHECK(r.exit_code == 1);
  auto results = results_by_id(p);
  CHECK(results["model.jaffle_shop.stg_orders"]["status"] == "error");
  CHECK(results["model.jaffle_shop.orders"]["status"] == "skipped");
  CHECK(results["model.jaffle_shop.customers"]["status"] == "skipped");
  CHECK(results["model.jaffle_shop.stg_customers"]["status"] == "success");
  CHECK(r.output.find("no_such_column") != std::string::npos);
}

TEST_CASE("a failing error-severity test stops the model's children in build") {
  ProjectFixture p("jaffle", "it_jaffle_test_failure");
  auto r = build_with_stg_orders_test(p, "status", "accepted_values: {values: ['completed']}");
  INFO(output_of(r));
  CHECK(r.exit_code == 1);
  auto results = results_by_id(p);
  CHECK(results["test.jaffle_shop.accepted_values_stg_orders_status__completed"]["status"] == "fail");
  CHECK(results["test.jaffle_shop.accepted_values_stg_orders_status__completed"]["failures"] == 1);
  CHECK(results["model.jaffle_shop.orders"]["status"] == "skipped");
  CHECK(r.output.find("compiled SQL:") != std::string::npos);
}

TEST_CASE("a failing relationships test holds back the descendants of both models it tests in build") {
  ProjectFixture p("jaffle", "it_jaffle_relationships_failure");
  // Orders of customers 1-3 lose their customer.
  p.write("models/staging/stg_customers.sql",
          "select id as customer_id, first_name, last_name from {{ ref('raw_customers') }} where id > 3\n");
  auto r =
      build_with_stg_orders_test(p, "customer_id", "relationships: {to: ref('stg_customers'), field: customer_id}");
  INFO(output_of(r));
  CHECK(r.exit_code == 1);
  auto results = results_by_id(p);
  CHECK(results["test.jaffle_shop.relationships_stg_orders_customer_id__customer_id__ref_stg_customers_"]["status"] ==
        "fail");
  CHECK(results["model.jaffle_shop.stg_orders"]["status"] == "success");
  CHECK(results["model.jaffle_shop.stg_customers"]["status"] == "success");
  // orders descends from stg_orders only, customers from both, order_events from orders.
  CHECK(results["model.jaffle_shop.orders"]["status"] == "skipped");
  CHECK(results["model.jaffle_shop.customers"]["status"] == "skipped");
  CHECK(results["model.jaffle_shop.order_events"]["status"] == "skipped");
  CHECK(p.query_value("select count(*) from information_schema.tables where table_name = 'orders'") == "0");
}

TEST_CASE("fail-fast stops dispatching after the first failure") {
  ProjectFixture p("jaffle", "it_jaffle_fail_fast");
  p.write("models/staging/stg_customers.sql", "select syntax error\n");
  auto r = p.mrun({"build", "--fail-fast", "--threads", "1"});
  INFO(output_of(r));
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("--fail-fast") != std::string::npos);
  auto results = results_by_id(p);
  CHECK(results["model.jaffle_shop.order_events"]["status"] == "skipped");
}

TEST_CASE("project errors exit 2 and name the file") {
  ProjectFixture p("jaffle", "it_jaffle_errors");
  p.write("models/a.sql", "select * from {{ ref('b') }}\n");
  p.write("models/b.sql", "select * from {{ ref('a') }}\n");
  auto cycle = p.mrun({"run"});
  INFO(output_of(cycle));
  CHECK(cycle.exit_code == 2);
  CHECK((cycle.output.find("a -> b -> a") != std::string::npos || cycle.output.find("b -> a -> b") != std::string::npos));
  p.remove("models/b.sql");
  p.write("models/a.sql", "select * from {{ ref('missing_model') }}\n");
  auto missing = p.mrun({"run"});
  CHECK(missing.exit_code == 2);
  CHECK(missing.output.find("models/a.sql") != std::string::npos);
  CHECK(missing.output.find("missing_model") != std::string::npos);
  p.write("models/a.sql", "select {{ 1 + }}\n");
  auto syntax = p.mrun({"compile"});
  CHECK(syntax.exit_code == 2);
  CHECK(syntax.output.find("models/a.sql:1:") != std::string::npos);
}

TEST_CASE("Ctrl-C cancels running queries and ends the run") {
  ProjectFixture p("jaffle", "it_jaffle_cancel");
  p.write("models/slow.sql", "{{ config(materialized='table') }} select pg_sleep(60)::text as waited\n");
  auto run = p.start({"run", "-s", "slow"});
  const std::string sleeping =
      "select count(*) from pg_stat_activity where datname = current_database() and query like '%pg_sleep(60)%' "
      "and pid <> pg_backend_pid()";
  // Wait until the query runs, then interrupt.
  bool running = false;
  for (int i = 0; i < 100 && !running; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    running = p.query_value(sleeping) != "0";
  }
  REQUIRE(running);
  auto t0 = std::chrono::steady_clock::now();
  run.signal(SIGINT);
  auto result = run.wait();
  double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  INFO(result.output);
  CHECK(result.exit_code == 1);
  CHECK(waited < 20);
  CHECK(p.query_value(sleeping) == "0");
}

TEST_CASE("overlapping runs on one database are refused") {
  ProjectFixture p("jaffle", "it_jaffle_lock");
  pqxx::connection holder(p.url());
  pqxx::nontransaction tx(holder);
  tx.exec("select pg_advisory_lock(hashtext('mrun run: jaffle_shop'))");
  auto r = p.mrun({"run"});
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("another mrun run") != std::string::npos);
}

TEST_CASE("log-format json prints one JSON object per line") {
  ProjectFixture p("jaffle", "it_jaffle_json");
  auto r = p.mrun({"seed", "--log-format", "json"});
  INFO(output_of(r));
  REQUIRE(r.exit_code == 0);
  int finished = 0;
  for (const auto& line : mrun::split(r.output, '\n')) {
    if (line.empty()) continue;
    auto event = nlohmann::json::parse(line);
    if (event["event"] == "node_finished") {
      ++finished;
      CHECK(event["status"] == "success");
    }
  }
  CHECK(finished == 3);
}

TEST_CASE("store-failures keeps the failing rows") {
  ProjectFixture p("jaffle", "it_jaffle_store_failures");
  REQUIRE(p.mrun({"build", "--exclude", "relationships_orders_customer_id__customer_id__ref_customers_"}).exit_code == 0);
  p.write("tests/no_returns.sql", "select * from {{ ref('orders') }} where status = 'returned'\n");
  auto r = p.mrun({"test", "-s", "no_returns", "--store-failures"});
  INFO(output_of(r));
  CHECK(r.exit_code == 1);
  CHECK(p.query_value("select count(*) from public_test_failures.no_returns") == "4");
}

TEST_CASE("compile --inline renders with the project context") {
  ProjectFixture p("jaffle", "it_jaffle_inline");
  auto r = p.mrun({"compile", "--inline", "select * from {{ ref('orders') }} -- {{ var('min_order_date') }}"});
  INFO(output_of(r));
  REQUIRE(r.exit_code == 0);
  CHECK(r.output.find("select * from \"public\".\"orders\" -- 2018-01-01") != std::string::npos);
}

TEST_CASE("a lost connection is named as such and the next node reconnects") {
  ProjectFixture p("jaffle", "it_jaffle_lost_connection");
  p.write("models/a_dies.sql", "{{ config(materialized='table') }} select pg_terminate_backend(pg_backend_pid()) as x\n");
  p.write("models/b_lives.sql", "{{ config(materialized='table') }} select 1 as y\n");
  auto r = p.mrun({"run", "-s", "a_dies b_lives", "--threads", "1"});
  INFO(r.output);
  CHECK(r.exit_code == 3);  // transient: a retry may succeed
  CHECK(r.output.find("the database server went away (connection lost)") != std::string::npos);
  CHECK(r.output.find("not connected") == std::string::npos);
  // Built on a new connection (in its shadow: the run failed, so it published nothing).
  CHECK(p.query_value("select y from public__mrun_shadow.b_lives") == "1");
}

TEST_CASE("a build with --threads 1 holds one connection beside the run lock's and the run state's, during a seed's COPY too") {
  ProjectFixture p("jaffle", "it_jaffle_connection_budget");
  std::string big = "id,label\n";
  for (int i = 1; i <= 1000000; ++i) big += std::to_string(i) + ",label-" + std::to_string(i) + "\n";
  p.write("seeds/big_seed.csv", big);
  // Every connection of the run carries the run lock's application_name
  // (so do the parallel workers of its queries: not connections).
  const std::string sample =
      "select count(*) filter (where application_name = 'mrun run: jaffle_shop' and backend_type = 'client backend') "
      "|| ',' || "
      "count(*) filter (where state = 'active' and query like 'COPY %big_seed%') "
      "from pg_stat_activity where datname = current_database()";
  auto build = p.start({"build", "--threads", "1"});
  // The most connections seen in three samples in a row: a connection mrun
  // has closed stays in pg_stat_activity until its backend has exited, a
  // moment after (longer on a loaded machine: two samples in a row saw 4 when
  // other work ran beside the test), so a sample may see it beside the one
  // that replaced it.
  int peak = 0, before_previous = 0, previous = 0;
  bool started = false, saw_copy = false;
  for (int i = 0; i < 12000; ++i) {  // until the run's connections are gone (at most 60 s)
    auto counts = mrun::split(p.query_value(sample), ',');
    int connections = std::stoi(counts[0]);
    peak = std::max(peak, std::min({before_previous, previous, connections}));
    before_previous = previous;
    previous = connections;
    saw_copy = saw_copy || counts[1] != "0";
    if (connections > 0) started = true;
    if (started && connections == 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  auto result = build.wait();
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  CHECK(saw_copy);  // sampled while the seed loaded
  CHECK(peak == 3);  // the run lock's, the run state's (task/run_record.h) and the one worker's
  CHECK(p.query_value("select count(*) from public_raw.big_seed") == "1000000");
}

TEST_CASE("Ctrl-C during a large seed cancels its COPY, and the previous seed table stays") {
  ProjectFixture p("jaffle", "it_jaffle_seed_cancel");
  p.write("seeds/big_seed.csv", "id,label\n1,first\n");
  REQUIRE(p.mrun({"seed", "-s", "big_seed"}).exit_code == 0);
  std::string big = "id,label\n";
  for (int i = 1; i <= 4000000; ++i) big += std::to_string(i) + ",label-" + std::to_string(i) + "\n";
  p.write("seeds/big_seed.csv", big);
  const std::string copying = "select count(*) from pg_stat_activity where datname = current_database() and "
                              "state = 'active' and query like 'COPY %big_seed%'";
  auto seed = p.start({"seed", "-s", "big_seed"});
  bool running = false;
  for (int i = 0; i < 3000 && !running; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    running = p.query_value(copying) != "0";
  }
  REQUIRE(running);
  seed.signal(SIGINT);
  auto result = seed.wait();
  INFO(result.output);
  CHECK(result.exit_code == 1);
  CHECK(p.query_value(copying) == "0");
  CHECK(p.query_value("select string_agg(id || label, ',') from public_raw.big_seed") == "1first");
}

TEST_CASE("Jinja in dbt_project.yml configs is rendered as dbt renders it, hooks when they run") {
  ProjectFixture p("jaffle", "it_project_config_jinja");
  std::string project = mrun::read_file(p.dir() + "/dbt_project.yml");
  project = mrun::replace_all(project, "    marts:\n      +materialized: table\n",
                              "    marts:\n      +materialized: \"{{ 'incremental' if var('marts_incremental', false) else 'table' }}\"\n"
                              "      order_events:\n        +enabled: \"{{ var('with_events', true) }}\"\n"
                              "        +post-hook: \"comment on table {{ this }} is 'events'\"\n");
  p.write("dbt_project.yml", project);

  auto listed = p.mrun({"ls", "--vars", "{with_events: false}"});
  INFO(output_of(listed));
  REQUIRE(listed.exit_code == 0);
  CHECK(!mrun::test::contains(listed.output, "jaffle_shop.marts.order_events"));
  CHECK(mrun::test::contains(listed.output, "jaffle_shop.marts.orders"));

  auto built = p.mrun({"build", "--vars", "{marts_incremental: true}"});
  INFO(output_of(built));
  REQUIRE(built.exit_code == 0);
  CHECK(mrun::test::contains(built.output, "OK incremental model public.customers"));
  // The hook was rendered when it ran, with `this` the model's relation.
  CHECK(p.query_value("select obj_description('public.order_events'::regclass, 'pg_class')") == "events");
}
