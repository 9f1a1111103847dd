// The order in which ready nodes run (exec/scheduler.h): the longest chain
// first, through the binary on the jaffle project.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli_runner.h"
#include "util/strings.h"

using mrun::test::output_of;
using mrun::test::ProjectFixture;

namespace {

// The unique ids of the last run's results, in the order they finished.
std::vector<std::string> finish_order(const ProjectFixture& p) {
  auto doc = nlohmann::json::parse(mrun::read_file(p.dir() + "/target/run_results.json"));
  std::vector<std::string> order;
  for (const auto& r : doc["results"]) order.push_back(r["unique_id"].get<std::string>());
  return order;
}

}  // namespace

TEST_CASE("of the ready nodes, the head of the longest chain runs first, whatever the names") {
  ProjectFixture p("jaffle", "it_scheduler_order");
  // Both ready at the start: a lone model first in name order, and the head
  // of a chain of three.
  p.write("models/aaa_alone.sql", "select 1 as x\n");
  p.write("models/zz_1.sql", "select 1 as x\n");
  p.write("models/zz_2.sql", "select * from {{ ref('zz_1') }}\n");
  p.write("models/zz_3.sql", "select * from {{ ref('zz_2') }}\n");
  auto r = p.mrun({"run", "-s", "aaa_alone", "zz_1", "zz_2", "zz_3", "--threads", "1"});
  INFO(output_of(r));
  REQUIRE(r.exit_code == 0);
  // zz_2 then waits on one node less than before, still more than aaa_alone;
  // then zz_3 and aaa_alone are equals, taken in topological order.
  auto order = finish_order(p);
  REQUIRE(order.size() == 4);
  CHECK(order[0] == "model.jaffle_shop.zz_1");
  CHECK(order[1] == "model.jaffle_shop.zz_2");
}
