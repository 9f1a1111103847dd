#include "util/json_event.h"

#include <catch2/catch.hpp>

TEST_CASE("json_event: time and event first, then the fields, one line even for bad UTF-8") {
  std::string line = mrun::json_event("load_file_finished", {{"file", "a\nb.csv"}, {"rejected", 2}, {"x", "\xC3("}});
  CHECK(line.find('\n') == std::string::npos);
  auto j = nlohmann::ordered_json::parse(line);
  auto it = j.begin();
  CHECK(it.key() == "ts");
  CHECK((++it).key() == "event");
  CHECK(j["event"] == "load_file_finished");
  CHECK(j["file"] == "a\nb.csv");
  CHECK(j["rejected"] == 2);
  CHECK(std::string(j["ts"]).size() == 20);  // 2026-11-30T11:40:00Z
}

TEST_CASE("message_line: 'level: text', or a JSON event of that level") {
  CHECK(mrun::message_line("warning", "x.yml:1:1: unknown key", false) == "warning: x.yml:1:1: unknown key");
  auto j = nlohmann::json::parse(mrun::message_line("error", "boom", true));
  CHECK(j["event"] == "error");
  CHECK(j["message"] == "boom");
}
