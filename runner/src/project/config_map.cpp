#include "project/config_map.h"

#include <algorithm>

#include "project/config_text.h"

namespace mrun::project {

namespace {
bool appends(const std::string& key) { return key == "tags" || key == "pre_hook" || key == "post_hook"; }

// The items of a list, or a value as a one-item list (none for null).
std::vector<ConfigValue> as_items(const ConfigValue& value) {
  if (value.is_list()) return value.items();
  if (value.is_null()) return {};
  return {value};
}
}  // namespace

std::string ConfigMap::normalize_key(const std::string& key) {
  std::string out = (!key.empty() && key[0] == '+') ? key.substr(1) : key;
  for (auto& c : out)
    if (c == '-') c = '_';
  return out;
}

const ConfigMap::Entry* ConfigMap::find(const std::string& normalized_key) const {
  for (const auto& entry : entries_)
    if (entry.first == normalized_key) return &entry;
  return nullptr;
}

void ConfigMap::set(const std::string& raw_key, const ConfigValue& value) {
  std::string key = normalize_key(raw_key);
  auto it = std::find_if(entries_.begin(), entries_.end(), [&key](const Entry& e) { return e.first == key; });
  if (it == entries_.end()) {
    entries_.emplace_back(std::move(key), value);
    return;
  }
  if (!appends(key)) {
    it->second = value;
    return;
  }
  std::vector<ConfigValue> stored = as_items(it->second);
  for (const auto& item : as_items(value)) {
    bool seen = false;
    if (key == "tags") {
      for (const auto& existing : stored) seen = seen || existing.text() == item.text();
    }
    if (!seen) stored.push_back(item);
  }
  it->second = ConfigValue::list(std::move(stored));
}

void ConfigMap::merge(const ConfigMap& other) {
  for (const auto& [key, value] : other.entries_) set(key, value);
}

void ConfigMap::merge_map(const ConfigValue& map) {
  for (const auto& [key, value] : map.entries()) set(key, value);
}

std::string ConfigMap::canonical_text() const {
  std::vector<std::string> lines;
  lines.reserve(entries_.size());
  for (const auto& [key, value] : entries_) {
    lines.push_back(key + "=" + flow_yaml(value));
  }
  std::sort(lines.begin(), lines.end());
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  return text;
}

bool ConfigMap::has(const std::string& key) const { return find(normalize_key(key)) != nullptr; }

ConfigValue ConfigMap::get(const std::string& key) const {
  const Entry* e = find(normalize_key(key));
  return e ? e->second : ConfigValue();
}

std::string ConfigMap::get_string(const std::string& key, const std::string& fallback) const {
  ConfigValue v = get(key);
  return v.is_scalar() ? v.text() : fallback;
}

bool ConfigMap::get_bool(const std::string& key, bool fallback) const {
  ConfigValue v = get(key);
  if (!v.is_scalar()) return fallback;
  const std::string& s = v.text();
  if (s == "true" || s == "True" || s == "yes") return true;
  if (s == "false" || s == "False" || s == "no") return false;
  return fallback;
}

std::vector<std::string> ConfigMap::get_list(const std::string& key) const {
  std::vector<std::string> out;
  ConfigValue v = get(key);
  if (v.is_scalar()) {
    out.push_back(v.text());
  } else if (v.is_list()) {
    for (const auto& item : v.items())
      if (item.is_scalar()) out.push_back(item.text());
  }
  return out;
}

}  // namespace mrun::project
