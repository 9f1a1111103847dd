#include "artifacts/json_text.h"

#include <catch2/catch.hpp>
#include <string>

using mrun::artifacts::json_text;
using mrun::artifacts::JsonObjectWriter;

TEST_CASE("json_text is compact JSON and replaces invalid UTF-8, also after a large text") {
  nlohmann::ordered_json large = std::string(2 << 20, 'x');  // past the buffer a thread keeps
  CHECK(json_text(large).size() == (2u << 20) + 2);
  nlohmann::ordered_json value = {{"b", 1}, {"a", {true, nullptr, "q\"uote"}}, {"bad", std::string("a\xff")}};
  // U+FFFD, written as UTF-8 (the text is not ASCII-escaped)
  CHECK(json_text(value) == "{\"b\":1,\"a\":[true,null,\"q\\\"uote\"],\"bad\":\"a\xEF\xBF\xBD\"}");
  CHECK(json_text(nlohmann::ordered_json::object()) == "{}");
}

TEST_CASE("an object writer takes members as text and values written in place") {
  std::string out = "[";
  JsonObjectWriter doc(out);
  doc.member("first", "1");
  {
    JsonObjectWriter nested(doc.value_of("nodes"));
    nested.member("model.p.a", R"({"name":"a"})");
    nested.member("model.p.b", "{}");
    nested.close();
  }
  std::string& list = doc.value_of("list");
  list += "[2,3]";
  doc.member("key \"quoted\"", "null");
  doc.close();
  CHECK(out == R"([{"first":1,"nodes":{"model.p.a":{"name":"a"},"model.p.b":{}},"list":[2,3],"key \"quoted\"":null})");
}
