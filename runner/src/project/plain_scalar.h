// What an unquoted scalar means, decided in one place for configs, vars, test
// arguments and artifacts: YAML 1.1 as PyYAML (and so dbt) reads it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace mrun::project {

/// A scalar's value: null, bool, integer, finite float, or text.
using ScalarValue = std::variant<std::monostate, bool, int64_t, double, std::string>;

/// The value of the plain (unquoted, untagged) scalar `text`: ~/null/empty
/// are null; true/false/yes/no/on/off (common cases) bools;
/// [-+]?(0|[1-9][0-9]*) integers (a leading zero, YAML 1.1 octal, stays
/// text; out of range stays text); decimals with a dot or exponent finite
/// floats; anything else text. Never fails.
ScalarValue read_plain_scalar(std::string_view text);

}  // namespace mrun::project
