#include "exec/sql_error_location.h"

#include <algorithm>
#include <regex>

#include "util/strings.h"

namespace mrun::exec {

namespace {

// Offset where line `line` (1-based) of `text` begins, or npos.
size_t line_start(std::string_view text, long line) {
  size_t offset = 0;
  for (long l = 1; l < line; ++l) {
    offset = text.find('\n', offset);
    if (offset == std::string_view::npos) return offset;
    ++offset;
  }
  return offset;
}

}  // namespace

std::string locate_sql_error(const std::string& message, std::string_view statement, const ExecutedSql& executed) {
  // libpq's "LINE n: <text>" and, below it, spaces and a caret.
  static const std::regex kLine(R"(\nLINE (\d+): ([^\n]*)\n( *)\^[^\n]*)");
  std::smatch m;
  if (!std::regex_search(message, m, kLine)) return message;
  size_t sql_at = statement.find(executed.sql);
  size_t failing = line_start(statement, std::stol(m[1].str()));
  if (sql_at == std::string_view::npos || failing == std::string_view::npos || failing < sql_at ||
      failing > sql_at + executed.sql.size())
    return message;
  std::string_view before(executed.sql.data(), failing - sql_at);
  size_t compiled_line = static_cast<size_t>(std::count(before.begin(), before.end(), '\n')) + 1;
  int template_line = compiled_line <= executed.source_lines.size() ? executed.source_lines[compiled_line - 1] : 0;

  // The compiled line whole, the caret where PostgreSQL put it (its line
  // may be cut: "...text..." ; then no caret).
  std::string_view rest = std::string_view(executed.sql).substr(failing - sql_at);
  std::string text(rest.substr(0, rest.find('\n')));
  std::string shown = m[2].str();
  std::string label = "compiled line " + std::to_string(compiled_line) + ": ";
  std::string replacement = "\n" + label + text;
  long caret = static_cast<long>(m[3].str().size()) - static_cast<long>(("LINE " + m[1].str() + ": ").size());
  if (shown.rfind("...", 0) != 0 && caret >= 0) replacement += "\n" + std::string(label.size() + caret, ' ') + "^";

  std::string located = m.prefix().str() + replacement + m.suffix().str();
  if (template_line > 0) located = executed.path + ":" + std::to_string(template_line) + ": " + located;
  return located;
}

}  // namespace mrun::exec
