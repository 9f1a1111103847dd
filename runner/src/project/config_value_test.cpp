#include "project/config_value.h"

#include <catch2/catch.hpp>

#include "project/config_text.h"

using mrun::project::ConfigValue;
using mrun::project::parse_config_text;
using Kind = ConfigValue::Kind;

namespace {
ConfigValue yaml(const char* text) { return parse_config_text(text, "c.yml"); }
}  // namespace

TEST_CASE("plain scalars are typed as YAML 1.1 reads them and keep their text") {
  ConfigValue v = yaml("{i: 42, neg: -7, zero: 0, lead: 01, f: 2.50, e: 1e3, t: true, y: yes, o: Off, "
                       "s: table, big: 99999999999999999999, inf: .inf, call: \"ref('x')\"}");
  CHECK(v["i"].kind() == Kind::Integer);
  CHECK(v["i"].as_integer() == 42);
  CHECK(v["neg"].as_integer() == -7);
  CHECK(v["zero"].kind() == Kind::Integer);
  CHECK(v["lead"].kind() == Kind::String);  // YAML 1.1 octal: kept as text
  CHECK(v["lead"].text() == "01");
  CHECK(v["f"].kind() == Kind::Float);
  CHECK(v["f"].as_double() == 2.5);
  CHECK(v["f"].text() == "2.50");
  CHECK(v["e"].as_double() == 1000.0);
  CHECK(v["t"].kind() == Kind::Bool);
  CHECK(v["y"].as_bool());
  CHECK(v["y"].text() == "yes");  // dbt settings compare the text
  CHECK(v["o"].kind() == Kind::Bool);
  CHECK_FALSE(v["o"].as_bool());
  CHECK(v["s"].kind() == Kind::String);
  CHECK(v["big"].kind() == Kind::String);  // out of range: the digits
  CHECK(v["inf"].kind() == Kind::String);
  CHECK(v["call"].text() == "ref('x')");
}

TEST_CASE("quoted scalars are strings whatever they spell") {
  ConfigValue v = yaml("{a: '42', b: \"true\", c: '', d: '~', e: '01'}");
  for (const char* key : {"a", "b", "c", "d", "e"}) {
    INFO(key);
    CHECK(v[key].kind() == Kind::String);
    CHECK(v[key].is_scalar());
  }
  CHECK(v["a"].text() == "42");
  CHECK(v["c"].text().empty());
  CHECK(v["d"].text() == "~");
}

TEST_CASE("null differs from missing and is no scalar") {
  ConfigValue v = yaml("{tilde: ~, word: null, empty: , list: [~, 1]}");
  for (const char* key : {"tilde", "word", "empty"}) {
    INFO(key);
    REQUIRE(v.find(key) != nullptr);  // written, as null
    CHECK(v.find(key)->is_null());
    CHECK_FALSE(v.find(key)->is_scalar());
    CHECK(v.find(key)->text().empty());
  }
  CHECK(v.find("absent") == nullptr);
  CHECK(v["absent"].is_null());  // a lookup of a missing key gives null
  CHECK(v["list"].items()[0].is_null());
  CHECK(ConfigValue().is_null());
  CHECK(ConfigValue::plain("").is_null());
  CHECK(ConfigValue::plain("Null").is_null());
  CHECK(ConfigValue::string("").kind() == Kind::String);
}

TEST_CASE("maps keep written order and nest") {
  ConfigValue v = yaml("{z: 1, a: {y: [b, {k: false}], b: {}}, m: []}");
  REQUIRE(v.entries().size() == 3);
  CHECK(v.entries()[0].first == "z");
  CHECK(v.entries()[1].first == "a");
  CHECK(v.entries()[2].first == "m");
  CHECK(v["a"]["y"].items()[1]["k"].kind() == Kind::Bool);
  CHECK(v["a"]["b"].is_map());
  CHECK(v["a"]["b"].entries().empty());
  CHECK(v["m"].is_list());
  CHECK(v["m"]["x"].is_null());  // a key of a list: none
  CHECK(v["z"]["x"].is_null());  // nor of a scalar
  CHECK(v["z"].items().empty());
}

TEST_CASE("a map made with a key twice keeps its first place and the later value") {
  ConfigValue v = ConfigValue::map({{"a", ConfigValue::integer(1)},
                                    {"b", ConfigValue::integer(2)},
                                    {"a", ConfigValue::integer(3)}});
  REQUIRE(v.entries().size() == 2);
  CHECK(v.entries()[0].first == "a");
  CHECK(v["a"].as_integer() == 3);
  std::vector<ConfigValue::Entry> many;
  for (int i = 0; i < 20; ++i) many.emplace_back("k" + std::to_string(i % 10), ConfigValue::integer(i));
  ConfigValue hashed = ConfigValue::map(std::move(many));
  REQUIRE(hashed.entries().size() == 10);
  CHECK(hashed.entries()[3].first == "k3");
  CHECK(hashed["k3"].as_integer() == 13);
}

TEST_CASE("with() sets a key in place or appends it, and leaves the original alone") {
  ConfigValue vars = yaml("{a: 1, b: x}");
  ConfigValue changed = vars.with("a", ConfigValue::string("y")).with("c", ConfigValue::boolean(true));
  REQUIRE(changed.entries().size() == 3);
  CHECK(changed.entries()[0].first == "a");
  CHECK(changed["a"].text() == "y");
  CHECK(changed["c"].text() == "true");
  CHECK(vars["a"].as_integer() == 1);
  CHECK(vars.entries().size() == 2);
  CHECK(ConfigValue().with("k", ConfigValue::integer(5))["k"].as_integer() == 5);
}

TEST_CASE("values read from text know where they were written") {
  ConfigValue v = yaml("a: 1\nb:\n  - x\n  - {c: d}\n");
  CHECK(v["a"].where().str() == "c.yml:1:4");
  CHECK(v["b"].items()[1]["c"].where().str() == "c.yml:4:9");
  CHECK(ConfigValue::integer(1).where().file.empty());
}

TEST_CASE("flow_yaml prints a value as one line of YAML") {
  CHECK(mrun::project::flow_yaml(yaml("{a: 1, b: [x, 'y z'], c: ~, d: {}}")) == "{a: 1, b: [x, y z], c: ~, d: {}}");
  CHECK(mrun::project::flow_yaml(ConfigValue::map({})) == "{}");
}
