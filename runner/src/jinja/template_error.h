// Errors raised while parsing or rendering a template. They carry the template
// name, line and column, and show the offending source line with a caret.
#pragma once

#include <string>

#include "util/error.h"

namespace mrun::jinja {

/// A syntax or runtime error in a template. what() reads
/// "name:line:col: message" followed by the source line and a caret line.
/// A ConfigError (exit code 2): templates reach no database, so every error
/// in one (a syntax error, an undefined macro or var, raise_compiler_error)
/// is the project's to fix. `location` (file = template name) says where.
class TemplateError : public ConfigError {
 public:
  /// `source` is the whole template text, used to quote the offending line.
  TemplateError(SourceLocation where, std::string message, std::string_view source);
  /// The message without location or source excerpt.
  std::string message;
};

/// Thrown by the evaluator for runtime failures before the location is known;
/// the statement or expression being evaluated converts it to TemplateError.
class EvalError : public std::runtime_error {
 public:
  explicit EvalError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace mrun::jinja
