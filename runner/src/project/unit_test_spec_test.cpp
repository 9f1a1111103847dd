#include "project/unit_test_spec.h"

#include <catch2/catch.hpp>

#include "project/schema_file.h"

using namespace mrun;
using namespace mrun::project;

namespace {
SchemaFile parse(const std::string& text) {
  std::vector<std::string> warnings;
  return parse_schema_text(text, "models/unit.yml", warnings);
}
}  // namespace

TEST_CASE("unit tests are read with their given rows in dict, csv and sql format") {
  auto f = parse(
      "version: 2\nunit_tests:\n  - name: t\n    model: m\n    given:\n"
      "      - input: ref('a')\n        rows: [{id: 1, name: x}]\n"
      "      - input: source('raw', 'b')\n        format: csv\n        rows: |\n          id\n          2\n"
      "      - input: ref('pkg', 'c')\n        format: sql\n        fixture: c_rows\n"
      "    expect:\n      rows: []\n    overrides:\n      vars: {v: 1}\n");
  REQUIRE(f.unit_tests.size() == 1);
  const UnitTestSpec& t = f.unit_tests[0];
  CHECK(t.model == "m");
  REQUIRE(t.given.size() == 3);
  CHECK(t.given[0].data.format == "dict");
  CHECK(t.given[0].data.rows.items().at(0)["name"].text() == "x");
  CHECK(t.given[1].data.rows.text() == "id\n2\n");
  CHECK(t.given[2].data.fixture == "c_rows");
  CHECK(t.expect.rows.items().empty());
  CHECK(t.overrides["vars"]["v"].text() == "1");
}

TEST_CASE("an input call names a ref or a source") {
  CHECK(parse_input_call("ref('a')")->name == "a");
  CHECK(parse_input_call("ref(\"pkg\", \"a\")")->name == "a");
  auto source = parse_input_call(" source('raw', 'orders') ");
  CHECK(source->source == "raw");
  CHECK(source->name == "orders");
  CHECK(parse_input_call(" this ")->is_this());
  CHECK_FALSE(parse_input_call("that"));
  CHECK_FALSE(parse_input_call("ref(x)"));
}

TEST_CASE("a malformed unit test is an error at its place") {
  auto error_of = [](const std::string& text) {
    try {
      parse(text);
    } catch (const ConfigError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(error_of("unit_tests:\n  - name: t\n    model: m\n    given:\n      - input: that\n    expect: {rows: []}\n") ==
        "models/unit.yml:5:9: unit test 't': input must be ref('model'), source('source', 'table') or this, not 'that'");
  CHECK(error_of("unit_tests:\n  - name: t\n    model: m\n    expect: {format: xml, rows: []}\n") ==
        "models/unit.yml:4:22: format must be dict, csv or sql, not 'xml'");
  CHECK(error_of("unit_tests:\n  - name: t\n    model: m\n    given: []\n") ==
        "models/unit.yml:2:5: unit test 't' needs 'expect'");
  CHECK(error_of("unit_tests:\n  - name: t\n    model: m\n    expect: {rows: []}\n    overrides: {macros: {}, "
                 "globals: {}}\n") == "models/unit.yml:5:29: overrides: 'globals' is not one of macros, vars, env_vars");
}
