#include "artifacts/yaml_json.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using mrun::artifacts::yaml_to_json;

TEST_CASE("plain YAML scalars become JSON numbers, bools and nulls") {
  auto j = yaml_to_json(YAML::Load(
      "{i: 42, neg: -7, f: 2.5, e: 1e3, t: true, y: yes, off: Off, n: ~, s: table, zip: 007, "
      "quoted_int: '42', quoted_bool: \"true\", big: 123456789012345678901234567890, inf: .inf}"));
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
  auto j = yaml_to_json(YAML::Load("{z: [1, a, {k: false}], a: {}, m: []}"));
  CHECK(j.dump() == R"({"z":[1,"a",{"k":false}],"a":{},"m":[]})");
  CHECK(yaml_to_json(YAML::Node()).is_null());
}
