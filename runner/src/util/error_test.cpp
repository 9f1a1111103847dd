#include "util/error.h"

#include <catch2/catch.hpp>

using mrun::ConfigError;
using mrun::SourceLocation;

TEST_CASE("SourceLocation prints only what is known") {
  CHECK(SourceLocation{"a.yml", 3, 7}.str() == "a.yml:3:7");
  CHECK(SourceLocation{"a.yml", 3, 0}.str() == "a.yml:3");
  CHECK(SourceLocation{"a.yml", 0, 0}.str() == "a.yml");
}

TEST_CASE("ConfigError names the place first") {
  ConfigError e(SourceLocation{"project.yml", 2, 5}, "unknown key 'x'");
  CHECK(std::string(e.what()) == "project.yml:2:5: unknown key 'x'");
  CHECK(e.location.line == 2);
}
