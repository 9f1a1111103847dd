#include "parse/call_location.h"

#include <catch2/catch.hpp>

using mrun::SourceLocation;
using mrun::parse::caret_lines;
using mrun::parse::find_call;

TEST_CASE("find_call points at the written ref() or source() call") {
  std::string code = "select 1\nfrom {{ ref( \"bb\" ) }}\njoin {{ source('raw', 'films') }}\n";
  auto ref = find_call(code, "ref", {"bb"}, SourceLocation{"m.sql", 1, 1});
  CHECK(ref.where.str() == "m.sql:2:9");
  CHECK(caret_lines(ref) == "\n  from {{ ref( \"bb\" ) }}\n          ^");
  auto source = find_call(code, "source", {"raw", "films"}, SourceLocation{"m.sql", 1, 1});
  CHECK(source.where.str() == "m.sql:3:9");
  auto first_line = find_call("{{ ref('a') }}", "ref", {"a"}, SourceLocation{"m.sql", 1, 1});
  CHECK(first_line.where.str() == "m.sql:1:4");
  auto missing = find_call(code, "ref", {"b.b"}, SourceLocation{"m.sql", 1, 1});  // '.' is literal
  CHECK(missing.where.str() == "m.sql:1:1");
  CHECK(caret_lines(missing) == "");
}
