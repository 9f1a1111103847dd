// Node configuration (materialized, schema, tags, hooks, ...) as dbt merges
// it: project folder configs, then schema.yml, then the model's config() call.
#pragma once

#include <string>
#include <utility>
#include <vector>
#include <yaml-cpp/yaml.h>

namespace mrun::project {

/// A map of config keys to YAML values. Keys are normalized ("pre-hook" ->
/// "pre_hook"). Merging appends tags and hooks and overrides everything else.
/// The entries are a small vector, not a YAML map: a project has one per node
/// and test, and yaml-cpp's map lookups and node churn were a tenth of
/// parsing a large project. Stored values are never modified in place.
class ConfigMap {
 public:
  using Entry = std::pair<std::string, YAML::Node>;

  /// Sets `key` (normalized) to a deep copy of `value`, with dbt's merge rule.
  void set(const std::string& key, const YAML::Node& value);
  /// Merges every key of `other` into this map (later wins; tags/hooks append).
  void merge(const ConfigMap& other);
  /// Merges every entry of a YAML map node.
  void merge_yaml(const YAML::Node& map);

  /// True when `key` is set.
  bool has(const std::string& key) const;
  /// The value of `key`, or a null node.
  YAML::Node get(const std::string& key) const;
  /// The value of `key` as a string, or `fallback` when unset or not scalar.
  std::string get_string(const std::string& key, const std::string& fallback = "") const;
  /// The value of `key` as a bool ("true"/"false"), or `fallback`.
  bool get_bool(const std::string& key, bool fallback) const;
  /// The value of `key` as a list of strings (a scalar gives one item).
  std::vector<std::string> get_list(const std::string& key) const;

  /// Every entry as text, sorted by key ("key=value" lines, values in YAML
  /// flow style): equal for equal configs, whatever order they were set in.
  /// What a node's fingerprint takes of its config (exec/reuse.h).
  std::string canonical_text() const;

  /// All entries, in insertion order.
  const std::vector<Entry>& entries() const { return entries_; }

  /// `key` in canonical form: '-' becomes '_', a leading '+' is dropped.
  static std::string normalize_key(const std::string& key);

 private:
  /// The entry of normalized `key`, or nullptr.
  const Entry* find(const std::string& normalized_key) const;

  std::vector<Entry> entries_;
};

}  // namespace mrun::project
