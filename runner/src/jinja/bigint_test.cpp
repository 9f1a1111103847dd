#include "jinja/bigint.h"

#include <catch2/catch.hpp>

using namespace mrun::jinja;

TEST_CASE("BigInt prints and parses decimal text", "[jinja][bigint]") {
  CHECK(BigInt(0).to_string() == "0");
  CHECK(BigInt(INT64_MIN).to_string() == "-9223372036854775808");
  CHECK(BigInt::parse("18446744073709551616").to_string() == "18446744073709551616");
  CHECK(BigInt::parse("-1000000000000000000000").to_string() == "-1000000000000000000000");
  CHECK(BigInt::parse("-0").to_string() == "0");
  CHECK(BigInt::parse("9223372036854775807").to_int64() == INT64_MAX);
  CHECK_FALSE(BigInt::parse("9223372036854775808").to_int64());
  CHECK(BigInt::parse("-9223372036854775808").to_int64() == INT64_MIN);
  CHECK(BigInt::parse("18446744073709551616").to_double() == 18446744073709551616.0);
}

TEST_CASE("BigInt arithmetic matches Python's ints", "[jinja][bigint]") {
  BigInt two64 = BigInt::pow(BigInt(2), 64);
  CHECK(two64.to_string() == "18446744073709551616");
  CHECK((two64 - two64).is_zero());
  CHECK((two64 + BigInt(-1)).to_string() == "18446744073709551615");
  CHECK((BigInt(INT64_MAX) * BigInt(INT64_MAX)).to_string() == "85070591730234615847396907784232501249");
  CHECK(BigInt::pow(BigInt(-3), 41).to_string() == "-36472996377170786403");
  BigInt q, r;
  BigInt::floor_divmod(BigInt::pow(BigInt(2), 70), BigInt(3), &q, &r);
  CHECK(q.to_string() == "393530540239137101141");
  CHECK(r.to_string() == "1");
  BigInt::floor_divmod(-BigInt::pow(BigInt(2), 70), BigInt(3), &q, &r);  // floors, remainder has the divisor's sign
  CHECK(q.to_string() == "-393530540239137101142");
  CHECK(r.to_string() == "2");
  BigInt::floor_divmod(BigInt::pow(BigInt(2), 70), BigInt(-7), &q, &r);
  CHECK(r.to_string() == "-5");
  CHECK(BigInt::compare(two64, -two64) == 1);
  CHECK(BigInt::compare(-two64, BigInt(0)) == -1);
  CHECK(BigInt::pow(BigInt(2), 64).bit_length() == 65);
}
