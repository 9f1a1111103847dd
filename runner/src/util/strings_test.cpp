#include "util/strings.h"

#include <catch2/catch.hpp>
#include <filesystem>

#include "util/error.h"

using namespace mrun;

TEST_CASE("split keeps empty pieces and join undoes it") {
  auto parts = split("a,,b", ',');
  REQUIRE(parts.size() == 3);
  CHECK(parts[1].empty());
  CHECK(join(parts, ",") == "a,,b");
}

TEST_CASE("trim and replace_all") {
  CHECK(trim("  x y \n") == "x y");
  CHECK(trim(" \t ").empty());
  CHECK(replace_all("a.b.c", ".", "::") == "a::b::c");
  CHECK(to_lower("MiXeD") == "mixed");
}

TEST_CASE("shorten cuts at a UTF-8 character boundary") {
  CHECK(shorten("abc", 3) == "abc");
  CHECK(shorten("abcd", 3) == "abc...");
  CHECK(shorten("a\xC3\xA9" "b", 2) == "a...");  // not inside the two bytes of é
}

TEST_CASE("percent_decode decodes %XX and keeps a stray '%'") {
  CHECK(mrun::percent_decode("a%20b%2fc%2F") == "a b/c/");
  CHECK(mrun::percent_decode("100%") == "100%");
  CHECK(mrun::percent_decode("%zz%4") == "%zz%4");
}

TEST_CASE("write_file_atomic creates directories and read_file reads back") {
  auto dir = std::filesystem::temp_directory_path() / "mrun_strings_test";
  std::filesystem::remove_all(dir);
  auto file = (dir / "a" / "b.txt").string();
  write_file_atomic(file, "hello\n");
  CHECK(read_file(file) == "hello\n");
  CHECK_THROWS_AS(read_file((dir / "missing").string()), ConfigError);
  std::filesystem::remove_all(dir);
}
