#include "db/connection.h"

#include <catch2/catch.hpp>

#include "test_database.h"
#include "util/error.h"

using mrun::db::redact_password;

TEST_CASE("passwords never survive redaction") {
  CHECK(redact_password("postgresql://me:s3cret@host:5432/db") == "postgresql://me:****@host:5432/db");
  CHECK(redact_password("postgres://me@host/db") == "postgres://me@host/db");
  CHECK(redact_password("host=h password=s3cret dbname=x") == "host=h password=**** dbname=x");
  CHECK(redact_password("postgresql:///db?host=/tmp&password=s3cret") == "postgresql:///db?host=/tmp&password=****");
}

TEST_CASE("a failed connection names the target without its password") {
  try {
    mrun::db::connect("postgresql://me:s3cret@127.0.0.1:1/db?connect_timeout=2");
    FAIL("connected to a closed port");
  } catch (const mrun::RunError& e) {
    std::string msg = e.what();
    CHECK(msg.find("s3cret") == std::string::npos);
    CHECK(msg.find("me:****@127.0.0.1") != std::string::npos);
  }
}

TEST_CASE("the embedded test cluster answers queries") {
  auto conn = mrun::db::connect(mrun::test::fresh_database("connection_test"));
  pqxx::work tx(*conn);
  CHECK(tx.exec1("SELECT 40 + 2")[0].as<int>() == 42);
}
