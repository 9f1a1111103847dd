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

/// A RunError (a database query a template ran failed: exit 1, or 3 when
/// transient) with the template location of the call that ran it. A native
/// function throws a RunError; the evaluator turns it into this one, once,
/// so it keeps its exit code instead of becoming a TemplateError.
class TemplateRunError : public RunError {
 public:
  TemplateRunError(SourceLocation where, const RunError& error, std::string_view source);
  SourceLocation location;
};

/// Thrown by the evaluator for runtime failures before the location is known;
/// the statement or expression being evaluated converts it to TemplateError.
class EvalError : public std::runtime_error {
 public:
  explicit EvalError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace mrun::jinja
