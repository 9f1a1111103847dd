// The parse boundary: YAML nodes of a project file become config values
// (project/config_value.h). Only project/ reads YAML.
#pragma once

#include <yaml-cpp/yaml.h>

#include "project/config_value.h"
#include "project/yaml_file.h"

namespace mrun::project {

/// `node` of `file` as a config value, each value with its file:line:col.
/// Plain scalars are typed as YAML 1.1 reads them (project/plain_scalar.h)
/// and keep their text; quoted ones are strings; a scalar with an explicit
/// tag other than the quoted one reads as plain. Map keys are their text.
/// An undefined node gives null.
ConfigValue config_value_of(const YamlFile& file, const YAML::Node& node);

/// config_value_of, or an empty map when `node` is absent or null (`meta:`,
/// a folder-config tree).
ConfigValue config_value_or_empty_map(const YamlFile& file, const YAML::Node& node);

}  // namespace mrun::project
