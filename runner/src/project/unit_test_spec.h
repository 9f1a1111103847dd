// dbt's unit tests (`unit_tests:` in a schema file, dbt 1.8): a model, the
// rows of each of its inputs (`given`), the rows it must return (`expect`),
// each in dict, csv or sql format (inline `rows` or a `fixture` file under
// <test-path>/fixtures/), and `overrides` of macros, vars and env_vars.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "project/config_map.h"
#include "project/config_value.h"
#include "util/error.h"

namespace YAML {
class Node;
}

namespace mrun::project {

struct YamlFile;

/// Rows of a given input or of the expectation.
struct FixtureRows {
  std::string format = "dict";  ///< dict, csv or sql
  ConfigValue rows;             ///< dict: a list of maps; csv, sql: a string (null with `fixture`)
  std::string fixture;          ///< a fixture file's name (no extension), or ""
  SourceLocation where;
};

/// One `given:` entry.
struct UnitTestInput {
  std::string input;  ///< "ref('stg_orders')", "source('raw', 'orders')" or "this", as written
  FixtureRows data;
};

/// One entry of `unit_tests:`.
struct UnitTestSpec {
  std::string name;
  std::string model;
  std::string description;
  ConfigMap config;  ///< tags, meta, enabled
  std::vector<UnitTestInput> given;
  FixtureRows expect;
  ConfigValue overrides;  ///< a map: macros, vars, env_vars (each a map)
  SourceLocation where;
};

/// What a given input names: a ref (`name`), a source (`source`, `name`),
/// or `this` (the tested model's own relation, for incremental models).
struct InputCall {
  std::string source;  ///< "" for a ref or `this`
  std::string name;    ///< the model/seed, or the source's table; "" for `this`
  bool is_this() const { return source.empty() && name.empty(); }
};

/// The parsed `input:` text; nullopt when it is neither ref('x'),
/// ref('package', 'x'), source('s', 't') nor this.
std::optional<InputCall> parse_input_call(const std::string& text);

/// Parses the `unit_tests:` list of a schema file. Throws ConfigError at the
/// entry for a missing name or model, a missing `expect`, an unknown format,
/// rows that do not fit their format, an input that is not a ref() or
/// source() call, or an override other than macros, vars and env_vars.
std::vector<UnitTestSpec> parse_unit_tests(const YamlFile& file, const YAML::Node& list);

}  // namespace mrun::project
