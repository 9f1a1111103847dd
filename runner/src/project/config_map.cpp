#include "project/config_map.h"

namespace mrun::project {

namespace {
bool appends(const std::string& key) { return key == "tags" || key == "pre_hook" || key == "post_hook"; }

YAML::Node as_sequence(const YAML::Node& node) {
  if (node.IsSequence()) return YAML::Clone(node);
  YAML::Node seq(YAML::NodeType::Sequence);
  if (node && !node.IsNull()) seq.push_back(YAML::Clone(node));
  return seq;
}
}  // namespace

std::string ConfigMap::normalize_key(const std::string& key) {
  std::string out = (!key.empty() && key[0] == '+') ? key.substr(1) : key;
  for (auto& c : out)
    if (c == '-') c = '_';
  return out;
}

void ConfigMap::set(const std::string& raw_key, const YAML::Node& value) {
  std::string key = normalize_key(raw_key);
  if (appends(key) && values_[key]) {
    YAML::Node merged = as_sequence(values_[key]);
    for (const auto& item : as_sequence(value)) {
      bool seen = false;
      if (key == "tags") {
        for (const auto& existing : merged) seen = seen || existing.Scalar() == item.Scalar();
      }
      if (!seen) merged.push_back(item);
    }
    values_[key] = merged;
  } else {
    values_[key] = YAML::Clone(value);
  }
}

void ConfigMap::merge(const ConfigMap& other) { merge_yaml(other.values_); }

void ConfigMap::merge_yaml(const YAML::Node& map) {
  if (!map || !map.IsMap()) return;
  for (const auto& kv : map) set(kv.first.Scalar(), kv.second);
}

bool ConfigMap::has(const std::string& key) const {
  return static_cast<bool>(values_[normalize_key(key)]);
}

YAML::Node ConfigMap::get(const std::string& key) const {
  YAML::Node v = values_[normalize_key(key)];
  return v ? v : YAML::Node();
}

std::string ConfigMap::get_string(const std::string& key, const std::string& fallback) const {
  YAML::Node v = get(key);
  return v && v.IsScalar() ? v.Scalar() : fallback;
}

bool ConfigMap::get_bool(const std::string& key, bool fallback) const {
  YAML::Node v = get(key);
  if (!v || !v.IsScalar()) return fallback;
  std::string s = v.Scalar();
  if (s == "true" || s == "True" || s == "yes") return true;
  if (s == "false" || s == "False" || s == "no") return false;
  return fallback;
}

std::vector<std::string> ConfigMap::get_list(const std::string& key) const {
  std::vector<std::string> out;
  YAML::Node v = get(key);
  if (!v || v.IsNull()) return out;
  if (v.IsScalar()) {
    out.push_back(v.Scalar());
  } else if (v.IsSequence()) {
    for (const auto& item : v)
      if (item.IsScalar()) out.push_back(item.Scalar());
  }
  return out;
}

}  // namespace mrun::project
