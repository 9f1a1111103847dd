#include "project/config_text.h"

#include <yaml-cpp/yaml.h>

#include "project/yaml_config_value.h"
#include "project/yaml_parse.h"

namespace mrun::project {

namespace {

YAML::Node yaml_of(const ConfigValue& value) {
  switch (value.kind()) {
    case ConfigValue::Kind::Null: return YAML::Node(YAML::NodeType::Null);
    case ConfigValue::Kind::List: {
      YAML::Node seq(YAML::NodeType::Sequence);
      for (const auto& item : value.items()) seq.push_back(yaml_of(item));
      return seq;
    }
    case ConfigValue::Kind::Map: {
      YAML::Node map(YAML::NodeType::Map);
      for (const auto& [key, item] : value.entries()) map[key] = yaml_of(item);
      return map;
    }
    default: return YAML::Node(value.text());
  }
}

}  // namespace

ConfigValue parse_config_text(std::string_view text, const std::string& origin) {
  YamlFile file{origin, parse_yaml(text, origin)};
  return config_value_of(file, file.root);
}

std::string flow_yaml(const ConfigValue& value) {
  YAML::Emitter out;
  out << YAML::Flow << yaml_of(value);
  return out.c_str();
}

}  // namespace mrun::project
