#include "util/utf8.h"

#include <catch2/catch.hpp>

namespace {

std::string encoded(uint32_t cp) {
  std::string out;
  mrun::append_utf8(out, cp);
  return out;
}

}  // namespace

TEST_CASE("utf8: code points at every length boundary encode as UTF-8") {
  CHECK(encoded(0x41) == "A");
  CHECK(encoded(0x7F) == "\x7F");
  CHECK(encoded(0x80) == "\xC2\x80");
  CHECK(encoded(0xE9) == "\xC3\xA9");  // é
  CHECK(encoded(0x7FF) == "\xDF\xBF");
  CHECK(encoded(0x800) == "\xE0\xA0\x80");
  CHECK(encoded(0x20AC) == "\xE2\x82\xAC");  // €
  CHECK(encoded(0xFFFF) == "\xEF\xBF\xBF");
  CHECK(encoded(0x10000) == "\xF0\x90\x80\x80");
  CHECK(encoded(0x1F600) == "\xF0\x9F\x98\x80");  // 😀
  CHECK(encoded(0x10FFFF) == "\xF4\x8F\xBF\xBF");
}
