// Config values (configs, test arguments) as JSON for the artifacts.
#pragma once

#include <string>

#include "artifacts/json_text.h"
#include "project/config_value.h"

namespace mrun::artifacts {

/// Writes `value` as JSON, keeping map order: null, bools, integers, floats
/// and strings as typed (project/config_value.h: a plain `yes` is true,
/// `007` and every quoted scalar a string). Never fails.
void write_config_value(JsonWriter& out, const project::ConfigValue& value);

/// write_config_value into a string of its own.
std::string config_value_json(const project::ConfigValue& value);

}  // namespace mrun::artifacts
