#include "db/quote.h"

#include <catch2/catch.hpp>

using namespace mrun::db;

TEST_CASE("identifiers and literals are quoted by doubling") {
  CHECK(quote_identifier("movies") == "\"movies\"");
  CHECK(quote_identifier("a\"b") == "\"a\"\"b\"");
  CHECK(qualified_name("raw", "links") == "\"raw\".\"links\"");
  CHECK(quote_literal("it's") == "'it''s'");
}
