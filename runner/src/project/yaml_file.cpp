#include "project/yaml_file.h"

#include "util/strings.h"

namespace mrun::project {

YamlFile load_yaml_file(const std::string& path) {
  std::string text = read_file(path);
  try {
    return YamlFile{path, YAML::Load(text)};
  } catch (const YAML::Exception& e) {
    throw ConfigError(SourceLocation{path, e.mark.line + 1, e.mark.column + 1}, e.msg);
  }
}

YAML::Node load_yaml_text(const std::string& text, const std::string& origin) {
  try {
    return YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw ConfigError(SourceLocation{origin, e.mark.line + 1, e.mark.column + 1}, e.msg);
  }
}

SourceLocation location_of(const YamlFile& file, const YAML::Node& node) {
  YAML::Mark m = node.Mark();
  if (m.is_null()) return SourceLocation{file.path, 0, 0};
  return SourceLocation{file.path, m.line + 1, m.column + 1};
}

YAML::Node copy_or_empty_map(const YAML::Node& node) {
  return node && !node.IsNull() ? YAML::Clone(node) : YAML::Node(YAML::NodeType::Map);
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
