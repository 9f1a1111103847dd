// Config values as YAML text outside project files: --vars on the command
// line, tests that write configs inline, and `mrun debug` printing vars.
#pragma once

#include <string>
#include <string_view>

#include "project/config_value.h"

namespace mrun::project {

/// The YAML document `text` as a config value (null for an empty text);
/// `origin` (e.g. "--vars") names it in errors and positions. Throws
/// ConfigError at origin:line:column for malformed YAML or a duplicate key.
ConfigValue parse_config_text(std::string_view text, const std::string& origin);

/// `value` as one line of YAML flow text ("{a: 1, b: [x, y]}"); scalars as
/// written, quoted where YAML needs it.
std::string flow_yaml(const ConfigValue& value);

}  // namespace mrun::project
