// Node configuration (materialized, schema, tags, hooks, ...) as dbt merges
// it: project folder configs, then schema.yml, then the model's config() call.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "project/config_value.h"

namespace mrun::project {

/// A map of config keys to values. Keys are normalized ("pre-hook" ->
/// "pre_hook"). Merging appends tags and hooks and overrides everything else.
/// The entries are a small vector: a project has one map per node and test,
/// and values share their contents, so a merge copies no trees.
class ConfigMap {
 public:
  using Entry = std::pair<std::string, ConfigValue>;

  /// Sets `key` (normalized) to `value`, with dbt's merge rule.
  void set(const std::string& key, const ConfigValue& value);
  /// Merges every key of `other` into this map (later wins; tags/hooks append).
  void merge(const ConfigMap& other);
  /// Merges every entry of the map `map` (nothing when it is not a map).
  void merge_map(const ConfigValue& map);

  /// True when `key` is set (to null too).
  bool has(const std::string& key) const;
  /// The value of `key`, or null.
  ConfigValue get(const std::string& key) const;
  /// The text of `key`'s scalar value as written, or `fallback` when unset,
  /// null or not a scalar.
  std::string get_string(const std::string& key, const std::string& fallback = "") const;
  /// The value of `key` as a bool (its text true/True/yes, false/False/no), or `fallback`.
  bool get_bool(const std::string& key, bool fallback) const;
  /// The value of `key` as a list of texts (a scalar gives one item; items
  /// that are not scalars are left out).
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
