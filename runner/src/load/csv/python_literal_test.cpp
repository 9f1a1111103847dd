#include "load/csv/python_literal.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "test_database.h"

using mrun::load::python_literal_to_json;
using mrun::load::PythonLiteralError;

namespace {

std::string convert(std::string_view text) {
  std::string out;
  PythonLiteralError error;
  if (!python_literal_to_json(text, out, error)) return "ERROR@" + std::to_string(error.offset) + ": " + error.message;
  return out;
}

}  // namespace

TEST_CASE("python literal: the shapes of The Movies Dataset") {
  CHECK(convert("[{'id': 16, 'name': 'Animation'}, {'id': 35, 'name': 'Comedy'}]") ==
        R"([{"id":16,"name":"Animation"},{"id":35,"name":"Comedy"}])");
  CHECK(convert(R"({'name': "Pete's Dragon", 'x': None})") == R"({"name":"Pete's Dragon","x":null})");
  CHECK(convert("{'id': 10194, 'name': 'Toy Story Collection', 'poster_path': '/7G9915LfUQ2lVfwMEEhDsn3kT4B.jpg'}") ==
        R"({"id":10194,"name":"Toy Story Collection","poster_path":"/7G9915LfUQ2lVfwMEEhDsn3kT4B.jpg"})");
  CHECK(convert("[{'cast_id': 14, 'gender': 2, 'profile_path': None, 'adult': False, 'x': True}]") ==
        R"([{"cast_id":14,"gender":2,"profile_path":null,"adult":false,"x":true}])");
  CHECK(convert("[]") == "[]");
  CHECK(convert("  {}  ") == "{}");
}

TEST_CASE("python literal: strings and every escape") {
  CHECK(convert(R"('it\'s')") == R"("it's")");
  CHECK(convert(R"("say \"hi\"")") == R"("say \"hi\"")");
  CHECK(convert(R"('a "quoted" word')") == R"("a \"quoted\" word")");
  CHECK(convert(R"('back\\slash')") == R"("back\\slash")");
  CHECK(convert(R"('\n\r\t\b\f\a\v')") == R"("\n\r\t\b\f\u0007\u000b")");
  CHECK(convert(R"('\x41\xe9\u00e9\u4e2d\U0001F600')") == "\"A\xC3\xA9\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80\"");
  CHECK(convert(R"('\101\7\12')") == R"("A\u0007\n")");
  CHECK(convert(R"('\d\w')") == R"("\\d\\w")");  // unknown escapes keep the backslash
  CHECK(convert("'caf\xC3\xA9'") == "\"caf\xC3\xA9\"");  // UTF-8 passes through
  CHECK(convert("'tab\there'") == R"("tab\there")");    // a raw control character is escaped
  CHECK(convert(R"(r'raw\n\'')") == R"("raw\\n\\'")");
  CHECK(convert(R"(u'uni')") == R"("uni")");
  CHECK(convert(R"('ab' "cd" 'ef')") == R"("abcdef")");  // adjacent literals concatenate
  CHECK(convert(R"('''tri'ple''')") == R"("tri'ple")");
  CHECK(convert("'line\\\ncontinued'") == R"("linecontinued")");
}

TEST_CASE("python literal: numbers keep their digits") {
  CHECK(convert("[1, -2, 3.10, 1e5, 1.5E-07, -0.0, +7]") == "[1,-2,3.10,1e5,1.5e-07,-0.0,7]");
  CHECK(convert("123456789012345678901234567890") == "123456789012345678901234567890");
  CHECK(convert(".5") == "0.5");
  CHECK(convert("5.") == "5.0");
  CHECK(convert("1_000_000") == "1000000");
  CHECK(convert("0x1F") == "31");
  CHECK(convert("0o17") == "15");
  CHECK(convert("0b101") == "5");
  CHECK(convert("007.5") == "7.5");
  CHECK(convert("- 3") == "-3");
}

TEST_CASE("python literal: tuples, sets and non-string keys") {
  CHECK(convert("(1, 2)") == "[1,2]");
  CHECK(convert("(1,)") == "[1]");
  CHECK(convert("()") == "[]");
  CHECK(convert("(1)") == "1");
  CHECK(convert("{1, 2}") == "[1,2]");
  CHECK(convert("{1: 'a', None: 2, True: 3, -1.5: 4}") == R"({"1":"a","null":2,"true":3,"-1.5":4})");
  CHECK(convert("[(1, [2, {'a': (3,)}]), {'b': []}]") == R"([[1,[2,{"a":[3]}]],{"b":[]}])");
  CHECK(convert("[1, 2, ]") == "[1,2]");
  CHECK(convert("{'a': 1, }") == R"({"a":1})");
}

TEST_CASE("python literal: errors say what and where") {
  auto error_of = [](std::string_view text) {
    std::string out;
    PythonLiteralError error;
    REQUIRE_FALSE(python_literal_to_json(text, out, error));
    return std::to_string(error.offset) + ": " + error.message;
  };
  CHECK(error_of("[{'id': 16, 'name': 'Anim}]") == "20: unterminated string");
  CHECK(error_of("[1, 2") == "5: unclosed '['");
  CHECK(error_of("{'a' 1}") == "5: expected ',' or '}'");  // a set, then junk
  CHECK(error_of("{'a': 1, 'b' 2}") == "13: expected ':' after a dict key");
  CHECK(error_of("[nan]") == "1: unexpected name 'nan' (only None, True and False are literals)");
  CHECK(error_of("1997-08-20") == "4: unexpected '-' after the value");
  CHECK(error_of("'a\\x4'") == "2: truncated \\x escape");
  CHECK(error_of("'nul\\x00'") == "4: NUL character (jsonb cannot store \\u0000)");
  CHECK(error_of("'\\ud83d'") == "1: lone surrogate (jsonb cannot store it)");
  CHECK(error_of("b'bytes'") == "0: bytes literals have no JSON form");
  CHECK(error_of("{[1]: 2}") == "1: a dict key must be a string, number, None, True or False");
  CHECK(error_of("1j") == "0: complex numbers have no JSON form");
  CHECK(error_of("012") == "0: leading zeros in an integer");
  CHECK(error_of("'a\nb'") == "2: line end inside a string");
  CHECK(error_of("") == "0: expected a value, found the end");
  CHECK(error_of(std::string(1000, '[')) == "257: nesting deeper than 256");
}

TEST_CASE("python literal: property test against Python's repr and ast.literal_eval") {
  namespace fs = std::filesystem;
  std::string script = mrun::test::source_dir() + "/runner/src/load/csv/testdata/python_literal_reference.py";
  fs::path dir = fs::path(mrun::test::build_dir()) / "python_literal_property";
  fs::create_directories(dir);
  std::string literals = (dir / "literals.txt").string();
  std::string converted = (dir / "converted.txt").string();
  const int cases = 5000;
  REQUIRE(std::system(("/usr/bin/python3 '" + script + "' gen 4242 " + std::to_string(cases) + " > '" + literals +
                       "'").c_str()) == 0);
  std::ifstream in(literals);
  std::ofstream out(converted);
  std::string line;
  int lines = 0;
  int failures = 0;
  while (std::getline(in, line)) {
    ++lines;
    std::string json;
    PythonLiteralError error;
    if (!python_literal_to_json(line, json, error)) {
      ++failures;
      UNSCOPED_INFO(line << " -> error at " << error.offset << ": " << error.message);
      json = "null";
    }
    out << json << "\n";
  }
  out.close();
  CHECK(lines == cases);
  CHECK(failures == 0);
  CHECK(std::system(("/usr/bin/python3 '" + script + "' check '" + literals + "' '" + converted + "'").c_str()) == 0);
}
