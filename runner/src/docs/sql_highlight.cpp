#include "docs/sql_highlight.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "docs/html.h"

namespace mrun::docs {

namespace {

bool is_keyword(std::string_view word) {
  static constexpr std::array<std::string_view, 78> kKeywords = {
      "all",      "and",     "as",       "asc",       "between",  "by",        "case",      "cast",
      "coalesce", "count",   "create",   "cross",     "current_date", "delete", "desc",     "distinct",
      "drop",     "else",    "end",      "except",    "exists",   "false",     "filter",    "first",
      "following", "from",   "full",     "group",     "having",   "ilike",     "in",        "index",
      "inner",    "insert",  "intersect", "interval", "into",     "is",        "join",      "last",
      "lateral",  "left",    "like",     "limit",     "max",      "min",       "natural",   "not",
      "null",     "nulls",   "offset",   "on",        "or",       "order",     "outer",     "over",
      "partition", "preceding", "range", "recursive", "right",    "rows",      "select",    "set",
      "sum",      "table",   "then",     "true",      "unbounded", "union",    "update",    "using",
      "values",   "view",    "when",     "where",     "window",   "with"};
  std::string lower(word);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return std::find(kKeywords.begin(), kKeywords.end(), lower) != kKeywords.end();
}

// The end of the token that opens at `i` with `open` and closes with `close`
// (the whole rest when it never closes).
size_t end_of(std::string_view sql, size_t i, std::string_view close) {
  size_t end = sql.find(close, i);
  return end == std::string_view::npos ? sql.size() : end + close.size();
}

// The end of a quoted token at `i` ('...' or "..."), a doubled quote inside
// staying inside.
size_t end_of_quoted(std::string_view sql, size_t i) {
  char quote = sql[i];
  size_t j = i + 1;
  while (j < sql.size()) {
    if (sql[j] == quote) {
      if (j + 1 < sql.size() && sql[j + 1] == quote) {
        j += 2;
        continue;
      }
      return j + 1;
    }
    ++j;
  }
  return sql.size();
}

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

}  // namespace

std::string highlight_sql(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() * 2);
  auto span = [&out](const char* cls, std::string_view text) {
    out += "<span class=\"";
    out += cls;
    out += "\">";
    out += escape_html(text);
    out += "</span>";
  };
  size_t i = 0;
  while (i < sql.size()) {
    char c = sql[i];
    char next = i + 1 < sql.size() ? sql[i + 1] : '\0';
    size_t end = i + 1;
    if (c == '{' && (next == '{' || next == '%' || next == '#')) {
      end = end_of(sql, i + 2, next == '{' ? "}}" : next == '%' ? "%}" : "#}");
      span("j", sql.substr(i, end - i));
    } else if (c == '-' && next == '-') {
      end = end_of(sql, i, "\n");
      span("c", sql.substr(i, end - i));
    } else if (c == '/' && next == '*') {
      end = end_of(sql, i + 2, "*/");
      span("c", sql.substr(i, end - i));
    } else if (c == '\'' || c == '"') {
      end = end_of_quoted(sql, i);
      span("s", sql.substr(i, end - i));
    } else if (std::isdigit(static_cast<unsigned char>(c)) && (i == 0 || !word_char(sql[i - 1]))) {
      while (end < sql.size() && (std::isdigit(static_cast<unsigned char>(sql[end])) || sql[end] == '.')) ++end;
      span("n", sql.substr(i, end - i));
    } else if (word_char(c)) {
      while (end < sql.size() && word_char(sql[end])) ++end;
      std::string_view word = sql.substr(i, end - i);
      if (is_keyword(word)) span("k", word);
      else out += escape_html(word);
    } else {
      out += escape_html(sql.substr(i, 1));
    }
    i = end;
  }
  return out;
}

}  // namespace mrun::docs
