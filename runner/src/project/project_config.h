// project.yml (or dbt_project.yml): the keys of dbt's dbt_project.yml.
#pragma once

#include <string>
#include <vector>

#include "project/config_map.h"
#include "project/notification_config.h"
#include "project/publish_config.h"
#include "project/config_value.h"

namespace mrun::project {

/// One entry of `dispatch:` in dbt_project.yml: where adapter.dispatch looks
/// for the macros of `macro_namespace`, packages in order.
struct DispatchConfig {
  std::string macro_namespace;
  std::vector<std::string> search_order;
};

/// The parsed project file.
struct ProjectConfig {
  std::string root_dir;      ///< absolute project directory
  std::string file;          ///< path of project.yml / dbt_project.yml
  std::string name;
  std::string version;
  std::string profile;       ///< profile name in profiles.yml (default: name)
  std::vector<std::string> model_paths{"models"};
  std::vector<std::string> seed_paths{"seeds"};
  std::vector<std::string> macro_paths{"macros"};
  std::vector<std::string> test_paths{"tests"};
  std::vector<std::string> snapshot_paths{"snapshots"};
  std::vector<std::string> docs_paths;  ///< extra folders with {% docs %} .md files
  std::string target_path = "target";
  std::string packages_install_path = "dbt_packages";  ///< where `mrun deps` installs packages (project/installed_packages.h)
  std::vector<DispatchConfig> dispatch;  ///< `dispatch:` (parse/macro_namespaces.h)
  std::vector<std::string> clean_targets;  ///< `clean-targets:`; empty: target-path and packages-install-path
  ConfigValue vars;          ///< project vars after --vars overrides (a map)
  ConfigValue models;        ///< the `models:` folder config tree (a map)
  ConfigValue seeds;         ///< the `seeds:` folder config tree (a map)
  ConfigValue tests;         ///< the `tests:`/`data_tests:` folder config tree (a map)
  ConfigValue snapshots;     ///< the `snapshots:` folder config tree (a map)
  std::vector<std::string> on_run_start;
  std::vector<std::string> on_run_end;
  /// `state-schema:` where mrun keeps its run state (state/state_schema.h).
  std::string state_schema = "mrun_state";
  PublishConfig publish;     ///< `publish:`, `publish-lock-timeout:`, `publish-attempts:` (project/publish_config.h)
  std::vector<WebhookConfig> notifications;  ///< `notifications:` (project/notification_config.h)
  std::vector<std::string> warnings;  ///< e.g. unknown keys, with file:line:col
};

/// Reads project.yml (else dbt_project.yml) in `dir` and applies `vars_override`
/// (a map, from --vars: project/config_text.h) over its vars. Throws ConfigError naming
/// file:line:col for a malformed file, a missing name, wrong value types, or
/// a malformed `notifications:` entry; unknown top-level keys become warnings.
ProjectConfig load_project_config(const std::string& dir, const ConfigValue& vars_override = ConfigValue());

/// The folder configs that apply to a node: walks `tree` (a `models:`,
/// `seeds:` or `snapshots:` tree) along project name, then each folder of `folders`, then the
/// node name, merging `+key` entries (and legacy non-map keys) on the way.
ConfigMap folder_config(const ConfigValue& tree, const std::string& project_name,
                        const std::vector<std::string>& folders, const std::string& node_name);

}  // namespace mrun::project
