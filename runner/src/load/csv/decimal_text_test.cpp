#include "load/csv/decimal_text.h"

#include <catch2/catch.hpp>
#include <string>

using namespace mrun::load;

namespace {

// "whole|fraction|exponent|sign" for a literal, or "invalid".
std::string parts(std::string_view text) {
  DecimalText d;
  if (!parse_decimal_text(text, d)) return "invalid";
  return std::string(d.whole) + "|" + std::string(d.fraction) + "|" + std::to_string(d.exponent) + "|" +
         (d.negative ? "-" : "+");
}

long rounded_digits(std::string_view text, int scale) {
  DecimalText d;
  REQUIRE(parse_decimal_text(text, d));
  return integer_digits_after_rounding(d, scale);
}

}  // namespace

TEST_CASE("decimal text: split into views of whole, fraction and exponent") {
  CHECK(parts("12.50") == "12|50|0|+");
  CHECK(parts("-0.5") == "0|5|0|-");
  CHECK(parts("+.5") == "|5|0|+");
  CHECK(parts("5.") == "5||0|+");
  CHECK(parts("1e-3") == "1||-3|+");
  CHECK(parts("2.5E+12") == "2|5|12|+");
  CHECK(parts("007") == "007||0|+");
  CHECK(parts("1e999999999999") == "1||100000000|+");  // saturates
  for (const char* bad : {"", "-", ".", "e5", "1e", "1e+", "1.2.3", " 1", "1 ", "NaN", "Infinity", "0x10", "1,5"})
    CHECK(parts(bad) == "invalid");
}

TEST_CASE("decimal text: integer digits after rounding decide numeric(p,s)") {
  CHECK(rounded_digits("4.5", 1) == 1);
  CHECK(rounded_digits("9.94", 1) == 1);
  CHECK(rounded_digits("9.95", 1) == 2);   // rounds half away from zero to 10.0
  CHECK(rounded_digits("-9.95", 1) == 2);
  CHECK(rounded_digits("99.5", 0) == 3);   // 100
  CHECK(rounded_digits("0.04", 1) == 0);
  CHECK(rounded_digits("0.05", 1) == 0);   // 0.1
  CHECK(rounded_digits("0.95", 0) == 1);   // 1
  CHECK(rounded_digits("000123.4", 2) == 3);
  CHECK(rounded_digits("1.5e3", 0) == 4);
  CHECK(rounded_digits("12345e-4", 2) == 1);
  CHECK(rounded_digits("0", 2) == 0);
  CHECK(rounded_digits("0.000", 2) == 0);
}
