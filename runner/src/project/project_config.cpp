#include "project/project_config.h"

#include <filesystem>
#include <set>

#include "project/config_types.h"
#include "project/yaml_config_value.h"
#include "project/yaml_file.h"
#include "util/error.h"

namespace fs = std::filesystem;

namespace mrun::project {

namespace {

const std::set<std::string> kKnownKeys = {
    "name", "version", "config-version", "profile", "model-paths", "source-paths", "seed-paths",
    "data-paths", "macro-paths", "test-paths", "analysis-paths", "snapshot-paths", "docs-paths",
    "asset-paths", "target-path", "log-path", "packages-install-path", "clean-targets", "vars",
    "models", "seeds", "tests", "data_tests", "snapshots", "sources", "on-run-start", "on-run-end",
    "require-dbt-version", "quoting", "query-comment", "flags", "dispatch", "restrict-access",
    "state-schema", "notifications", "publish", "publish-lock-timeout", "publish-attempts"};

// Keys of dbt_project.yml that mrun accepts but does nothing with: each is
// warned when present.
const std::set<std::string> kNotImplementedKeys = {"quoting", "query-comment", "restrict-access", "flags",
                                                   "sources", "analysis-paths", "asset-paths", "log-path"};

// Keys of a folder-config tree that are configs even without a '+'.
const std::set<std::string> kConfigKeys = {
    "materialized", "schema", "alias", "tags", "enabled", "pre-hook", "post-hook", "pre_hook",
    "post_hook", "unique_key", "incremental_strategy", "persist_docs", "full_refresh", "meta",
    "docs", "severity", "column_types", "quote_columns", "database", "indexes", "on_schema_change",
    "grants", "contract", "group", "access", "store_failures", "where", "limit", "warn_if", "error_if",
    "strategy", "updated_at", "check_cols", "target_schema", "target_database", "invalidate_hard_deletes",
    "hard_deletes", "dbt_valid_to_current", "snapshot_meta_column_names",
    "fail_calc", "store_failures_as"};

// A folder list such as `model-paths: [models]`: a list of names, as dbt
// requires (`model-paths: 5` is an error at its line, not a folder "5").
std::vector<std::string> paths_or(const YamlFile& f, const YAML::Node& node, const std::string& key,
                                  std::vector<std::string> fallback) {
  const YAML::Node value = node[key];
  if (!value || value.IsNull()) return fallback;
  if (!value.IsSequence()) {
    throw ConfigError(location_of(f, value), key + " must be a list of folder names, e.g. " + key + ": [folder]");
  }
  auto v = string_list(f, value, key);
  return v.empty() ? fallback : v;
}

// The value of `key`: a positive number (`integer`: a whole one).
double positive_number(const YamlFile& f, const YAML::Node& node, const std::string& key, bool integer) {
  std::string text = scalar_string(f, node, key);
  try {
    size_t used = 0;
    double value = std::stod(text, &used);
    if (used == text.size() && value > 0 && (!integer || value == static_cast<double>(static_cast<long>(value))))
      return value;
  } catch (const std::exception&) {
  }
  throw ConfigError(location_of(f, node), key + " must be a positive " + (integer ? "whole number" : "number") +
                                              ", not '" + text + "'");
}

PublishConfig read_publish(const YamlFile& f, const YAML::Node& root) {
  PublishConfig publish;
  if (root["publish"]) publish.mode = publish_mode_of(scalar_string(f, root["publish"], "publish"),
                                                      location_of(f, root["publish"]));
  if (root["publish-lock-timeout"])
    publish.lock_timeout_seconds = positive_number(f, root["publish-lock-timeout"], "publish-lock-timeout", false);
  if (root["publish-attempts"])
    publish.attempts = static_cast<int>(positive_number(f, root["publish-attempts"], "publish-attempts", true));
  return publish;
}

// `dispatch:`: a list of {macro_namespace: name, search_order: [package, ...]}.
std::vector<DispatchConfig> read_dispatch(const YamlFile& f, const YAML::Node& node) {
  std::vector<DispatchConfig> out;
  if (!node || node.IsNull()) return out;
  expect_sequence(f, node, "dispatch");
  for (const auto& entry : node) {
    if (!entry.IsMap() || !entry["macro_namespace"] || !entry["search_order"] || !entry["search_order"].IsSequence()) {
      throw ConfigError(location_of(f, entry),
                        "each dispatch: entry needs macro_namespace: <name> and search_order: [package, ...]");
    }
    out.push_back({scalar_string(f, entry["macro_namespace"], "macro_namespace"),
                   string_list(f, entry["search_order"], "search_order")});
  }
  return out;
}

// Checks the config values of a folder-config tree (`models:`, `seeds:`,
// `data_tests:`, `snapshots:`) at every level: `+key` entries, and the legacy config keys
// without '+' that are not folders (as folder_config reads them).
void check_folder_configs(const YamlFile& f, const YAML::Node& level) {
  if (!level || !level.IsMap()) return;
  for (const auto& kv : level) {
    std::string key = kv.first.Scalar();
    bool plus = !key.empty() && key[0] == '+';
    if (plus || (kConfigKeys.count(key) && !kv.second.IsMap())) {
      check_config_value(f, key, kv.second);
    } else {
      check_folder_configs(f, kv.second);
    }
  }
}

}  // namespace

ProjectConfig load_project_config(const std::string& dir, const ConfigValue& vars_override) {
  ProjectConfig cfg;
  cfg.root_dir = fs::weakly_canonical(fs::absolute(dir)).string();
  fs::path file = fs::path(cfg.root_dir) / "project.yml";
  if (!fs::exists(file)) file = fs::path(cfg.root_dir) / "dbt_project.yml";
  if (!fs::exists(file)) {
    throw ConfigError(cfg.root_dir + ": no project.yml or dbt_project.yml (use --project-dir)");
  }
  cfg.file = file.string();
  YamlFile f = load_yaml_file(cfg.file);
  const YAML::Node& root = f.root;
  if (!root.IsMap()) throw ConfigError(location_of(f, root), "the project file must be a mapping");

  for (const auto& kv : root) {
    std::string key = kv.first.Scalar();
    if (!kKnownKeys.count(key)) {
      cfg.warnings.push_back(location_of(f, kv.first).str() + ": unknown key '" + key + "' (ignored)");
    } else if (kNotImplementedKeys.count(key)) {
      cfg.warnings.push_back(location_of(f, kv.first).str() + ": '" + key + "' is not implemented by mrun (ignored)");
    }
  }
  cfg.name = scalar_string(f, root["name"], "name");
  if (cfg.name.empty()) throw ConfigError(location_of(f, root), "the project needs a 'name'");
  cfg.version = scalar_string(f, root["version"], "version");
  cfg.profile = scalar_string(f, root["profile"], "profile");
  if (cfg.profile.empty()) cfg.profile = cfg.name;
  cfg.model_paths = paths_or(f, root, root["model-paths"] ? "model-paths" : "source-paths", cfg.model_paths);
  cfg.seed_paths = paths_or(f, root, root["seed-paths"] ? "seed-paths" : "data-paths", cfg.seed_paths);
  cfg.macro_paths = paths_or(f, root, "macro-paths", cfg.macro_paths);
  cfg.test_paths = paths_or(f, root, "test-paths", cfg.test_paths);
  cfg.snapshot_paths = paths_or(f, root, "snapshot-paths", cfg.snapshot_paths);
  cfg.docs_paths = paths_or(f, root, "docs-paths", {});
  if (root["target-path"]) cfg.target_path = scalar_string(f, root["target-path"], "target-path");
  if (root["packages-install-path"])
    cfg.packages_install_path = scalar_string(f, root["packages-install-path"], "packages-install-path");
  cfg.dispatch = read_dispatch(f, root["dispatch"]);
  cfg.clean_targets = paths_or(f, root, "clean-targets", {});

  expect_map(f, root["vars"], "vars");
  ConfigValue vars = root["vars"] && root["vars"].IsMap() ? config_value_of(f, root["vars"]) : ConfigValue::map({});
  if (!vars_override.is_null()) {
    if (!vars_override.is_map()) throw ConfigError("--vars must be a YAML mapping, e.g. '{key: value}'");
    for (const auto& [key, value] : vars_override.entries()) vars = vars.with(key, value);
  }
  cfg.vars = std::move(vars);
  for (const char* key : {"models", "seeds", "tests", "data_tests", "snapshots"}) {
    expect_map(f, root[key], key);
    check_folder_configs(f, root[key]);
  }
  cfg.models = config_value_or_empty_map(f, root["models"]);
  cfg.seeds = config_value_or_empty_map(f, root["seeds"]);
  cfg.snapshots = config_value_or_empty_map(f, root["snapshots"]);
  cfg.tests = root["data_tests"] ? config_value_of(f, root["data_tests"]) : config_value_or_empty_map(f, root["tests"]);
  cfg.on_run_start = string_list(f, root["on-run-start"], "on-run-start");
  cfg.on_run_end = string_list(f, root["on-run-end"], "on-run-end");
  if (root["state-schema"]) {
    cfg.state_schema = scalar_string(f, root["state-schema"], "state-schema");
    if (cfg.state_schema.empty())
      throw ConfigError(location_of(f, root["state-schema"]), "state-schema must name a schema");
  }
  cfg.publish = read_publish(f, root);
  cfg.notifications = read_notifications(f, root["notifications"]);
  return cfg;
}

ConfigMap folder_config(const ConfigValue& tree, const std::string& project_name,
                        const std::vector<std::string>& folders, const std::string& node_name) {
  ConfigMap out;
  auto apply_level = [&out](const ConfigValue& level) {
    for (const auto& [key, value] : level.entries()) {
      bool plus = !key.empty() && key[0] == '+';
      if (plus || (kConfigKeys.count(key) && !value.is_map())) out.set(key, value);
    }
  };
  if (!tree.is_map()) return out;
  apply_level(tree);  // configs at the top apply to every project
  const ConfigValue* level = tree.find(project_name);
  if (!level) return out;
  apply_level(*level);
  for (const auto& folder : folders) {
    const ConfigValue* next = level->find(folder);
    if (!next || !next->is_map()) return out;
    level = next;
    apply_level(*level);
  }
  const ConfigValue* leaf = level->find(node_name);
  if (leaf && leaf->is_map()) apply_level(*leaf);
  return out;
}

}  // namespace mrun::project
