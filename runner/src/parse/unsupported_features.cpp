#include "parse/unsupported_features.h"

#include <set>

#include "util/strings.h"

namespace mrun::parse {

namespace {

// What mrun applies (the snapshot configs are the snapshots' own).
const std::set<std::string, std::less<>> kImplemented = {
    "materialized", "schema", "alias", "tags", "enabled", "pre_hook", "post_hook", "unique_key",
    "incremental_strategy", "full_refresh", "meta", "docs", "description", "severity", "column_types",
    "indexes", "contract", "store_failures", "store_failures_as", "where", "limit", "warn_if", "error_if",
    "fail_calc", "group", "access",
    // snapshots
    "strategy", "updated_at", "check_cols", "invalidate_hard_deletes", "hard_deletes", "target_schema",
    "snapshot_meta_column_names", "dbt_valid_to_current"};

// Why some known dbt configs do nothing here.
std::string why_not(const std::string& key) {
  if (key == "database" || key == "target_database")
    return "mrun builds in the target's database; set the database in profiles.yml";
  if (key == "on_schema_change") return "an incremental model's new columns fail its insert; use --full-refresh";
  if (key == "grants") return "grant privileges in a post-hook";
  if (key == "persist_docs") return "descriptions are not written as comments";
  return "ignored";
}

}  // namespace

bool is_implemented_config(const std::string& key) { return kImplemented.count(key) > 0; }

std::vector<std::string> unsupported_feature_warnings(const graph::Manifest& manifest) {
  std::vector<std::string> out;
  std::set<std::string> said;
  for (const auto& node : manifest.nodes) {
    for (const auto& [key, value] : node.config.entries()) {
      if (is_implemented_config(key)) continue;
      SourceLocation where = value.where();
      if (where.file.empty()) where = SourceLocation{node.path, 0, 0};
      std::string warning = where.str() + ": config '" + key + "' is not implemented by mrun (" + why_not(key) + ")";
      if (said.insert(warning).second) out.push_back(warning);
    }
    if (node.kind != graph::NodeKind::Model || node.materialized() != "view") continue;
    if (!node.config.get("contract")["enforced"].as_bool()) continue;
    std::vector<std::string> constraints;
    for (const auto& c : node.columns)
      for (const auto& constraint : c.constraints.items()) constraints.push_back(constraint["type"].text() + " on " + c.name);
    for (const auto& constraint : node.constraints.items()) constraints.push_back(constraint["type"].text());
    if (!constraints.empty()) {
      out.push_back(node.where.str() + ": " + node.name + " is a view: the constraints of its contract (" +
                    join(constraints, ", ") + ") are not applied (views have no constraints; as in dbt)");
    }
  }
  return out;
}

}  // namespace mrun::parse
