#include "project/unit_test_spec.h"

#include <regex>
#include <set>

#include "project/config_types.h"
#include "project/yaml_config_value.h"
#include "project/yaml_file.h"
#include "util/strings.h"

namespace mrun::project {

namespace {

FixtureRows parse_rows(const YamlFile& f, const YAML::Node& node, const std::string& what) {
  expect_map(f, node, what);
  MapFields fields(node);
  FixtureRows out;
  out.where = location_of(f, node);
  if (fields["format"]) out.format = scalar_string(f, fields["format"], "format");
  if (out.format != "dict" && out.format != "csv" && out.format != "sql") {
    throw ConfigError(location_of(f, fields["format"]), "format must be dict, csv or sql, not '" + out.format + "'");
  }
  out.fixture = scalar_string(f, fields["fixture"], "fixture");
  YAML::Node rows = fields["rows"];
  if (!out.fixture.empty()) {
    if (out.format == "dict") throw ConfigError(out.where, what + ": a fixture file needs format: csv or sql");
    if (rows) throw ConfigError(location_of(f, rows), what + ": give rows or a fixture, not both");
    return out;
  }
  if (out.format == "dict") {
    if (rows && !rows.IsNull() && !rows.IsSequence())
      throw ConfigError(location_of(f, rows), what + ": rows in dict format are a list of mappings");
    if (rows && rows.IsSequence())
      for (const auto& row : rows) expect_map(f, row, "a row");
    out.rows = rows && rows.IsSequence() ? config_value_of(f, rows) : ConfigValue::list({});
  } else {
    if (!rows || !rows.IsScalar())
      throw ConfigError(out.where, what + ": rows in " + out.format + " format are a text (or name a fixture)");
    out.rows = ConfigValue::string(rows.Scalar());
  }
  return out;
}

ConfigValue parse_overrides(const YamlFile& f, const YAML::Node& node) {
  expect_map(f, node, "overrides");
  if (!node) return ConfigValue::map({});
  for (const auto& kv : node) {
    std::string key = kv.first.Scalar();
    if (key != "macros" && key != "vars" && key != "env_vars") {
      throw ConfigError(location_of(f, kv.first), "overrides: '" + key + "' is not one of macros, vars, env_vars");
    }
    expect_map(f, kv.second, "overrides: " + key);
  }
  return config_value_of(f, node);
}

UnitTestSpec parse_unit_test(const YamlFile& f, const YAML::Node& entry) {
  expect_map(f, entry, "a unit test");
  MapFields m(entry);
  UnitTestSpec spec;
  spec.where = location_of(f, entry);
  spec.name = scalar_string(f, m["name"], "name");
  if (spec.name.empty()) throw ConfigError(spec.where, "a unit test needs a 'name'");
  spec.model = scalar_string(f, m["model"], "model");
  if (spec.model.empty()) throw ConfigError(spec.where, "unit test '" + spec.name + "' needs a 'model'");
  if (m["versions"]) {
    throw ConfigError(location_of(f, m["versions"]), "unit test '" + spec.name +
                                                         "': versions is not supported by mrun (models have no versions)");
  }
  spec.description = scalar_string(f, m["description"], "description");
  expect_map(f, m["config"], "config");
  check_config_map(f, m["config"]);
  spec.config.merge_map(config_value_of(f, m["config"]));
  expect_sequence(f, m["given"], "given");
  if (m["given"]) {
    for (const auto& item : m["given"]) {
      expect_map(f, item, "a given input");
      MapFields g(item);
      UnitTestInput input;
      input.input = scalar_string(f, g["input"], "input");
      if (!parse_input_call(input.input)) {
        throw ConfigError(location_of(f, item), "unit test '" + spec.name +
                                                    "': input must be ref('model'), source('source', 'table') or this, not '" +
                                                    input.input + "'");
      }
      input.data = parse_rows(f, item, "input " + input.input);
      spec.given.push_back(std::move(input));
    }
  }
  if (!m["expect"]) throw ConfigError(spec.where, "unit test '" + spec.name + "' needs 'expect'");
  spec.expect = parse_rows(f, m["expect"], "expect");
  spec.overrides = parse_overrides(f, m["overrides"]);
  return spec;
}

}  // namespace

std::optional<InputCall> parse_input_call(const std::string& text) {
  static const std::regex ref(R"(^\s*ref\(\s*(?:['"]([^'"]+)['"]\s*,\s*)?['"]([^'"]+)['"]\s*\)\s*$)");
  static const std::regex source(R"(^\s*source\(\s*['"]([^'"]+)['"]\s*,\s*['"]([^'"]+)['"]\s*\)\s*$)");
  std::smatch match;
  if (trim(text) == "this") return InputCall{"", ""};
  if (std::regex_match(text, match, ref)) return InputCall{"", match[2].str()};
  if (std::regex_match(text, match, source)) return InputCall{match[1].str(), match[2].str()};
  return std::nullopt;
}

std::vector<UnitTestSpec> parse_unit_tests(const YamlFile& f, const YAML::Node& list) {
  std::vector<UnitTestSpec> out;
  expect_sequence(f, list, "unit_tests");
  if (!list) return out;
  for (const auto& entry : list) out.push_back(parse_unit_test(f, entry));
  return out;
}

}  // namespace mrun::project
