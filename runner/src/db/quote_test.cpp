#include "db/quote.h"

#include <catch2/catch.hpp>

using namespace mrun::db;

TEST_CASE("identifiers and literals are quoted by doubling") {
  CHECK(quote_identifier("movies") == "\"movies\"");
  CHECK(quote_identifier("a\"b") == "\"a\"\"b\"");
  CHECK(qualified_name("raw", "links") == "\"raw\".\"links\"");
  CHECK(quote_literal("it's") == "'it''s'");
}

TEST_CASE("a pasted SQL fragment must not open a quote, a comment or a new statement") {
  for (const char* ok : {"id", "\"MixedCase\"", "\"a\"\"b\"", "coalesce(a, 'it''s')", "lower(\"E-mail\")", "a - b"}) {
    INFO(ok);
    CHECK(why_not_self_contained(ok) == "");
  }
  CHECK(why_not_self_contained("a\"b") == "leaves a \" open");
  CHECK(why_not_self_contained("it's") == "leaves a ' open");
  CHECK(why_not_self_contained("a -- b") == "holds a comment (--)");
  CHECK(why_not_self_contained("a /* b */") == "holds a comment (/*)");
  CHECK(why_not_self_contained("1; drop table x") == "holds a ';'");
  CHECK(why_not_self_contained("'--;'") == "");
}
