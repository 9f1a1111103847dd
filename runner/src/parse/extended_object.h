// A template object with more attributes than another: `adapter`,
// `exceptions` and `target` are installed by dbt_context.cpp, and the files
// that add to them (introspection.cpp, ...) extend what is installed instead
// of replacing it, so each adds its own attributes without knowing the others.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "jinja/environment.h"

namespace mrun::parse {

/// `base` with `additions` (looked up first); every other attribute, and
/// what it prints as, come from `base`.
jinja::Value extend_object(jinja::Value base, std::vector<std::pair<std::string, jinja::Value>> additions);

/// Replaces global `name` of `env` by itself extended with `additions` (a
/// global that does not exist yet is made of the additions alone).
void extend_global(jinja::Environment& env, const std::string& name,
                   std::vector<std::pair<std::string, jinja::Value>> additions);

}  // namespace mrun::parse
