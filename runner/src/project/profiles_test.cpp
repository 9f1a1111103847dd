#include "project/profiles.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>

#include "util/strings.h"

using namespace mrun;
using namespace mrun::project;
namespace fs = std::filesystem;

TEST_CASE("env_var calls are substituted, with defaults") {
  setenv("MRUN_TEST_PW", "s3cret", 1);
  unsetenv("MRUN_TEST_UNSET");
  SourceLocation here{"p.yml", 1, 1};
  CHECK(substitute_env_vars("{{ env_var('MRUN_TEST_PW') }}", here) == "s3cret");
  CHECK(substitute_env_vars("x-{{ env_var(\"MRUN_TEST_UNSET\", 'd') }}-y", here) == "x-d-y");
  CHECK_THROWS_WITH(substitute_env_vars("{{ env_var('MRUN_TEST_UNSET') }}", here),
                    Catch::Contains("p.yml:1:1: environment variable MRUN_TEST_UNSET is not set"));
}

TEST_CASE("a profile target becomes a libpq URI") {
  fs::path dir = fs::temp_directory_path() / "mrun_profiles_test";
  fs::remove_all(dir);
  setenv("MRUN_TEST_PW", "p@ss", 1);
  write_file_atomic((dir / "profiles.yml").string(),
                    "movies:\n  target: dev\n  outputs:\n    dev:\n      type: postgres\n      host: db.local\n"
                    "      user: me\n      password: \"{{ env_var('MRUN_TEST_PW') }}\"\n      port: 5433\n"
                    "      dbname: analytics\n      schema: dbt_me\n      threads: 8\n"
                    "    local:\n      type: embedded\n");
  auto t = find_profile_target("", dir.string(), "movies", "");
  REQUIRE(t);
  CHECK(t->url == "postgresql://me:p%40ss@db.local:5433/analytics");
  CHECK(t->schema == "dbt_me");
  CHECK(t->threads == 8);
  auto local = find_profile_target("", dir.string(), "movies", "local");
  REQUIRE(local);
  CHECK(local->type == "embedded");
  CHECK_FALSE(find_profile_target("", dir.string(), "other", ""));
  CHECK_THROWS_WITH(find_profile_target("", dir.string(), "movies", "prod"), Catch::Contains("has no target 'prod'"));
}

TEST_CASE("threads in profiles.yml must be a whole number in range, and keys appear once") {
  fs::path dir = fs::temp_directory_path() / "mrun_profiles_threads_test";
  auto profile_with = [&](const std::string& lines) {
    fs::remove_all(dir);
    write_file_atomic((dir / "profiles.yml").string(),
                      "p:\n  outputs:\n    dev:\n      type: postgres\n      dbname: d\n" + lines);
  };
  for (const char* bad : {"many", "99999999999", "-3", "0", "2.5", "65"}) {
    INFO(bad);
    profile_with("      threads: " + std::string(bad) + "\n");
    CHECK_THROWS_WITH(find_profile_target("", dir.string(), "p", ""),
                      Catch::Contains("profiles.yml:6:16: 'threads' must be a whole number from 1 to 64, not '" +
                                      std::string(bad) + "'"));
  }
  profile_with("      threads: 64\n");
  CHECK(find_profile_target("", dir.string(), "p", "")->threads == 64);
  profile_with("      user: a\n      user: b\n");
  CHECK_THROWS_WITH(find_profile_target("", dir.string(), "p", ""),
                    Catch::Contains("profiles.yml:7:7: duplicate key 'user'"));
}
