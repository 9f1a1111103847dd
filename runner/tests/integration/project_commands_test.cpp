// `mrun init`, `mrun parse` and `mrun clean` through the binary: a starter
// project that builds, a parse without a database that writes the manifest,
// and clean-targets removed (never outside the project).
#include <catch2/catch.hpp>
#include <filesystem>

#include "cli_runner.h"
#include "test_database.h"
#include "util/process.h"
#include "util/strings.h"

namespace fs = std::filesystem;
using mrun::test::contains;
using mrun::test::output_of;
using mrun::test::ProjectFixture;

TEST_CASE("mrun init makes a starter project that builds, and refuses an existing folder or a bad name") {
  fs::path parent = fs::path(mrun::test::build_dir()) / "test-projects" / "it_init";
  fs::remove_all(parent);
  fs::create_directories(parent);
  auto init = mrun::run_process({mrun::test::mrun_binary(), "init", "starter"}, parent.string());
  INFO(output_of(init));
  REQUIRE(init.exit_code == 0);
  CHECK(contains(init.output, "MRUN_DATABASE_URL"));
  CHECK(fs::exists(parent / "starter" / "models" / "example" / "my_first_dbt_model.sql"));

  // The starter project builds and its tests pass on a database.
  std::string url = mrun::test::fresh_database("it_init");
  setenv("MRUN_DATABASE_URL", url.c_str(), 1);
  auto build = mrun::run_process({mrun::test::mrun_binary(), "build", "--project-dir", (parent / "starter").string()});
  unsetenv("MRUN_DATABASE_URL");
  INFO(output_of(build));
  CHECK(build.exit_code == 0);
  CHECK(contains(build.output, "2 ok, 0 error, 0 skipped, 4 pass, 0 fail"));

  auto again = mrun::run_process({mrun::test::mrun_binary(), "init", "starter"}, parent.string());
  CHECK(again.exit_code == 2);
  CHECK(contains(again.output, "already exists"));
  auto bad = mrun::run_process({mrun::test::mrun_binary(), "init", "9-lives"}, parent.string());
  CHECK(bad.exit_code == 2);
  CHECK(contains(bad.output, "'9-lives' is not a project name"));
}

TEST_CASE("mrun parse writes the manifest without a database and says what it found") {
  ProjectFixture p("jaffle", "it_parse");
  fs::remove_all(fs::path(p.dir()) / "target");
  // No database: an unreachable URL must not matter.
  setenv("MRUN_DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none", 1);
  auto parse = mrun::run_process({mrun::test::mrun_binary(), "parse", "--project-dir", p.dir()});
  unsetenv("MRUN_DATABASE_URL");
  INFO(output_of(parse));
  REQUIRE(parse.exit_code == 0);
  CHECK(contains(parse.output, "Parsed "));
  CHECK(contains(parse.output, " models"));
  CHECK(contains(parse.output, "s; wrote "));
  CHECK(contains(mrun::read_file(p.dir() + "/target/manifest.json"), "\"model.jaffle"));
}

TEST_CASE("mrun clean removes clean-targets inside the project and refuses one outside it") {
  ProjectFixture p("deps_root", "it_clean");
  p.write("target/manifest.json", "{}");
  p.write("dbt_packages/x/dbt_project.yml", "name: x\n");
  // A local package is a symbolic link: clean removes the link, never what it points at.
  fs::path outside = fs::path(p.dir()).parent_path() / "it_clean-local-package";
  fs::create_directories(outside);
  mrun::write_file((outside / "dbt_project.yml").string(), "name: local\n");
  fs::create_directory_symlink(outside, fs::path(p.dir()) / "dbt_packages" / "local");
  auto clean = p.mrun({"clean"});
  INFO(output_of(clean));
  REQUIRE(clean.exit_code == 0);
  CHECK_FALSE(fs::exists(fs::path(p.dir()) / "target"));
  CHECK_FALSE(fs::exists(fs::path(p.dir()) / "dbt_packages"));
  CHECK(fs::exists(fs::path(p.dir()) / "models" / "one.sql"));
  CHECK(fs::exists(outside / "dbt_project.yml"));

  p.write("logs/x.log", "x");
  p.write("dbt_project.yml", "name: packages_demo\nversion: '1.0'\nclean-targets: [logs, ../outside]\n");
  auto refused = p.mrun({"clean"});
  INFO(output_of(refused));
  CHECK(refused.exit_code == 2);
  CHECK(contains(refused.output, "clean-targets: '../outside' is not inside the project folder"));
  CHECK(fs::exists(fs::path(p.dir()) / "logs" / "x.log"));  // nothing removed

  p.write("dbt_project.yml", "name: packages_demo\nversion: '1.0'\nclean-targets: [logs]\n");
  auto logs = p.mrun({"clean"});
  INFO(output_of(logs));
  CHECK(logs.exit_code == 0);
  CHECK_FALSE(fs::exists(fs::path(p.dir()) / "logs"));
}
