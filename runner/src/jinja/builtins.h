// Lookup of the builtin filters (filters.cpp) and tests (tests.cpp) by name.
#pragma once

#include <string_view>

#include "jinja/ast.h"

namespace mrun::jinja {

/// The builtin filter `name`, or nullptr.
ast::FilterFunc find_filter(std::string_view name);
/// The builtin test `name`, or nullptr.
ast::TestFunc find_test(std::string_view name);

}  // namespace mrun::jinja
