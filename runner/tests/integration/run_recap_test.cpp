// The recap at the end of a run (exec/run_recap.h), through the binary: the
// failed nodes, then the skipped ones, each with its file, in text and as
// the JSON event run_recap; nothing when everything succeeded.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_runner.h"
#include "util/strings.h"

using mrun::test::output_of;
using mrun::test::ProjectFixture;

TEST_CASE("run recap: the failed and skipped nodes with their files close the run") {
  ProjectFixture p("jaffle", "it_run_recap");
  auto clean = p.mrun({"build"});
  INFO(output_of(clean));
  REQUIRE(clean.exit_code == 0);
  CHECK(clean.output.find("Failed or skipped") == std::string::npos);

  p.write("models/staging/stg_orders.sql", "select id as order_id, no_such_column from {{ ref('raw_orders') }}\n");
  auto r = p.mrun({"build"});
  INFO(output_of(r));
  CHECK(r.exit_code == 1);
  size_t recap = r.output.find("Failed or skipped (");
  REQUIRE(recap != std::string::npos);
  size_t error = r.output.find("error model.jaffle_shop.stg_orders (models/staging/stg_orders.sql): ", recap);
  size_t skipped = r.output.find("skipped model.jaffle_shop.orders (models/marts/orders.sql)\n", recap);
  CHECK(error != std::string::npos);
  CHECK(skipped != std::string::npos);
  CHECK(error < skipped);  // failures first
  CHECK(r.output.find("no_such_column", error) != std::string::npos);

  auto json = p.mrun({"build", "--log-format", "json"});
  INFO(output_of(json));
  CHECK(json.exit_code == 1);
  nlohmann::json event;
  for (const std::string& line : mrun::split(json.output, '\n'))
    if (line.find("\"event\":\"run_recap\"") != std::string::npos) event = nlohmann::json::parse(line);
  REQUIRE(event.contains("nodes"));
  REQUIRE(!event["nodes"].empty());
  CHECK(event["nodes"][0]["unique_id"] == "model.jaffle_shop.stg_orders");
  CHECK(event["nodes"][0]["status"] == "error");
  CHECK(event["nodes"][0]["file"] == "models/staging/stg_orders.sql");
  bool orders_skipped = false;
  for (const auto& node : event["nodes"])
    if (node["unique_id"] == "model.jaffle_shop.orders")
      orders_skipped = node["status"] == "skipped" && node["file"] == "models/marts/orders.sql";
  CHECK(orders_skipped);
}
