// Lookup of the builtin filters (filters.cpp) and tests (tests.cpp) by name.
#pragma once

#include <string_view>

#include "jinja/ast.h"

namespace mrun::jinja {

/// The builtin filter `name`, or nullptr.
ast::FilterFunc find_filter(std::string_view name);
/// The builtin test `name`, or nullptr.
ast::TestFunc find_test(std::string_view name);
/// Throws, as Jinja2 does, when builtin test `name` is called with arguments
/// its Python function does not take (`x is odd(1)`, `x is eq(other=1)`).
void check_test_arguments(std::string_view name, const CallArgs& args);

}  // namespace mrun::jinja
