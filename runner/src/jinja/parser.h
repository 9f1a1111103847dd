// Builds the syntax tree (ast.h) from tokens, following Jinja2's grammar and
// operator precedence. Names of filters and tests are checked at parse time,
// as Jinja2 does when it compiles a template.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "jinja/ast.h"
#include "jinja/environment.h"

namespace mrun::jinja {

/// Parses normalized `source` (see normalize_source). Throws TemplateError
/// with `name`, line and column on syntax errors and when nesting exceeds
/// options.max_parse_depth.
std::shared_ptr<const ast::TemplateBody> parse_template(std::string_view source, const std::string& name,
                                                        const EnvironmentOptions& options);

}  // namespace mrun::jinja
