#include "parse/config_value_jinja.h"

#include <catch2/catch.hpp>

#include "project/config_text.h"

using mrun::jinja::Value;
using mrun::parse::config_value;
using mrun::parse::template_value;
using mrun::project::ConfigValue;
using Kind = ConfigValue::Kind;

namespace {
ConfigValue yaml(const char* text) { return mrun::project::parse_config_text(text, "c.yml"); }
}  // namespace

TEST_CASE("config values become template values of their type") {
  Value v = template_value(yaml("{i: 7, f: 2.5, y: yes, q: 'yes', lead: 01, n: ~, s: [a, {k: 1}]}"));
  CHECK(v.repr() == "{'i': 7, 'f': 2.5, 'y': True, 'q': 'yes', 'lead': '01', 'n': None, 's': ['a', {'k': 1}]}");
  CHECK(template_value(ConfigValue()).is_none());
}

TEST_CASE("template values become config values as plain YAML reads them") {
  Value dict = Value::dict();
  dict.dict_data().set(Value("b"), Value(true));
  dict.dict_data().set(Value("i"), Value(int64_t{5}));
  dict.dict_data().set(Value("f"), Value(0.1));
  dict.dict_data().set(Value("whole"), Value(1.0));
  dict.dict_data().set(Value("s"), Value("table"));
  dict.dict_data().set(Value("digits"), Value("12"));
  dict.dict_data().set(Value("lead"), Value("01"));
  dict.dict_data().set(Value("n"), Value::none());
  dict.dict_data().set(Value("l"), Value::list({Value("x"), Value(int64_t{2})}));
  ConfigValue c = config_value(dict);
  REQUIRE(c.is_map());
  CHECK(c.entries()[0].first == "b");
  CHECK(c["b"].kind() == Kind::Bool);
  CHECK(c["b"].text() == "true");
  CHECK(c["i"].kind() == Kind::Integer);
  CHECK(c["f"].kind() == Kind::Float);
  CHECK(c["f"].as_double() == 0.1);
  CHECK(c["whole"].kind() == Kind::Integer);  // spelled "1", as configs set by config() always were
  CHECK(c["s"].kind() == Kind::String);
  CHECK(c["digits"].kind() == Kind::Integer);
  CHECK(c["lead"].kind() == Kind::String);
  REQUIRE(c.find("n") != nullptr);
  CHECK(c["n"].is_null());
  CHECK(c["l"].items()[1].as_integer() == 2);
  CHECK(config_value(Value()).is_null());
}

TEST_CASE("a config value survives the way to a template and back") {
  ConfigValue original = yaml("{tags: [a, b], meta: {owner: me, n: 3, ok: true, r: 2.5}}");
  Value once = template_value(original);
  CHECK(template_value(config_value(once)).repr() == once.repr());
}
