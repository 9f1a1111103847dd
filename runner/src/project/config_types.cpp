#include "project/config_types.h"

#include <map>

#include "project/config_map.h"
#include "project/yaml_scalar.h"

namespace mrun::project {

namespace {

enum class Kind { Value, Boolean, ValueOrList, Mapping, List, WholeNumber };

// Normalized key (ConfigMap::normalize_key) -> the type of its value.
const std::map<std::string, Kind, std::less<>> kKinds = {
    {"materialized", Kind::Value},        {"schema", Kind::Value},
    {"alias", Kind::Value},               {"database", Kind::Value},
    {"incremental_strategy", Kind::Value}, {"on_schema_change", Kind::Value},
    {"severity", Kind::Value},            {"where", Kind::Value},
    {"warn_if", Kind::Value},             {"error_if", Kind::Value},
    {"group", Kind::Value},               {"access", Kind::Value},
    {"fail_calc", Kind::Value},           {"store_failures_as", Kind::Value},
    {"enabled", Kind::Boolean},           {"full_refresh", Kind::Boolean},
    {"store_failures", Kind::Boolean},    {"quote_columns", Kind::Boolean},
    {"tags", Kind::ValueOrList},          {"pre_hook", Kind::ValueOrList},
    {"post_hook", Kind::ValueOrList},     {"unique_key", Kind::ValueOrList},
    {"meta", Kind::Mapping},              {"docs", Kind::Mapping},
    {"persist_docs", Kind::Mapping},      {"column_types", Kind::Mapping},
    {"grants", Kind::Mapping},            {"contract", Kind::Mapping},
    {"indexes", Kind::List},              {"limit", Kind::WholeNumber},
    // snapshots
    {"strategy", Kind::Value},            {"updated_at", Kind::Value},
    {"target_schema", Kind::Value},       {"target_database", Kind::Value},
    {"hard_deletes", Kind::Value},        {"dbt_valid_to_current", Kind::Value},
    {"invalidate_hard_deletes", Kind::Boolean}, {"check_cols", Kind::ValueOrList},
    {"snapshot_meta_column_names", Kind::Mapping},
};

bool is_jinja(const YAML::Node& scalar) { return scalar.Scalar().find("{{") != std::string::npos; }

bool is_value(const YAML::Node& node) { return node.IsScalar() || node.IsNull(); }

bool fits(Kind kind, const YAML::Node& value) {
  if (value.IsNull()) return true;  // unset
  if (value.IsScalar() && is_jinja(value)) return true;
  switch (kind) {
    case Kind::Value: return value.IsScalar();
    case Kind::Boolean: return value.IsScalar() && std::holds_alternative<bool>(read_scalar(value));
    case Kind::WholeNumber: return value.IsScalar() && std::holds_alternative<int64_t>(read_scalar(value));
    case Kind::Mapping: return value.IsMap();
    case Kind::List: return value.IsSequence();
    case Kind::ValueOrList:
      if (value.IsScalar()) return true;
      if (!value.IsSequence()) return false;
      for (const auto& item : value)
        if (!is_value(item)) return false;
      return true;
  }
  return true;
}

const char* expected(Kind kind) {
  switch (kind) {
    case Kind::Value: return "a single value";
    case Kind::Boolean: return "true or false";
    case Kind::WholeNumber: return "a whole number";
    case Kind::Mapping: return "a mapping";
    case Kind::List: return "a list";
    case Kind::ValueOrList: return "a value or a list of values";
  }
  return "";
}

// How `value` reads in an error: 'text', a list, a mapping.
std::string described(const YAML::Node& value) {
  if (value.IsScalar()) return "'" + value.Scalar() + "'";
  return value.IsSequence() ? "a list" : "a mapping";
}

}  // namespace

void check_config_value(const YamlFile& file, const std::string& key, const YAML::Node& value) {
  auto it = kKinds.find(ConfigMap::normalize_key(key));
  if (it == kKinds.end() || !value || fits(it->second, value)) return;
  throw ConfigError(location_of(file, value),
                    "'" + key + "' must be " + expected(it->second) + ", not " + described(value));
}

void check_config_map(const YamlFile& file, const YAML::Node& config) {
  if (!config || !config.IsMap()) return;
  for (const auto& kv : config) check_config_value(file, kv.first.Scalar(), kv.second);
}

}  // namespace mrun::project
