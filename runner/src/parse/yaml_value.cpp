#include "parse/yaml_value.h"

#include <variant>

#include "project/yaml_scalar.h"

namespace mrun::parse {

namespace {

jinja::Value scalar_value(const YAML::Node& node) {
  return std::visit(
      [](const auto& v) -> jinja::Value {
        if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::monostate>) {
          return jinja::Value::none();
        } else {
          return jinja::Value(v);
        }
      },
      project::read_scalar(node));
}

}  // namespace

jinja::Value yaml_to_value(const YAML::Node& node) {
  if (!node || node.IsNull()) return jinja::Value::none();
  if (node.IsScalar()) return scalar_value(node);
  if (node.IsSequence()) {
    std::vector<jinja::Value> items;
    for (const auto& item : node) items.push_back(yaml_to_value(item));
    return jinja::Value::list(std::move(items));
  }
  jinja::Value dict = jinja::Value::dict();
  for (const auto& kv : node) dict.dict_data().set(jinja::Value(kv.first.Scalar()), yaml_to_value(kv.second));
  return dict;
}

YAML::Node value_to_yaml(const jinja::Value& value) {
  switch (value.kind()) {
    case jinja::ValueKind::Undefined:
    case jinja::ValueKind::None: return YAML::Node();
    case jinja::ValueKind::Bool: return YAML::Node(value.as_bool());
    case jinja::ValueKind::Int: return YAML::Node(static_cast<long long>(value.as_int()));
    case jinja::ValueKind::Float: return YAML::Node(value.as_double());
    case jinja::ValueKind::List: {
      YAML::Node seq(YAML::NodeType::Sequence);
      for (const auto& item : value.list_data().items) seq.push_back(value_to_yaml(item));
      return seq;
    }
    case jinja::ValueKind::Dict: {
      YAML::Node map(YAML::NodeType::Map);
      for (const auto& [k, v] : value.dict_data().items) map[k.str()] = value_to_yaml(v);
      return map;
    }
    default: return YAML::Node(value.str());
  }
}

}  // namespace mrun::parse
