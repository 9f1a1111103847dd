#include "artifacts/config_value_json.h"

namespace mrun::artifacts {

using project::ConfigValue;

void write_config_value(JsonWriter& out, const ConfigValue& value) {
  switch (value.kind()) {
    case ConfigValue::Kind::Null: out.null(); return;
    case ConfigValue::Kind::Bool: out.boolean(value.as_bool()); return;
    case ConfigValue::Kind::Integer: out.integer(value.as_integer()); return;
    case ConfigValue::Kind::Float: out.number(value.as_double()); return;
    case ConfigValue::Kind::String: out.string(value.text()); return;
    case ConfigValue::Kind::List:
      out.begin_array();
      for (const auto& item : value.items()) write_config_value(out, item);
      out.end_array();
      return;
    case ConfigValue::Kind::Map: break;
  }
  out.begin_object();
  for (const auto& [key, item] : value.entries()) write_config_value(out.key(key), item);  // keys are unique
  out.end_object();
}

std::string config_value_json(const ConfigValue& value) {
  std::string text;
  JsonWriter out(text);
  write_config_value(out, value);
  return text;
}

}  // namespace mrun::artifacts
