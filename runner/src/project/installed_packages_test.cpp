#include "project/installed_packages.h"

#include <catch2/catch.hpp>
#include <filesystem>

#include "project/config_text.h"
#include "util/error.h"
#include "util/strings.h"

using namespace mrun;
using namespace mrun::project;
namespace fs = std::filesystem;

namespace {
// A root project `shop` in a scratch folder, with `files` (path -> text) written into it.
ProjectConfig scratch_project(const std::string& name, const std::vector<std::pair<std::string, std::string>>& files) {
  fs::path dir = fs::temp_directory_path() / ("mrun_installed_packages_test_" + name);
  fs::remove_all(dir);
  write_file_atomic((dir / "dbt_project.yml").string(), "name: shop\nvars:\n  x: root\n  helpers:\n    y: root_scoped\n");
  for (const auto& [path, text] : files) write_file_atomic((dir / path).string(), text);
  return load_project_config(dir.string());
}
}  // namespace

TEST_CASE("installed packages are read from dbt_packages/, their files named from the root project") {
  auto root = scratch_project("read", {{"dbt_packages/zeta/dbt_project.yml", "name: zeta\n"},
                                       {"dbt_packages/helpers_repo/dbt_project.yml", "name: helpers\n"},
                                       {"dbt_packages/helpers_repo/macros/m.sql", "{% macro m() %}{% endmacro %}"},
                                       {"dbt_packages/not_a_package/readme.md", "no project file"},
                                       {"packages.yml", "packages:\n  - local: a\n  - local: b\n"}});
  auto packages = load_installed_packages(root);
  REQUIRE(packages.size() == 2);
  CHECK(packages[0].config.name == "helpers");
  CHECK(packages[1].config.name == "zeta");
  REQUIRE(packages[0].files.macros.size() == 1);
  CHECK(packages[0].files.macros[0].project_path == "dbt_packages/helpers_repo/macros/m.sql");
}

TEST_CASE("a package listed but not installed is an error that says to run mrun deps") {
  auto root = scratch_project("missing", {{"dbt_packages/helpers/dbt_project.yml", "name: helpers\n"},
                                          {"dependencies.yml", "packages:\n  - package: a/b\n    version: 1.0.0\n"
                                                               "  - git: https://example.com/c.git\n"}});
  CHECK_THROWS_WITH(load_installed_packages(root),
                    Catch::Contains("dependencies.yml: lists 2 package(s), but dbt_packages/ holds only 1 (helpers): "
                                    "run `mrun deps` to install them"));
  auto none = scratch_project("none", {{"packages.yml", "packages:\n  - local: ../x\n"}});
  CHECK_THROWS_WITH(load_installed_packages(none), Catch::Contains("but dbt_packages/ holds none: run `mrun deps`"));
}

TEST_CASE("two packages of one name are an error") {
  auto root = scratch_project("twice", {{"dbt_packages/a/dbt_project.yml", "name: helpers\n"},
                                        {"dbt_packages/b/dbt_project.yml", "name: helpers\n"}});
  CHECK_THROWS_WITH(load_installed_packages(root), Catch::Contains("package 'helpers' is also installed at"));
}

TEST_CASE("a package's nodes see its vars under the root's, the root's scoped block winning") {
  auto root = scratch_project("vars", {{"dbt_packages/helpers/dbt_project.yml",
                                        "name: helpers\nvars:\n  x: package\n  y: package\n  z: package\n"
                                        "  helpers:\n    z: package_scoped\n"}});
  auto packages = load_installed_packages(root);
  REQUIRE(packages.size() == 1);
  ConfigValue vars = vars_for_package(root, &packages[0].config);
  CHECK(vars["x"].text() == "root");
  CHECK(vars["y"].text() == "root_scoped");
  CHECK(vars["z"].text() == "package_scoped");
  ConfigValue root_vars = vars_for_package(root, nullptr);
  CHECK(root_vars["x"].text() == "root");
  CHECK(root_vars.find("z") == nullptr);
}
