#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include "text_format.h"

using namespace mrun::moviegen;

namespace {
template <class F>
std::string fmt(F f) {
  std::string out;
  f(out);
  return out;
}
}  // namespace

TEST_CASE("CSV fields are quoted only when pandas would quote them") {
  CHECK(fmt([](auto& o) { append_csv_field(o, "Toy Story"); }) == "Toy Story");
  CHECK(fmt([](auto& o) { append_csv_field(o, "Andy's toys"); }) == "Andy's toys");
  CHECK(fmt([](auto& o) { append_csv_field(o, "a, b"); }) == "\"a, b\"");
  CHECK(fmt([](auto& o) { append_csv_field(o, "the \"good man\""); }) == "\"the \"\"good man\"\"\"");
  CHECK(fmt([](auto& o) { append_csv_field(o, "line\nbreak"); }) == "\"line\nbreak\"");
  CHECK(fmt([](auto& o) { append_csv_field(o, ""); }).empty());
}

TEST_CASE("Python repr of strings picks quotes and escapes like CPython") {
  CHECK(fmt([](auto& o) { append_py_str(o, "Animation"); }) == "'Animation'");
  CHECK(fmt([](auto& o) { append_py_str(o, "Pete's Dragon"); }) == "\"Pete's Dragon\"");
  CHECK(fmt([](auto& o) { append_py_str(o, "say \"hi\""); }) == "'say \"hi\"'");
  CHECK(fmt([](auto& o) { append_py_str(o, "Dave \"Cap'n\" Smith"); }) == "'Dave \"Cap\\'n\" Smith'");
  CHECK(fmt([](auto& o) { append_py_str(o, "AC\\DC"); }) == "'AC\\\\DC'");
  CHECK(fmt([](auto& o) { append_py_str(o, "a\tb\nc"); }) == "'a\\tb\\nc'");
  CHECK(fmt([](auto& o) { append_py_str(o, "Am\xc3\xa9lie \xe5\x8c\x97\xe4\xba\xac"); }) == "'Am\xc3\xa9lie \xe5\x8c\x97\xe4\xba\xac'");
  CHECK(fmt([](auto& o) { append_py_str(o, "no\xc2\xa0" "break"); }) == "'no\\xa0break'");
  CHECK(fmt([](auto& o) { append_py_str(o, "zw\xe2\x80\x8bsp"); }) == "'zw\\u200bsp'");
  CHECK(fmt([](auto& o) { append_py_str(o, "\x01"); }) == "'\\x01'");
}

TEST_CASE("Numbers are spelled as in the real files") {
  CHECK(fmt([](auto& o) { append_py_float_micros(o, 21946943); }) == "21.946943");
  CHECK(fmt([](auto& o) { append_py_float_micros(o, 11712900); }) == "11.7129");
  CHECK(fmt([](auto& o) { append_py_float_micros(o, 3000000); }) == "3.0");
  CHECK(fmt([](auto& o) { append_py_float_micros(o, 82); }) == "8.2e-05");
  CHECK(fmt([](auto& o) { append_py_float_micros(o, 10); }) == "1e-05");
  CHECK(fmt([](auto& o) { append_py_float_micros(o, 5); }) == "5e-06");
  CHECK(fmt([](auto& o) { append_py_float_micros(o, 100); }) == "0.0001");
  CHECK(fmt([](auto& o) { append_py_float_micros(o, 0); }) == "0.0");
  CHECK(fmt([](auto& o) { append_tenths(o, 77); }) == "7.7");
  CHECK(fmt([](auto& o) { append_tenths(o, 100); }) == "10.0");
  CHECK(fmt([](auto& o) { append_zero_padded(o, 114709, 7); }) == "0114709");
  CHECK(fmt([](auto& o) { append_date(o, 1997, 8, 20); }) == "1997-08-20");
}
