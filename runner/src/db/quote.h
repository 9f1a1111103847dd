// SQL quoting: the one place that knows PostgreSQL's quoting rules.
#pragma once

#include <string>
#include <string_view>

namespace mrun::db {

/// `name` as a double-quoted identifier ("a""b" for a"b).
std::string quote_identifier(std::string_view name);

/// `schema.name`, each part quoted.
std::string qualified_name(std::string_view schema, std::string_view name);

/// `text` as a single-quoted string literal ('it''s').
std::string quote_literal(std::string_view text);

/// Why SQL text `fragment` (e.g. a column name pasted into a test's query)
/// would not stay one piece of the statement it is pasted into: a quote
/// (' or ") left open, or a comment (--, /*) or ';' outside quotes. "" when
/// it would.
std::string why_not_self_contained(std::string_view fragment);

}  // namespace mrun::db
