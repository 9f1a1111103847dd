// What a YAML scalar node means (project/plain_scalar.h for plain text).
#pragma once

#include <yaml-cpp/yaml.h>

#include "project/plain_scalar.h"

namespace mrun::project {

/// The value of scalar `node`: quoted scalars are always text, plain ones
/// read as read_plain_scalar says. Never fails.
ScalarValue read_scalar(const YAML::Node& node);

}  // namespace mrun::project
