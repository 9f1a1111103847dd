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

TEST_CASE("exit codes: one mapping of errors, and the worse of two outcomes") {
  using namespace mrun;
  CHECK(exit_code_for(ConfigError("bad")) == kExitUsage);
  CHECK(exit_code_for(RunError("failed")) == kExitFailed);
  CHECK(exit_code_for(RunError("server went away", true)) == kExitTransient);
  CHECK(exit_code_for(std::runtime_error("anything else")) == kExitFailed);
  CHECK(worse_exit_code(kExitOk, kExitTransient) == kExitTransient);
  CHECK(worse_exit_code(kExitTransient, kExitFailed) == kExitFailed);  // a retry would not fix the failure
  CHECK(worse_exit_code(kExitUsage, kExitFailed) == kExitUsage);
  CHECK(worse_exit_code(kExitOk, kExitOk) == kExitOk);
}
