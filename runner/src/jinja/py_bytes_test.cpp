#include "jinja/py_bytes.h"

#include <catch2/catch.hpp>

#include "jinja/environment.h"

using namespace mrun::jinja;

namespace {
std::string render(const std::string& src) {
  Environment env;
  return env.render(*env.parse(src, "t.txt"));
}
}  // namespace

TEST_CASE("str.encode gives bytes printed as Python prints them", "[jinja][bytes]") {
  CHECK(render("{{ 'x'.encode('utf-8') }}") == "b'x'");
  CHECK(render("{{ 'h\xc3\xa9llo'.encode() }} {{ 'h\xc3\xa9llo'.encode()|length }}") == "b'h\\xc3\\xa9llo' 6");
  CHECK(render("{{ \"it's\".encode() }}") == "b\"it's\"");
  CHECK(render("{{ 'a\\tb\\n'.encode('ascii') }}") == "b'a\\tb\\n'");
  CHECK(render("{{ ['\xc3\xa9'.encode('latin-1')] }}") == "[b'\\xe9']");
}

TEST_CASE("bytes decode, index, iterate and compare", "[jinja][bytes]") {
  CHECK(render("{{ 'h\xc3\xa9'.encode().decode() }}") == "h\xc3\xa9");
  CHECK(render("{{ 'abc'.encode()|list }} {{ 'abc'.encode()[-1] }} {{ 'abc'.encode().hex() }}") == "[97, 98, 99] 99 616263");
  CHECK(render("{{ 'a'.encode() == 'a'.encode() }} {{ 'a'.encode() == 'a' }} {{ 'y' if ''.encode() else 'n' }}") ==
        "True False n");
  CHECK(render("{{ 'abc'.encode()[7] }}|") == "|");
}

TEST_CASE("encoding errors follow Python's handlers, unknown codecs are named", "[jinja][bytes]") {
  CHECK(render("{{ '\xc3\xa9\xe2\x82\xac'.encode('ascii', 'replace') }}") == "b'?" "?'");  // split: "??'" is a trigraph
  CHECK(render("{{ '\xc3\xa9\xe2\x82\xac'.encode('latin1', 'xmlcharrefreplace') }}") == "b'\\xe9&#8364;'");
  CHECK(render("{{ 'x'.encode('utf-8', 'bogus') }}") == "b'x'");  // the handler is looked up only when needed
  CHECK_THROWS_WITH(render("{{ '\xc3\xa9'.encode('ascii') }}"),
                    Catch::Contains("'ascii' codec can't encode character '\\xe9' in position 0: ordinal not in range(128)"));
  CHECK_THROWS_WITH(render("{{ 'x'.encode('utf-16') }}"), Catch::Contains("unknown encoding: utf-16"));
  CHECK_THROWS_WITH(render("{{ '\xc3\xa9'.encode('latin-1').decode() }}"), Catch::Contains("can't decode byte 0xe9"));
  CHECK(render("{{ '\xc3\xa9'.encode('latin-1').decode('utf-8', 'replace') }}") == "\xef\xbf\xbd");
}
