#include "project/config_map.h"

#include <algorithm>

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

const ConfigMap::Entry* ConfigMap::find(const std::string& normalized_key) const {
  for (const auto& entry : entries_)
    if (entry.first == normalized_key) return &entry;
  return nullptr;
}

void ConfigMap::set(const std::string& raw_key, const YAML::Node& value) {
  std::string key = normalize_key(raw_key);
  auto it = std::find_if(entries_.begin(), entries_.end(), [&key](const Entry& e) { return e.first == key; });
  YAML::Node stored;
  if (appends(key) && it != entries_.end()) {
    stored = as_sequence(it->second);
    for (const auto& item : as_sequence(value)) {
      bool seen = false;
      if (key == "tags") {
        for (const auto& existing : stored) seen = seen || existing.Scalar() == item.Scalar();
      }
      if (!seen) stored.push_back(item);
    }
  } else {
    stored = YAML::Clone(value);
  }
  // A new pair, not `it->second = stored`: assigning to a YAML::Node writes
  // through to the node it refers to, which other maps may share.
  if (it == entries_.end()) {
    entries_.emplace_back(std::move(key), stored);
  } else {
    *it = Entry(std::move(key), stored);
  }
}

void ConfigMap::merge(const ConfigMap& other) {
  for (const auto& [key, value] : other.entries_) set(key, value);
}

void ConfigMap::merge_yaml(const YAML::Node& map) {
  if (!map || !map.IsMap()) return;
  for (const auto& kv : map) set(kv.first.Scalar(), kv.second);
}

std::string ConfigMap::canonical_text() const {
  std::vector<std::string> lines;
  lines.reserve(entries_.size());
  for (const auto& [key, value] : entries_) {
    YAML::Emitter out;
    out.SetMapFormat(YAML::Flow);
    out.SetSeqFormat(YAML::Flow);
    out << value;
    lines.push_back(key + "=" + out.c_str());
  }
  std::sort(lines.begin(), lines.end());
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  return text;
}

bool ConfigMap::has(const std::string& key) const {
  const Entry* e = find(normalize_key(key));
  return e && e->second;
}

YAML::Node ConfigMap::get(const std::string& key) const {
  const Entry* e = find(normalize_key(key));
  return e && e->second ? e->second : YAML::Node();
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
