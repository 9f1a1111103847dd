#include <catch2/catch.hpp>

#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "util/json_event.h"
#include "util/json_output.h"
#include "util/strings.h"

using mrun::JsonOutput;

TEST_CASE("json output: every line printed becomes a JSON event, events pass as they are") {
  std::stringstream out, err;
  auto* cout_before = std::cout.rdbuf(out.rdbuf());
  auto* cerr_before = std::cerr.rdbuf(err.rdbuf());
  {
    JsonOutput json;
    std::cout << "jaffle_shop.marts.customers\n" << mrun::json_event("run_started", {{"nodes", 3}}) << "\n";
    std::cerr << "\rfetch [#.....]  10%\rfetch [######] 100%\x1b[K\r\x1b[Kfetch: downloaded 1 MB" << std::endl;
    std::cout << "no newline at the end";
  }
  std::cout.rdbuf(cout_before);
  std::cerr.rdbuf(cerr_before);

  auto out_lines = mrun::split(out.str(), '\n');
  REQUIRE(out_lines.size() == 4);  // three lines and the empty rest
  auto first = nlohmann::json::parse(out_lines[0]);
  CHECK(first["event"] == "output");
  CHECK(first["stream"] == "stdout");
  CHECK(first["message"] == "jaffle_shop.marts.customers");
  CHECK(nlohmann::json::parse(out_lines[1])["event"] == "run_started");
  CHECK(nlohmann::json::parse(out_lines[2])["message"] == "no newline at the end");
  auto progress = nlohmann::json::parse(mrun::split(err.str(), '\n')[0]);
  CHECK(progress["stream"] == "stderr");
  CHECK(progress["message"] == "fetch: downloaded 1 MB");
}
