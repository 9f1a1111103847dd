#include "parse/snapshot_config.h"

#include "util/error.h"
#include "util/strings.h"

namespace mrun::parse {

namespace {

// Where `key` was written, else where the snapshot is.
SourceLocation where_of(const graph::Node& node, const std::string& key) {
  SourceLocation at = node.config.get(key).where();
  return at.file.empty() ? node.where : at;
}

[[noreturn]] void fail(const graph::Node& node, const std::string& key, const std::string& message) {
  throw ConfigError(where_of(node, key), "snapshot " + node.name + ": " + message);
}

// dbt's adapter.get_hard_deletes_behavior.
HardDeletes hard_deletes_of(const graph::Node& node) {
  bool legacy = node.config.has("invalidate_hard_deletes") && !node.config.get("invalidate_hard_deletes").is_null();
  std::string mode = node.config.get_string("hard_deletes");
  if (legacy && node.config.has("hard_deletes") && !node.config.get("hard_deletes").is_null())
    fail(node, "hard_deletes", "set either invalidate_hard_deletes or hard_deletes, not both (as in dbt)");
  if (legacy) return node.config.get_bool("invalidate_hard_deletes", false) ? HardDeletes::Invalidate : HardDeletes::Ignore;
  if (mode.empty() || mode == "ignore") return HardDeletes::Ignore;
  if (mode == "invalidate") return HardDeletes::Invalidate;
  if (mode == "new_record") return HardDeletes::NewRecord;
  fail(node, "hard_deletes", "hard_deletes '" + mode + "' is not one of ignore, invalidate, new_record");
}

SnapshotColumns columns_of(const graph::Node& node) {
  SnapshotColumns columns;
  project::ConfigValue names = node.config.get("snapshot_meta_column_names");
  if (names.is_null()) return columns;
  if (!names.is_map()) fail(node, "snapshot_meta_column_names", "snapshot_meta_column_names must be a mapping");
  for (const auto& [key, value] : names.entries()) {
    std::string* slot = key == "dbt_scd_id"       ? &columns.scd_id
                        : key == "dbt_updated_at" ? &columns.updated_at
                        : key == "dbt_valid_from" ? &columns.valid_from
                        : key == "dbt_valid_to"   ? &columns.valid_to
                        : key == "dbt_is_deleted" ? &columns.is_deleted
                                                  : nullptr;
    if (!slot) {
      throw ConfigError(value.where().file.empty() ? node.where : value.where(),
                        "snapshot " + node.name + ": snapshot_meta_column_names has no column '" + key +
                            "' (dbt_scd_id, dbt_updated_at, dbt_valid_from, dbt_valid_to, dbt_is_deleted)");
    }
    if (!value.is_scalar() || trim(value.text()).empty())
      fail(node, "snapshot_meta_column_names", "snapshot_meta_column_names." + key + " must name a column");
    *slot = std::string(trim(value.text()));
  }
  return columns;
}

}  // namespace

SnapshotConfig snapshot_config(const graph::Node& node) {
  SnapshotConfig c;
  std::string strategy = node.config.get_string("strategy");
  if (strategy.empty()) fail(node, "strategy", "needs a strategy (timestamp or check)");
  if (strategy != "timestamp" && strategy != "check")
    fail(node, "strategy", "strategy '" + strategy + "' is not supported (timestamp, check)");
  c.check_strategy = strategy == "check";
  project::ConfigValue key = node.config.get("unique_key");
  c.unique_key_is_list = key.is_list();
  for (const auto& k : node.config.get_list("unique_key"))
    if (!trim(k).empty()) c.unique_key.emplace_back(trim(k));
  if (c.unique_key.empty()) fail(node, "unique_key", "needs a unique_key (a column, an expression or a list)");
  c.updated_at = std::string(trim(node.config.get_string("updated_at")));
  if (!c.check_strategy && c.updated_at.empty())
    fail(node, "updated_at", "strategy timestamp needs updated_at (the column that says when a row changed)");
  if (c.check_strategy) {
    project::ConfigValue cols = node.config.get("check_cols");
    if (cols.is_scalar() && cols.text() == "all") {
      c.check_all = true;
    } else if (cols.is_list()) {
      for (const auto& col : cols.items()) c.check_cols.emplace_back(trim(col.text()));
    }
    if (!c.check_all && c.check_cols.empty())
      fail(node, "check_cols", "strategy check needs check_cols: 'all' or a list of columns");
  }
  c.hard_deletes = hard_deletes_of(node);
  c.valid_to_current = std::string(trim(node.config.get_string("dbt_valid_to_current")));
  c.columns = columns_of(node);
  return c;
}

}  // namespace mrun::parse
