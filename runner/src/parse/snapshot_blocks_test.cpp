#include "parse/snapshot_blocks.h"

#include <catch2/catch.hpp>

using namespace mrun;
using Catch::Matchers::Contains;

TEST_CASE("snapshot blocks: names, bodies, and where they sit") {
  std::string text =
      "-- outside\n{% snapshot first %}\nselect 1\n{% endsnapshot %}\n"
      "{#- {% snapshot commented %} -#}\n{%- snapshot second -%} select {{ 2 }} {%- endsnapshot -%}\n";
  auto blocks = parse::find_snapshot_blocks(text, "snapshots/s.sql");
  REQUIRE(blocks.size() == 2);
  CHECK(blocks[0].name == "first");
  CHECK(blocks[0].body == "\nselect 1\n");
  CHECK(blocks[0].where.str() == "snapshots/s.sql:2:1");
  CHECK(blocks[1].name == "second");
  CHECK(blocks[1].body == " select {{ 2 }} ");
  // The placed body keeps the lines: its text starts where the file's does.
  CHECK(blocks[1].placed_body.size() == text.find(" select {{ 2 }}") + blocks[1].body.size());
  CHECK(blocks[1].placed_body.find("select {{ 2 }}") == text.find("select {{ 2 }}"));
}

TEST_CASE("snapshot blocks: errors name the file and line") {
  CHECK_THROWS_WITH(parse::find_snapshot_blocks("\n{% snapshot %}x{% endsnapshot %}", "s.sql"),
                    Contains("s.sql:2:1") && Contains("needs a name"));
  CHECK_THROWS_WITH(parse::find_snapshot_blocks("{% snapshot a %}select 1", "s.sql"),
                    Contains("s.sql:1:1") && Contains("no {% endsnapshot %}"));
  CHECK_THROWS_WITH(parse::find_snapshot_blocks("x\n{% endsnapshot %}", "s.sql"),
                    Contains("s.sql:2:1"));
}
