#include "parse/config_value_jinja.h"

#include <cmath>
#include <limits>
#include <sstream>

namespace mrun::parse {

using project::ConfigValue;

namespace {

// A float as plain YAML text: C++ stream notation with max_digits10
// significant digits, .nan and [-].inf (yaml-cpp's spelling, which config()
// values had when configs were YAML nodes).
std::string plain_number_text(double d) {
  if (std::isnan(d)) return ".nan";
  if (std::isinf(d)) return std::signbit(d) ? "-.inf" : ".inf";
  std::ostringstream out;
  out.precision(std::numeric_limits<double>::max_digits10);
  out << d;
  return out.str();
}

}  // namespace

jinja::Value template_value(const ConfigValue& value) {
  switch (value.kind()) {
    case ConfigValue::Kind::Null: return jinja::Value::none();
    case ConfigValue::Kind::Bool: return jinja::Value(value.as_bool());
    case ConfigValue::Kind::Integer: return jinja::Value(value.as_integer());
    case ConfigValue::Kind::Float: return jinja::Value(value.as_double());
    case ConfigValue::Kind::String: return jinja::Value(value.text());
    case ConfigValue::Kind::List: {
      std::vector<jinja::Value> items;
      items.reserve(value.items().size());
      for (const auto& item : value.items()) items.push_back(template_value(item));
      return jinja::Value::list(std::move(items));
    }
    case ConfigValue::Kind::Map: break;
  }
  jinja::Value dict = jinja::Value::dict();
  for (const auto& [key, item] : value.entries()) dict.dict_data().set(jinja::Value(key), template_value(item));
  return dict;
}

ConfigValue config_value(const jinja::Value& value) {
  switch (value.kind()) {
    case jinja::ValueKind::Undefined:
    case jinja::ValueKind::None: return ConfigValue::null();
    case jinja::ValueKind::Bool: return ConfigValue::boolean(value.as_bool());
    case jinja::ValueKind::Int: return ConfigValue::integer(value.as_int());
    case jinja::ValueKind::Float: return ConfigValue::plain(plain_number_text(value.as_double()));
    case jinja::ValueKind::List: {
      std::vector<ConfigValue> items;
      for (const auto& item : value.list_data().items) items.push_back(config_value(item));
      return ConfigValue::list(std::move(items));
    }
    case jinja::ValueKind::Dict: {
      // Keys that print alike (1 and "1") are one key: the later value wins.
      std::vector<ConfigValue::Entry> entries;
      for (const auto& [k, v] : value.dict_data().items) entries.emplace_back(k.str(), config_value(v));
      return ConfigValue::map(std::move(entries));
    }
    default: return ConfigValue::plain(value.str());
  }
}

}  // namespace mrun::parse
