#include "parse/call_location.h"

#include <algorithm>
#include <regex>

namespace mrun::parse {

namespace {

std::string regex_escape(const std::string& text) {
  static const std::regex special(R"([.^$|()\[\]{}*+?\\])");
  return std::regex_replace(text, special, R"(\$&)");
}

}  // namespace

CallLocation find_call(const std::string& code, const std::string& function, const std::vector<std::string>& args,
                       const SourceLocation& fallback) {
  std::string pattern = "\\b" + regex_escape(function) + "\\s*\\(\\s*";
  for (size_t i = 0; i < args.size(); ++i) {
    if (i) pattern += "\\s*,\\s*";
    pattern += "['\"]" + regex_escape(args[i]) + "['\"]";
  }
  std::smatch match;
  if (!std::regex_search(code, match, std::regex(pattern))) return {fallback, ""};
  size_t offset = static_cast<size_t>(match.position(0));
  size_t newline = offset == 0 ? std::string::npos : code.rfind('\n', offset - 1);
  size_t line_start = newline == std::string::npos ? 0 : newline + 1;
  size_t line_end = code.find('\n', offset);
  CallLocation call;
  call.where.file = fallback.file;
  call.where.line = 1 + static_cast<int>(std::count(code.begin(), code.begin() + static_cast<long>(offset), '\n'));
  call.where.column = 1 + static_cast<int>(offset - line_start);
  call.line_text = code.substr(line_start, line_end == std::string::npos ? std::string::npos : line_end - line_start);
  return call;
}

std::string caret_lines(const CallLocation& call) {
  if (call.line_text.empty()) return "";
  return "\n  " + call.line_text + "\n  " + std::string(static_cast<size_t>(call.where.column - 1), ' ') + "^";
}

}  // namespace mrun::parse
