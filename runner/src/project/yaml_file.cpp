#include "project/yaml_file.h"

#include <unordered_map>

#include "project/yaml_parse.h"
#include "project/yaml_scalar.h"
#include "util/strings.h"

namespace mrun::project {

YamlFile load_yaml_file(const std::string& path) { return YamlFile{path, parse_yaml(read_file(path), path)}; }

YAML::Node load_yaml_text(const std::string& text, const std::string& origin) { return parse_yaml(text, origin); }

MapFields::MapFields(const YAML::Node& map) {
  if (!map || !map.IsMap()) return;
  fields_.reserve(map.size());
  for (const auto& kv : map)
    if (kv.first.IsScalar()) fields_.emplace_back(kv.first.Scalar(), kv.second);
}

YAML::Node MapFields::operator[](std::string_view key) const {
  for (const auto& [name, value] : fields_)
    if (name == key) return value;
  // A const lookup of a missing key gives an undefined node. yaml-cpp builds
  // it through a std::stringstream (a locale per call: a tenth of reading
  // the schema files of 10,000 models), so each thread keeps the ones made.
  thread_local std::unordered_map<std::string, YAML::Node> missing;
  auto made = missing.find(std::string(key));
  if (made != missing.end()) return made->second;
  static const YAML::Node empty_map(YAML::NodeType::Map);
  return missing.emplace(std::string(key), empty_map[std::string(key)]).first->second;
}

SourceLocation location_of(const YamlFile& file, const YAML::Node& node) {
  YAML::Mark m = node.Mark();
  if (m.is_null()) return SourceLocation{file.path, 0, 0};
  return SourceLocation{file.path, m.line + 1, m.column + 1};
}

void expect_map(const YamlFile& file, const YAML::Node& node, const std::string& what) {
  if (node && !node.IsNull() && !node.IsMap()) {
    throw ConfigError(location_of(file, node), what + " must be a mapping");
  }
}

void expect_sequence(const YamlFile& file, const YAML::Node& node, const std::string& what) {
  if (node && !node.IsNull() && !node.IsSequence()) {
    throw ConfigError(location_of(file, node), what + " must be a list");
  }
}

std::string scalar_string(const YamlFile& file, const YAML::Node& node, const std::string& what) {
  if (!node || node.IsNull()) return "";
  if (!node.IsScalar()) throw ConfigError(location_of(file, node), what + " must be a single value");
  return node.Scalar();
}

bool bool_value(const YamlFile& file, const YAML::Node& node, const std::string& what, bool fallback) {
  if (!node || node.IsNull()) return fallback;
  ScalarValue value = node.IsScalar() ? read_scalar(node) : ScalarValue{};
  if (const bool* b = std::get_if<bool>(&value)) return *b;
  throw ConfigError(location_of(file, node), what + " must be true or false");
}

std::vector<std::string> string_list(const YamlFile& file, const YAML::Node& node, const std::string& what) {
  std::vector<std::string> out;
  if (!node || node.IsNull()) return out;
  if (node.IsScalar()) {
    out.push_back(node.Scalar());
    return out;
  }
  expect_sequence(file, node, what);
  for (const auto& item : node) out.push_back(scalar_string(file, item, what + " item"));
  return out;
}

}  // namespace mrun::project
