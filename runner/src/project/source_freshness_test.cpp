#include "project/source_freshness.h"

#include <catch2/catch.hpp>

#include "project/schema_file.h"

using namespace mrun;
using namespace mrun::project;

TEST_CASE("source freshness: tables inherit the source's rule and field, override them, or turn them off") {
  std::vector<std::string> warnings;
  SchemaFile file = parse_schema_text(
      "sources:\n"
      "  - name: raw\n"
      "    loaded_at_field: _loaded_at\n"
      "    freshness:\n"
      "      warn_after: {count: 12, period: hour}\n"
      "      error_after: {count: 2, period: day}\n"
      "    tables:\n"
      "      - name: inherits\n"
      "      - name: own\n"
      "        loaded_at_field: updated_at\n"
      "        freshness: {error_after: {count: 30, period: minute}, filter: \"x > 1\"}\n"
      "      - name: off\n"
      "        freshness: null\n"
      "      - name: in_config\n"
      "        config: {freshness: {warn_after: {count: 1, period: day}}, loaded_at_field: ts}\n",
      "s.yml", warnings);
  const SourceSpec& src = file.sources.at(0);
  auto rule_of = [&src](size_t k) { return effective_freshness(src.freshness, src.tables.at(k).freshness); };
  auto field_of = [&src](size_t k) { return effective_loaded_at_field(src.freshness, src.tables.at(k).freshness); };

  REQUIRE(rule_of(0));
  CHECK(rule_of(0)->warn_after->str() == "12 hour");
  CHECK(field_of(0) == "_loaded_at");
  CHECK(rule_of(0)->status_for(11 * 3600) == "pass");
  CHECK(rule_of(0)->status_for(13 * 3600) == "warn");
  CHECK(rule_of(0)->status_for(3 * 86400) == "error");

  REQUIRE(rule_of(1));
  CHECK_FALSE(rule_of(1)->warn_after);
  CHECK(rule_of(1)->filter == "x > 1");
  CHECK(field_of(1) == "updated_at");
  CHECK(rule_of(1)->status_for(31 * 60) == "error");

  CHECK_FALSE(rule_of(2));

  REQUIRE(rule_of(3));
  CHECK(rule_of(3)->warn_after->str() == "1 day");
  CHECK(field_of(3) == "ts");
}

TEST_CASE("source freshness: malformed thresholds are errors at their place") {
  std::vector<std::string> warnings;
  auto error_of = [&warnings](const std::string& freshness) {
    try {
      parse_schema_text("sources:\n  - name: raw\n    freshness: " + freshness + "\n    tables: [{name: t}]\n", "s.yml",
                        warnings);
    } catch (const ConfigError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(error_of("{warn_after: {count: -1, period: hour}}") ==
        "s.yml:3:37: warn_after.count must be a positive whole number, not '-1'");
  CHECK(error_of("{error_after: {count: 1, period: week}}") ==
        "s.yml:3:49: error_after.period must be minute, hour or day, not 'week'");
  CHECK(error_of("[1]") == "s.yml:3:16: freshness must be a mapping");
}
