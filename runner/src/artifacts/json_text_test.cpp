#include "artifacts/json_text.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>

using mrun::artifacts::append_json_number;
using mrun::artifacts::append_json_string;
using mrun::artifacts::json_text;
using mrun::artifacts::JsonWriter;
using mrun::artifacts::write_members_in_parallel;

TEST_CASE("json_text is compact JSON and replaces invalid UTF-8, also after a large text") {
  nlohmann::ordered_json large = std::string(2 << 20, 'x');  // past the buffer a thread keeps
  CHECK(json_text(large).size() == (2u << 20) + 2);
  nlohmann::ordered_json value = {{"b", 1}, {"a", {true, nullptr, "q\"uote"}}, {"bad", std::string("a\xff")}};
  // U+FFFD, written as UTF-8 (the text is not ASCII-escaped)
  CHECK(json_text(value) == "{\"b\":1,\"a\":[true,null,\"q\\\"uote\"],\"bad\":\"a\xEF\xBF\xBD\"}");
  CHECK(json_text(nlohmann::ordered_json::object()) == "{}");
}

TEST_CASE("JsonWriter writes what json_text writes for the same value") {
  std::string text = "prefix:";
  JsonWriter out(text);
  out.begin_object();
  out.key("name").string("a \"quoted\"\n\ttab\x01 é 😀");
  out.key("empty").string_or_null("");
  out.key("list").begin_array();
  out.integer(-9223372036854775807LL - 1);
  out.number(0.1);
  out.number(100.0);
  out.number(1e-7);
  out.number(std::nan(""));
  out.boolean(false);
  out.null();
  out.begin_object();
  out.end_object();
  out.begin_array();
  out.end_array();
  out.end_array();
  out.key("raw").raw(R"({"x":[1]})");
  out.key("key \\ \"q\"").boolean(true);
  out.end_object();
  nlohmann::ordered_json expected = {
      {"name", "a \"quoted\"\n\ttab\x01 é 😀"},
      {"empty", nullptr},
      {"list",
       {-9223372036854775807LL - 1, 0.1, 100.0, 1e-7, nullptr, false, nullptr, nlohmann::ordered_json::object(),
        nlohmann::ordered_json::array()}},
      {"raw", {{"x", {1}}}},
      {"key \\ \"q\"", true}};
  CHECK(text == "prefix:" + json_text(expected));
}

TEST_CASE("append_json_string matches json_text on random bytes, valid and invalid UTF-8") {
  // Bytes biased towards the interesting ones: controls, quotes, and the
  // leads and continuations of every UTF-8 length, well formed or not.
  const unsigned char alphabet[] = {0x00, 0x01, 0x08, 0x09, 0x0A, 0x0C, 0x0D, 0x1F, 0x20, '"',  '\\', '/',
                                    'a',  0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF,
                                    0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};
  std::mt19937 random(42);
  for (int n = 0; n < 100000; ++n) {
    std::string s(random() % 41, ' ');  // past 8 bytes: the word-at-a-time scan
    for (auto& c : s) c = static_cast<char>(alphabet[random() % sizeof alphabet]);
    std::string mine;
    append_json_string(mine, s);
    std::string hex;
    for (unsigned char c : s) hex += "0123456789abcdef"[c >> 4], hex += "0123456789abcdef"[c & 0xF], hex += ' ';
    INFO("bytes: " << hex);
    REQUIRE(mine == json_text(nlohmann::ordered_json(s)));
  }
}

TEST_CASE("append_json_string matches json_text on long texts of mostly plain bytes") {
  // Runs of plain bytes (the word-at-a-time path), now and then one that is not.
  const unsigned char plain[] = {'a', 'Z', ' ', '!', '#', '/', '[', ']', '~', 0x7F, '0'};
  const unsigned char other[] = {0x00, 0x1F, '\n', '\t', '"', '\\', 0x80, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xFF};
  std::mt19937 random(3);
  for (int n = 0; n < 20000; ++n) {
    std::string s(random() % 200, ' ');
    for (auto& c : s)
      c = static_cast<char>(random() % 16 ? plain[random() % sizeof plain] : other[random() % sizeof other]);
    std::string mine;
    append_json_string(mine, s);
    REQUIRE(mine == json_text(nlohmann::ordered_json(s)));
  }
}

TEST_CASE("append_json_number matches json_text on random doubles") {
  std::mt19937_64 random(7);
  auto check = [](double d) {
    std::string mine;
    append_json_number(mine, d);
    REQUIRE(mine == json_text(nlohmann::ordered_json(d)));
  };
  for (double d : {0.0, -0.0, 1.0, 1e15, 1e16, 1e17, 1e21, 1e-5, 123456.789, std::numeric_limits<double>::max(),
                   std::numeric_limits<double>::denorm_min(), std::numeric_limits<double>::infinity()})
    check(d);
  for (int n = 0; n < 20000; ++n) {
    uint64_t bits = random();
    double d;
    std::memcpy(&d, &bits, sizeof d);
    check(d);
    check(static_cast<double>(static_cast<int64_t>(bits >> (n % 60))) / 1000.0);
  }
}

TEST_CASE("members written apart on every core are spliced in index order") {
  std::string text;
  JsonWriter doc(text);
  doc.begin_object();
  doc.key("first").integer(1);
  doc.key("nodes").begin_object();
  write_members_in_parallel(doc, 1000, [](size_t k, JsonWriter& out) {
    out.key("n" + std::to_string(k)).begin_array();
    out.integer(static_cast<int64_t>(k));
    out.end_array();
  });
  doc.end_object();
  doc.key("none").begin_array();
  write_members_in_parallel(doc, 0, [](size_t, JsonWriter&) {});
  doc.end_array();
  doc.end_object();
  nlohmann::ordered_json expected = {{"first", 1}, {"nodes", nlohmann::ordered_json::object()},
                                     {"none", nlohmann::ordered_json::array()}};
  for (int k = 0; k < 1000; ++k) expected["nodes"]["n" + std::to_string(k)] = {k};
  CHECK(text == json_text(expected));
}
