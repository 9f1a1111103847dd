// Config values (configs, test arguments) as JSON for the artifacts.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "project/config_value.h"

namespace mrun::artifacts {

/// `value` as JSON, keeping map order: null, bools, integers, floats and
/// strings as typed (project/config_value.h: a plain `yes` is true, `007`
/// and every quoted scalar a string). Never fails.
nlohmann::ordered_json config_value_json(const project::ConfigValue& value);

}  // namespace mrun::artifacts
