#include "project/yaml_config_value.h"

namespace mrun::project {

namespace {

ConfigValue convert(const YAML::Node& node, const std::shared_ptr<const std::string>& file) {
  if (!node) return ConfigValue();
  ConfigValue::Position at{file, 0, 0};
  YAML::Mark mark = node.Mark();
  if (!mark.is_null()) {
    at.line = mark.line + 1;
    at.column = mark.column + 1;
  }
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      // yaml-cpp tags quoted scalars "!": they are strings whatever they spell.
      if (node.Tag() == "!") return ConfigValue::string(node.Scalar(), std::move(at));
      return ConfigValue::plain(node.Scalar(), std::move(at));
    case YAML::NodeType::Sequence: {
      std::vector<ConfigValue> items;
      items.reserve(node.size());
      for (const auto& item : node) items.push_back(convert(item, file));
      return ConfigValue::list(std::move(items), std::move(at));
    }
    case YAML::NodeType::Map: {
      std::vector<ConfigValue::Entry> entries;
      entries.reserve(node.size());
      for (const auto& kv : node) entries.emplace_back(kv.first.Scalar(), convert(kv.second, file));
      return ConfigValue::map(std::move(entries), std::move(at));
    }
    default: return ConfigValue::null(std::move(at));
  }
}

}  // namespace

ConfigValue config_value_of(const YamlFile& file, const YAML::Node& node) {
  if (!node) return ConfigValue();
  return convert(node, std::make_shared<const std::string>(file.path));
}

ConfigValue config_value_or_empty_map(const YamlFile& file, const YAML::Node& node) {
  return node && !node.IsNull() ? config_value_of(file, node) : ConfigValue::map({});
}

}  // namespace mrun::project
