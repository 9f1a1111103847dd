// YAML values (configs, test arguments) as JSON for the artifacts.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <yaml-cpp/yaml.h>

namespace mrun::artifacts {

/// `node` as JSON, keeping map order. Plain scalars become what YAML 1.1
/// (PyYAML, as dbt reads them) makes of them: null (~, null, empty), bools
/// (true/false/yes/no/on/off in any common case), integers, finite floats;
/// everything else, and every quoted scalar, is a string. An undefined node
/// gives null. Never fails.
nlohmann::ordered_json yaml_to_json(const YAML::Node& node);

}  // namespace mrun::artifacts
