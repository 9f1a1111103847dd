// A snapshot's configuration as dbt documents it (docs.getdbt.com,
// "Snapshot configurations"): strategy `timestamp` (unique_key,
// updated_at) or `check` (unique_key, check_cols: a list or 'all', an
// optional updated_at), hard deletes (`hard_deletes: ignore | invalidate |
// new_record`, or the legacy `invalidate_hard_deletes: true`),
// `dbt_valid_to_current`, and the names of the meta columns
// (`snapshot_meta_column_names`). Read from a node's merged config
// (dbt_project.yml `snapshots:` < schema file < config() in the block).
#pragma once

#include <string>
#include <vector>

#include "graph/manifest.h"

namespace mrun::parse {

/// What a snapshot does with a row that is gone from its query.
enum class HardDeletes { Ignore, Invalidate, NewRecord };

/// The names of the columns a snapshot adds (`snapshot_meta_column_names`).
struct SnapshotColumns {
  std::string scd_id = "dbt_scd_id";
  std::string updated_at = "dbt_updated_at";
  std::string valid_from = "dbt_valid_from";
  std::string valid_to = "dbt_valid_to";
  std::string is_deleted = "dbt_is_deleted";  ///< hard_deletes: new_record only
};

/// A snapshot's settings, checked.
struct SnapshotConfig {
  bool check_strategy = false;          ///< strategy: check (else timestamp)
  /// unique_key: SQL expressions over the query's columns (one, or several
  /// when written as a list).
  std::vector<std::string> unique_key;
  bool unique_key_is_list = false;
  /// updated_at: a column of the query (required by timestamp; check uses
  /// it when given, else the time of the run).
  std::string updated_at;
  bool check_all = false;               ///< check_cols: 'all'
  std::vector<std::string> check_cols;  ///< check_cols as a list
  HardDeletes hard_deletes = HardDeletes::Ignore;
  /// dbt_valid_to_current: the SQL value of dbt_valid_to in current rows
  /// ("" = null, dbt's default).
  std::string valid_to_current;
  SnapshotColumns columns;
};

/// The checked config of snapshot `node`. Throws ConfigError at the node
/// (or the offending value) for a missing or unknown strategy, a missing
/// unique_key, updated_at (timestamp) or check_cols (check), both
/// invalidate_hard_deletes and hard_deletes, or an unknown hard_deletes or
/// meta column name.
SnapshotConfig snapshot_config(const graph::Node& node);

}  // namespace mrun::parse
