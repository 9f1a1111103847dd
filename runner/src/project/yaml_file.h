// Reading user YAML files so that every error names file:line:column.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>
#include <yaml-cpp/yaml.h>

#include "util/error.h"

namespace mrun::project {

/// A parsed YAML document and the file it came from.
struct YamlFile {
  std::string path;
  YAML::Node root;
};

/// Parses `path`. Throws ConfigError "path:line:col: <yaml message>" on a
/// syntax error, ConfigError "path: cannot read file" when unreadable.
YamlFile load_yaml_file(const std::string& path);

/// Parses YAML text given on the command line or elsewhere; `origin` names it
/// in errors (e.g. "--vars").
YAML::Node load_yaml_text(const std::string& text, const std::string& origin);

/// The location of `node` inside `file` (yaml-cpp marks are 0-based).
SourceLocation location_of(const YamlFile& file, const YAML::Node& node);

/// The entries of a YAML map, read once for lookups by key: yaml-cpp's
/// node[key] decodes every key of the map on each lookup, which showed when
/// reading schema files of 10,000 models. Keys that are not scalars are left out.
class MapFields {
 public:
  /// The entries of `map`; none when it is not a map.
  explicit MapFields(const YAML::Node& map);
  /// The value of `key`, or an undefined node (false in a boolean context)
  /// when absent, as a const node[key] lookup gives.
  YAML::Node operator[](std::string_view key) const;

 private:
  std::vector<std::pair<std::string, YAML::Node>> fields_;
};

/// Throws ConfigError at `node` unless it is a map (or null/absent).
void expect_map(const YamlFile& file, const YAML::Node& node, const std::string& what);

/// Throws ConfigError at `node` unless it is a sequence (or null/absent).
void expect_sequence(const YamlFile& file, const YAML::Node& node, const std::string& what);

/// `node` as a string; a sequence/map is a ConfigError naming `what`.
std::string scalar_string(const YamlFile& file, const YAML::Node& node, const std::string& what);

/// `node` as true or false (YAML 1.1 spellings), `fallback` when absent or
/// null; anything else is a ConfigError naming `what`.
bool bool_value(const YamlFile& file, const YAML::Node& node, const std::string& what, bool fallback);

/// `node` as a list of strings: a scalar gives one item, a sequence its items.
std::vector<std::string> string_list(const YamlFile& file, const YAML::Node& node, const std::string& what);

}  // namespace mrun::project
