#include "artifacts/config_value_json.h"

#include <nlohmann/json.hpp>

namespace mrun::artifacts {

using project::ConfigValue;

nlohmann::ordered_json config_value_json(const ConfigValue& value) {
  switch (value.kind()) {
    case ConfigValue::Kind::Null: return nullptr;
    case ConfigValue::Kind::Bool: return value.as_bool();
    case ConfigValue::Kind::Integer: return value.as_integer();
    case ConfigValue::Kind::Float: return value.as_double();
    case ConfigValue::Kind::String: return value.text();
    case ConfigValue::Kind::List: {
      nlohmann::ordered_json out = nlohmann::ordered_json::array();
      for (const auto& item : value.items()) out.push_back(config_value_json(item));
      return out;
    }
    case ConfigValue::Kind::Map: break;
  }
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const auto& [key, item] : value.entries()) out[key] = config_value_json(item);
  return out;
}

}  // namespace mrun::artifacts
