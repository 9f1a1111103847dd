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

}  // namespace mrun::db
