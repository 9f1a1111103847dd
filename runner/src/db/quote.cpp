#include "db/quote.h"

namespace mrun::db {

namespace {
std::string quote_with(std::string_view text, char q) {
  std::string out(1, q);
  for (char c : text) {
    if (c == q) out += q;
    out += c;
  }
  out += q;
  return out;
}
}  // namespace

std::string quote_identifier(std::string_view name) { return quote_with(name, '"'); }

std::string qualified_name(std::string_view schema, std::string_view name) {
  return quote_identifier(schema) + "." + quote_identifier(name);
}

std::string quote_literal(std::string_view text) { return quote_with(text, '\''); }

std::string why_not_self_contained(std::string_view fragment) {
  char open = 0;  // the quote we are inside of; a doubled quote closes and reopens
  for (size_t i = 0; i < fragment.size(); ++i) {
    char c = fragment[i];
    if (open) {
      if (c == open) open = 0;
      continue;
    }
    std::string_view rest = fragment.substr(i);
    if (c == '\'' || c == '"') {
      open = c;
    } else if (rest.starts_with("--") || rest.starts_with("/*")) {
      return "holds a comment (" + std::string(rest.substr(0, 2)) + ")";
    } else if (c == ';') {
      return "holds a ';'";
    }
  }
  if (open) return std::string("leaves a ") + open + " open";
  return "";
}

}  // namespace mrun::db
