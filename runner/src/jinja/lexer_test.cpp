#include "jinja/lexer.h"

#include <catch2/catch.hpp>

#include "jinja/template_error.h"

using namespace mrun::jinja;

TEST_CASE("normalize_source drops one trailing newline and CRs", "[jinja][lexer]") {
  CHECK(normalize_source("a\r\nb\n") == "a\nb");
  CHECK(normalize_source("a\n\n") == "a\n");
  CHECK(normalize_source("a\rb") == "a\nb");
}

TEST_CASE("tokenize splits data, tags and expression tokens", "[jinja][lexer]") {
  auto toks = tokenize("x {{ a + 1.5 }} y", "t");
  REQUIRE(toks.size() == 8);
  CHECK(toks[0].type == TokenType::Data);
  CHECK(toks[0].text == "x ");
  CHECK(toks[1].type == TokenType::VarBegin);
  CHECK(toks[2].type == TokenType::Name);
  CHECK(toks[3].text == "+");
  CHECK(toks[4].type == TokenType::Float);
  CHECK(toks[4].float_value == 1.5);
  CHECK(toks[5].type == TokenType::VarEnd);
  CHECK(toks[7].type == TokenType::Eof);
}

TEST_CASE("whitespace control strips around tags", "[jinja][lexer]") {
  auto toks = tokenize("a  \n{%- if x -%}\n  b", "t");
  CHECK(toks.front().text == "a");
  CHECK(toks[toks.size() - 2].text == "b");
}

TEST_CASE("comments and raw blocks", "[jinja][lexer]") {
  auto toks = tokenize("a{# c #}b{% raw %}{{ x }}{% endraw %}", "t");
  REQUIRE(toks.size() == 4);
  CHECK(toks[0].text == "a");
  CHECK(toks[1].text == "b");
  CHECK(toks[2].text == "{{ x }}");
}

TEST_CASE("string escapes are decoded", "[jinja][lexer]") {
  auto toks = tokenize("{{ 'a\\n\\x41\\u00e9\\q' }}", "t");
  CHECK(toks[1].text == "a\nA\xc3\xa9\\q");
}

TEST_CASE("lexer errors carry line and column", "[jinja][lexer]") {
  try {
    tokenize("line1\n  {{ 'open }}", "f.sql");
    FAIL("no error");
  } catch (const TemplateError& e) {
    CHECK(e.location.file == "f.sql");
    CHECK(e.location.line == 2);
    CHECK(e.location.column == 6);
  }
  CHECK_THROWS_AS(tokenize("{# never closed", "t"), TemplateError);
  CHECK_THROWS_AS(tokenize("{{ a ] }}", "t"), TemplateError);
}
