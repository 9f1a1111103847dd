#include "load/csv/value_check.h"

#include <catch2/catch.hpp>

using namespace mrun::load;
using mrun::project::Check;
using mrun::project::LoadColumn;

namespace {

ValueRule rule(Check check, std::string data_type) {
  LoadColumn c;
  c.name = "c";
  c.check = check;
  c.data_type = std::move(data_type);
  return value_rule_for(c);
}

std::string verdict(const ValueRule& r, std::string_view v) {
  std::string why;
  return check_value(r, v, why) ? "ok" : why;
}

}  // namespace

TEST_CASE("checks: int and positive_int with the range of the type") {
  auto big = rule(Check::Int, "bigint");
  CHECK(verdict(big, "0") == "ok");
  CHECK(verdict(big, "-42") == "ok");
  CHECK(verdict(big, "+7") == "ok");
  CHECK(verdict(big, "9223372036854775807") == "ok");
  CHECK(verdict(big, "-9223372036854775808") == "ok");
  CHECK(verdict(big, "9223372036854775808") == "integer out of range");
  CHECK(verdict(big, "1.5") == "not an integer");
  CHECK(verdict(big, "1997-08-20") == "not an integer");
  CHECK(verdict(big, " 1") == "not an integer");
  CHECK(verdict(big, "-") == "not an integer");
  auto id = rule(Check::PositiveInt, "integer");
  CHECK(verdict(id, "1") == "ok");
  CHECK(verdict(id, "0") == "not a positive integer");
  CHECK(verdict(id, "-3") == "not a positive integer");
  CHECK(verdict(id, "2147483648") == "integer out of range");
  CHECK(verdict(rule(Check::None, "smallint"), "40000") == "integer out of range");  // implied by the type
}

TEST_CASE("checks: numeric, with numeric(p,s) overflow after rounding and float range") {
  auto rating = rule(Check::Numeric, "numeric(2,1)");
  CHECK(verdict(rating, "4.5") == "ok");
  CHECK(verdict(rating, "9.94") == "ok");
  CHECK(verdict(rating, "9.96") == "number too large for numeric(2,1)");  // rounds to 10.0
  CHECK(verdict(rating, "10") == "number too large for numeric(2,1)");
  CHECK(verdict(rating, "0.05e1") == "ok");
  CHECK(verdict(rating, "abc") == "not a number");
  CHECK(verdict(rating, "NaN") == "not a number");
  auto popularity = rule(Check::Numeric, "double precision");
  CHECK(verdict(popularity, "21.946943") == "ok");
  CHECK(verdict(popularity, ".5") == "ok");
  CHECK(verdict(popularity, "5.") == "ok");
  CHECK(verdict(popularity, "1e-5") == "ok");
  CHECK(verdict(popularity, "NaN") == "ok");
  CHECK(verdict(popularity, "1e999") == "number out of range");
  CHECK(verdict(popularity, "Beware Of Frost Bites") == "not a number");
  CHECK(verdict(popularity, "1e") == "not a number");
  CHECK(verdict(rule(Check::Numeric, "text"), "12345678901234567890.5") == "ok");
}

TEST_CASE("checks: date and boolean") {
  auto d = rule(Check::Date, "text");
  CHECK(verdict(d, "1995-10-30") == "ok");
  CHECK(verdict(d, "2000-02-29") == "ok");
  CHECK(verdict(d, "1900-02-29") == "not a date (YYYY-MM-DD)");
  CHECK(verdict(d, "1995-13-01") == "not a date (YYYY-MM-DD)");
  CHECK(verdict(d, "1995-1-1") == "not a date (YYYY-MM-DD)");
  CHECK(verdict(d, "0000-01-01") == "not a date (YYYY-MM-DD)");
  auto b = rule(Check::Boolean, "boolean");
  CHECK(verdict(b, "True") == "ok");
  CHECK(verdict(b, "f") == "ok");
  CHECK(verdict(b, "0") == "ok");
  CHECK(verdict(b, "maybe") == "not a boolean");
}

TEST_CASE("checks: a check that cannot fit the data_type is a config error at the column") {
  LoadColumn c;
  c.name = "budget";
  c.check = Check::Date;
  c.data_type = "bigint";
  c.where = {"models/sources.yml", 12, 13};
  REQUIRE_THROWS_WITH(value_rule_for(c), "models/sources.yml:12:13: column 'budget': its check does not fit data_type bigint");
  c.check = Check::PositiveInt;
  CHECK(value_rule_for(c).check == Check::PositiveInt);
}

TEST_CASE("checks: int accepts integral decimal notation, keeping the integer") {
  auto big = rule(Check::Int, "bigint");
  auto integer_of = [&](std::string_view text) {
    int64_t v = -1;
    std::string why;
    return check_integer(big, text, v, why) ? std::to_string(v) : why;
  };
  CHECK(integer_of("5415.0") == "5415");
  CHECK(integer_of("11990401.0") == "11990401");
  CHECK(integer_of("1e3") == "1000");
  CHECK(integer_of("1.0e3") == "1000");
  CHECK(integer_of("1.5E1") == "15");
  CHECK(integer_of("-0.0") == "0");
  CHECK(integer_of("+.5e1") == "5");
  CHECK(integer_of("0e100000000") == "0");
  CHECK(integer_of("12000e-3") == "12");
  CHECK(integer_of("9223372036854775807.000") == "9223372036854775807");
  CHECK(integer_of("-9.223372036854775808e18") == "-9223372036854775808");
  // Not whole, or not a number at all.
  CHECK(integer_of("1.5") == "not an integer");
  CHECK(integer_of("1e-1") == "not an integer");
  CHECK(integer_of("5415.01") == "not an integer");
  CHECK(integer_of("1.") == "1");
  CHECK(integer_of(".") == "not an integer");
  CHECK(integer_of("1e") == "not an integer");
  CHECK(integer_of("NaN") == "not an integer");
  // Beyond the type, however it is written.
  CHECK(integer_of("9223372036854775808.0") == "integer out of range");
  CHECK(integer_of("1e19") == "integer out of range");
  CHECK(integer_of("1e100000000") == "integer out of range");
  CHECK(verdict(rule(Check::Int, "smallint"), "32768.0") == "integer out of range");
  CHECK(verdict(rule(Check::PositiveInt, "integer"), "0.0") == "not a positive integer");
  CHECK(verdict(rule(Check::PositiveInt, "integer"), "2.0e0") == "ok");
}

TEST_CASE("checks: an int-checked value is stored as its integer's digits, except in a text column") {
  IntegerText scratch;
  std::string why;
  std::string_view value = "5415.0";
  REQUIRE(check_value_as_stored(rule(Check::Int, "bigint"), value, scratch, why));
  CHECK(value == "5415");
  value = "5415.0";  // a text column keeps what the file says
  REQUIRE(check_value_as_stored(rule(Check::Int, "text"), value, scratch, why));
  CHECK(value == "5415.0");
  value = "007";
  REQUIRE(check_value_as_stored(rule(Check::Int, "text"), value, scratch, why));
  CHECK(value == "007");
  value = "4.50";  // other checks keep the text
  REQUIRE(check_value_as_stored(rule(Check::Numeric, "numeric"), value, scratch, why));
  CHECK(value == "4.50");
  value = "1.5";
  CHECK_FALSE(check_value_as_stored(rule(Check::Int, "text"), value, scratch, why));
  CHECK(value == "1.5");
  CHECK(why == "not an integer");
}
