#include "artifacts/config_value_json.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "project/config_text.h"

using mrun::artifacts::config_value_json;

namespace {
nlohmann::ordered_json yaml_to_json(const char* yaml) {
  return nlohmann::ordered_json::parse(config_value_json(mrun::project::parse_config_text(yaml, "test.yml")));
}
}  // namespace

TEST_CASE("plain YAML scalars become JSON numbers, bools and nulls") {
  auto j = yaml_to_json(
      "{i: 42, neg: -7, f: 2.5, e: 1e3, t: true, y: yes, off: Off, n: ~, s: table, zip: 007, "
      "quoted_int: '42', quoted_bool: \"true\", big: 123456789012345678901234567890, inf: .inf}");
  CHECK(j["i"] == 42);
  CHECK(j["neg"] == -7);
  CHECK(j["f"] == 2.5);
  CHECK(j["e"] == 1000.0);
  CHECK(j["t"] == true);
  CHECK(j["y"] == true);
  CHECK(j["off"] == false);
  CHECK(j["n"].is_null());
  CHECK(j["s"] == "table");
  CHECK(j["zip"] == "007");
  CHECK(j["quoted_int"] == "42");
  CHECK(j["quoted_bool"] == "true");
  CHECK(j["big"] == "123456789012345678901234567890");
  CHECK(j["inf"] == ".inf");
}

TEST_CASE("YAML maps keep their order and sequences nest") {
  auto j = yaml_to_json("{z: [1, a, {k: false}], a: {}, m: []}");
  CHECK(j.dump() == R"({"z":[1,"a",{"k":false}],"a":{},"m":[]})");
  CHECK(config_value_json(mrun::project::ConfigValue()) == "null");
}
