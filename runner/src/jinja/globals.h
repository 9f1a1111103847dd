// Jinja2's global functions: range, dict, namespace, cycler, joiner.
#pragma once

#include <string>
#include <unordered_map>

#include "jinja/value.h"

namespace mrun::jinja {

/// Adds the builtin globals to `globals`.
void add_builtin_globals(std::unordered_map<std::string, Value>& globals);

}  // namespace mrun::jinja
