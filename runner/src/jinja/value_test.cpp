#include "jinja/value.h"

#include <catch2/catch.hpp>

using namespace mrun::jinja;

TEST_CASE("Value prints as Python's str()", "[jinja][value]") {
  CHECK(Value(int64_t{42}).str() == "42");
  CHECK(Value(0.5).str() == "0.5");
  CHECK(Value(3.0).str() == "3.0");
  CHECK(Value(1e16).str() == "1e+16");
  CHECK(Value(1e-5).str() == "1e-05");
  CHECK(Value(true).str() == "True");
  CHECK(Value::none().str() == "None");
  CHECK(Value().str().empty());
  CHECK(Value::list({Value("a"), Value(1)}).str() == "['a', 1]");
  CHECK(Value::tuple({Value(1)}).str() == "(1,)");
  CHECK(Value::dict({{Value("k"), Value("v")}}).str() == "{'k': 'v'}");
  CHECK(Value::list({Value("it's")}).str() == "[\"it's\"]");
}

TEST_CASE("Value equality and truthiness follow Python", "[jinja][value]") {
  CHECK(Value(1).equals(Value(1.0)));
  CHECK(Value(true).equals(Value(1)));
  CHECK_FALSE(Value("1").equals(Value(1)));
  CHECK(Value::list({Value(1)}).equals(Value::list({Value(1)})));
  CHECK_FALSE(Value::list().truthy());
  CHECK_FALSE(Value("").truthy());
  CHECK(Value("x").truthy());
  CHECK_FALSE(Value().truthy());
}

TEST_CASE("Lists and dicts are shared by reference, dicts keep order", "[jinja][value]") {
  Value a = Value::list();
  Value b = a;
  b.list_data().items.push_back(Value(1));
  CHECK(a.list_data().items.size() == 1);
  Value d = Value::dict();
  d.dict_data().set(Value("z"), Value(1));
  d.dict_data().set(Value("a"), Value(2));
  d.dict_data().set(Value("z"), Value(3));
  CHECK(d.str() == "{'z': 3, 'a': 2}");
  REQUIRE(d.dict_data().find("a") != nullptr);
  CHECK(d.dict_data().find("a")->as_int() == 2);
}

TEST_CASE("RecordObject exposes attributes and prints its display text", "[jinja][value]") {
  auto obj = std::make_shared<RecordObject>(std::vector<std::pair<std::string, Value>>{{"schema", Value("s")}},
                                            "\"s\".\"t\"");
  Value v = Value::object(obj);
  CHECK(v.str() == "\"s\".\"t\"");
  CHECK(v.attribute("schema").str() == "s");
  CHECK(v.attribute("missing").is_undefined());
}
