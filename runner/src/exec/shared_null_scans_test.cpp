#include "exec/shared_null_scans.h"

#include <catch2/catch.hpp>

using mrun::exec::plain_not_null;

TEST_CASE("plain_not_null takes the column and relation of dbt's not_null shape, and nothing else") {
  auto check = plain_not_null("\nselect user_id\nfrom \"core\".\"fct_rating\"\nwhere user_id is null\n");
  REQUIRE(check);
  CHECK(check->column == "user_id");
  CHECK(check->relation == "\"core\".\"fct_rating\"");

  // An expression column, and a `where` config's subquery as the relation.
  auto filtered = plain_not_null(
      "select lower(name)\nfrom (select * from \"s\".\"t\"\nwhere kind = 'a') dbt_subquery\nwhere lower(name) is null");
  REQUIRE(filtered);
  CHECK(filtered->column == "lower(name)");
  CHECK(filtered->relation == "(select * from \"s\".\"t\"\nwhere kind = 'a') dbt_subquery");

  CHECK_FALSE(plain_not_null("select a\nfrom t\nwhere b is null"));          // another column
  CHECK_FALSE(plain_not_null("select a\nfrom t\nwhere a is null and b > 1"));  // more conditions
  CHECK_FALSE(plain_not_null("select a, b\nfrom t\nwhere a is null\nunion all select 1, 2"));
  CHECK_FALSE(plain_not_null("select a from t where a is null"));            // not the macro's layout
  CHECK_FALSE(plain_not_null("select a\nfrom \nwhere a is null"));
  CHECK_FALSE(plain_not_null(""));
}
