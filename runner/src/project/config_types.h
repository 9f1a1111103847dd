// The value types of the node configs mrun reads (materialized, enabled,
// tags, ...), checked where a config is written in YAML (project.yml folder
// configs, schema.yml `config:` blocks and test entries), so that a wrong
// type is an error at its file:line:column instead of a silent default
// (`+materialized: [table]` used to build a view).
#pragma once

#include <string>
#include <yaml-cpp/yaml.h>

#include "project/yaml_file.h"

namespace mrun::project {

/// Throws ConfigError at `value` when `key` (as written: "+materialized",
/// "pre-hook", "enabled") is a known config whose value has the wrong type:
/// a single value (materialized, schema, alias, severity, where, ...), a
/// boolean (enabled, full_refresh, store_failures, ...), a value or a list of
/// values (tags, pre_hook, post_hook, unique_key), a mapping (meta, docs,
/// grants, ...), a list (indexes) or a whole number (limit). A scalar with
/// Jinja (`{{ ... }}`) passes: it is a value rendered later. Unknown keys pass.
void check_config_value(const YamlFile& file, const std::string& key, const YAML::Node& value);

/// check_config_value for every entry of the mapping `config` (absent or null passes).
void check_config_map(const YamlFile& file, const YAML::Node& config);

}  // namespace mrun::project
