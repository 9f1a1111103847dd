// Converting YAML (vars, configs, test arguments) to template values.
#pragma once

#include <yaml-cpp/yaml.h>

#include "jinja/value.h"

namespace mrun::parse {

/// `node` as a template value: maps become dicts (in order), sequences lists,
/// unquoted scalars ints/floats/bools/None when they read as such (YAML 1.1
/// core: true/false/yes/no, ~/null), quoted scalars strings.
jinja::Value yaml_to_value(const YAML::Node& node);

/// A template value as YAML (for configs set by `config(...)` in a model).
YAML::Node value_to_yaml(const jinja::Value& value);

}  // namespace mrun::parse
