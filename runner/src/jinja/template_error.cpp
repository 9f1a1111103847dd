#include "jinja/template_error.h"

namespace mrun::jinja {

namespace {

/// "msg\n  <line text>\n  <spaces>^" for line/column of `source`.
std::string describe(const SourceLocation& where, const std::string& message, std::string_view source) {
  std::string out = where.str() + ": " + message;
  if (where.line <= 0) return out;
  size_t start = 0;
  for (int line = 1; line < where.line; ++line) {
    size_t nl = source.find('\n', start);
    if (nl == std::string_view::npos) return out;
    start = nl + 1;
  }
  size_t end = source.find('\n', start);
  std::string_view text = source.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
  if (text.size() > 300) return out;
  out += "\n  ";
  out += text;
  out += "\n  ";
  for (int i = 1; i < where.column && static_cast<size_t>(i) <= text.size(); ++i) out += text[i - 1] == '\t' ? '\t' : ' ';
  out += "^";
  return out;
}

}  // namespace

TemplateError::TemplateError(SourceLocation where, std::string msg, std::string_view source)
    : ConfigError(describe(where, msg, source)), message(std::move(msg)) {
  location = std::move(where);
}

TemplateRunError::TemplateRunError(SourceLocation where, const RunError& error, std::string_view source)
    : RunError(describe(where, error.what(), source), error.transient), location(std::move(where)) {}

}  // namespace mrun::jinja
