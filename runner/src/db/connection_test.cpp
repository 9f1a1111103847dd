#include "db/connection.h"

#include <catch2/catch.hpp>

#include "test_database.h"
#include "util/error.h"

TEST_CASE("a failed connection names the target without its password") {
  try {
    mrun::db::connect("postgresql://me:s3cret@127.0.0.1:1/db?connect_timeout=2");
    FAIL("connected to a closed port");
  } catch (const mrun::RunError& e) {
    std::string msg = e.what();
    CHECK(msg.find("s3cret") == std::string::npos);
    CHECK(msg.find("me:****@127.0.0.1") != std::string::npos);
  }
  // libpq quotes a URI it cannot parse, password and all.
  try {
    mrun::db::connect("postgresql://me:s3cret@[::1:1/db");
    FAIL("connected to a malformed URI");
  } catch (const mrun::RunError& e) {
    std::string msg = e.what();
    INFO(msg);
    CHECK(msg.find("s3cret") == std::string::npos);
    CHECK(msg.find("IPv6") != std::string::npos);  // libpq's reason is kept
  }
}

TEST_CASE("the embedded test cluster answers queries") {
  auto conn = mrun::db::connect(mrun::test::fresh_database("connection_test"));
  pqxx::work tx(*conn);
  CHECK(tx.exec1("SELECT 40 + 2")[0].as<int>() == 42);
}
