#include "jinja/strings_py.h"

#include <catch2/catch.hpp>

#include "jinja/unicode_data.h"

using namespace mrun::jinja;

TEST_CASE("upper and lower use Python's full case mappings", "[jinja][unicode]") {
  CHECK(py_upper("straße") == "STRASSE");
  CHECK(py_upper("\xef\xac\x81x") == "FIX");             // 'ﬁx' -> 'FIX'
  CHECK(py_upper("\xc5\x89") == "\xca\xbcN");            // 'ŉ' -> 'ʼN'
  CHECK(py_upper("\xe1\xbe\xb3") == "\xce\x91\xce\x99");  // 'ᾳ' -> 'ΑΙ'
  CHECK(py_lower("\xc4\xb0stanbul") == "i\xcc\x87stanbul");  // 'İ' -> 'i' + combining dot above
  CHECK(py_upper("abc-\xc3\xa9\xc3\xbf") == "ABC-\xc3\x89\xc5\xb8");  // 'éÿ' -> 'ÉŸ'
  CHECK(py_casefold("Stra\xc3\x9f" "e") == "strasse");
}

TEST_CASE("lower gives the final sigma at the end of a word only", "[jinja][unicode]") {
  CHECK(py_lower("\xce\x9f\xce\x94\xce\x9f\xce\xa3") == "\xce\xbf\xce\xb4\xce\xbf\xcf\x82");  // ΟΔΟΣ -> οδος
  CHECK(py_lower("\xce\xa3\xce\x91\xce\xa3 \xce\xa3") == "\xcf\x83\xce\xb1\xcf\x82 \xcf\x83");  // ΣΑΣ Σ -> σας σ
  CHECK(py_lower("\xce\x91\xce\xa3'.") == "\xce\xb1\xcf\x82'.");  // case-ignorable after it: still final
  CHECK(py_lower("\xce\x91\xce\xa3'\xce\x91") == "\xce\xb1\xcf\x83'\xce\xb1");  // a letter after the quote: not final
}

TEST_CASE("title, capitalize and swapcase map one letter to several", "[jinja][unicode]") {
  CHECK(py_title("\xef\xac\x81sh \xef\xac\x82our") == "Fish Flour");  // 'ﬁsh ﬂour'
  CHECK(py_capitalize("\xef\xac\x81SH") == "Fish");
  CHECK(py_title("\xc7\x86" "emal") == "\xc7\x85" "emal");  // ǆ -> title case ǅ
  CHECK(py_swapcase("Stra\xc3\x9f" "e") == "sTRASSE");
  CHECK(py_title("they're bill's") == "They'Re Bill'S");
}

TEST_CASE("str predicates follow Python's Unicode properties", "[jinja][unicode]") {
  CHECK(py_is("\xd9\xa1\xd9\xa2", "isdigit"));    // Arabic-Indic digits
  CHECK(py_is("\xc2\xb2", "isdigit"));            // '²'
  CHECK_FALSE(py_is("\xc2\xb2", "isdecimal"));
  CHECK(py_is("\xc2\xbd", "isnumeric"));          // '½'
  CHECK(py_is("na\xc3\xafve", "isalpha"));
  CHECK_FALSE(py_is("\xe2\x82\xac", "isalpha"));  // '€'
  CHECK(py_is("\xc3\xb1" "ame_1", "isidentifier"));
  CHECK_FALSE(py_is("1abc", "isidentifier"));
  CHECK(py_is("\xc3\x80" "B", "isupper"));
  CHECK(py_is("\xe1\xbe\x88", "istitle"));        // 'ᾈ' is title case
  CHECK_FALSE(py_is("a\xc2\xad", "isprintable")); // soft hyphen
  CHECK(py_is("", "isprintable"));
  CHECK_FALSE(py_is("", "isalpha"));
}

TEST_CASE("Unicode properties and mappings come from the generated table", "[jinja][unicode]") {
  CHECK(has_property(0x3a3, kCased));
  CHECK(has_property('\'', kCaseIgnorable));
  CHECK_FALSE(has_property('1', kCased));
  CHECK(has_property(0x3000, kSpace));
  CHECK(is_alnum(0x661));
  std::string out;
  append_case_mapping(out, 0x1f0, CaseMapping::upper);  // 'ǰ' -> 'J̌'
  CHECK(out == "J\xcc\x8c");
  out.clear();
  append_case_mapping(out, 0x10ffff, CaseMapping::lower);
  CHECK(out == "\xf4\x8f\xbf\xbf");
}
