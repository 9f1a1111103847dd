#include "db/conninfo.h"

#include <catch2/catch.hpp>

using mrun::db::database_name;

TEST_CASE("database_name reads dbname from a URI or a key=value string") {
  CHECK(database_name("postgresql://u:p@localhost:5432/shop?sslmode=disable") == "shop");
  CHECK(database_name("postgresql:///mrun?host=/tmp/x") == "mrun");
  CHECK(database_name("host=localhost dbname=sales user=u") == "sales");
  CHECK(database_name("host=localhost user=alice").size() > 0);
  CHECK(database_name("") == "");
  CHECK(database_name("postgresql://[bad") == "");
}
