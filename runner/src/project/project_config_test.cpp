#include "project/project_config.h"

#include <catch2/catch.hpp>
#include <filesystem>

#include "project/config_text.h"
#include "util/error.h"
#include "util/strings.h"

using namespace mrun;
using namespace mrun::project;
namespace fs = std::filesystem;

namespace {
fs::path temp_project(const std::string& name, const std::string& file, const std::string& text) {
  fs::path dir = fs::temp_directory_path() / ("mrun_project_test_" + name);
  fs::remove_all(dir);
  write_file_atomic((dir / file).string(), text);
  return dir;
}
}  // namespace

TEST_CASE("project.yml keys are read, --vars override vars") {
  auto dir = temp_project("ok", "project.yml",
                          "name: movies\nversion: '1.0'\nmodel-paths: [models]\nvars:\n  a: 1\n  b: x\n"
                          "models:\n  movies:\n    +materialized: view\n    marts:\n      +materialized: table\n"
                          "      +schema: marts\non-run-end: \"select 1\"\nbogus: 3\n");
  auto cfg = load_project_config(dir.string(), parse_config_text("{b: y}", "--vars"));
  CHECK(cfg.name == "movies");
  CHECK(cfg.profile == "movies");
  CHECK(cfg.vars["a"].as_integer() == 1);
  CHECK(cfg.vars["b"].text() == "y");
  CHECK(cfg.on_run_end == std::vector<std::string>{"select 1"});
  REQUIRE(cfg.warnings.size() == 1);
  CHECK(cfg.warnings[0].find("project.yml:14:1: unknown key 'bogus'") != std::string::npos);

  auto marts = folder_config(cfg.models, "movies", {"marts"}, "mart_x");
  CHECK(marts.get_string("materialized") == "table");
  CHECK(marts.get_string("schema") == "marts");
  auto staging = folder_config(cfg.models, "movies", {"staging"}, "stg");
  CHECK(staging.get_string("materialized") == "view");
}

TEST_CASE("dbt_project.yml is read the same way") {
  auto dir = temp_project("dbt", "dbt_project.yml", "name: jaffle\nprofile: jp\n");
  auto cfg = load_project_config(dir.string());
  CHECK(cfg.name == "jaffle");
  CHECK(cfg.profile == "jp");
  CHECK(cfg.model_paths == std::vector<std::string>{"models"});
}

TEST_CASE("a malformed project file names file, line and column") {
  auto dir = temp_project("bad", "project.yml", "name: x\nvars: [1, 2\nmodels: {}\n");
  try {
    load_project_config(dir.string());
    FAIL("no error");
  } catch (const ConfigError& e) {
    std::string msg = e.what();
    INFO(msg);
    CHECK(msg.find((dir / "project.yml").string() + ":3:") == 0);
  }
  auto dir2 = temp_project("badtype", "project.yml", "name: x\nvars: 5\n");
  CHECK_THROWS_WITH(load_project_config(dir2.string()), Catch::Contains("project.yml:2:7: vars must be a mapping"));
  auto dir3 = temp_project("noname", "project.yml", "version: 1\n");
  CHECK_THROWS_WITH(load_project_config(dir3.string()), Catch::Contains("needs a 'name'"));
}

TEST_CASE("a duplicated key or a config of the wrong type in project.yml is an error at its place") {
  struct Case {
    const char* text;
    const char* error;
  };
  const Case cases[] = {
      // A second +materialized silently turned the core tables into views.
      {"name: x\nmodels:\n  x:\n    core:\n      +materialized: table\n      +schema: core\n      +materialized: view\n",
       "project.yml:7:7: duplicate key '+materialized' (first at line 5, column 7)"},
      {"name: x\nmodels:\n  x:\n    +materialized: [table]\n",
       "project.yml:4:20: '+materialized' must be a single value, not a list"},
      {"name: x\nseeds:\n  x:\n    enabled: maybe\n", "project.yml:4:14: 'enabled' must be true or false, not 'maybe'"},
      {"name: x\ndata_tests:\n  +tags: [a, {b: c}]\n",
       "project.yml:3:10: '+tags' must be a value or a list of values, not a list"},
      {"name: x\nmodel-paths: 5\n", "project.yml:2:14: model-paths must be a list of folder names"},
  };
  for (const Case& c : cases) {
    auto dir = temp_project("wrong", "project.yml", c.text);
    CHECK_THROWS_WITH(load_project_config(dir.string()), Catch::Contains(c.error));
  }
  // Right types, Jinja values and folders pass.
  auto ok = temp_project("typesok", "project.yml",
                         "name: x\nmodels:\n  x:\n    +enabled: \"{{ target.name == 'prod' }}\"\n    +tags: t\n"
                         "    +meta: {owner: me}\n    marts:\n      materialized: table\n      +full_refresh: false\n");
  CHECK_NOTHROW(load_project_config(ok.string()));
}

TEST_CASE("publish, publish-lock-timeout and publish-attempts are read, checked and default to atomic, 5 s, 4") {
  auto defaults = load_project_config(temp_project("publish_default", "project.yml", "name: p\n").string());
  CHECK(defaults.publish.mode == PublishMode::Atomic);
  CHECK(defaults.publish.lock_timeout_seconds == 5);
  CHECK(defaults.publish.attempts == 4);
  CHECK(defaults.warnings.empty());

  auto set = load_project_config(
      temp_project("publish_set", "project.yml",
                   "name: p\npublish: per_node\npublish-lock-timeout: 0.5\npublish-attempts: 2\n")
          .string());
  CHECK(set.publish.mode == PublishMode::PerNode);
  CHECK(set.publish.lock_timeout_seconds == 0.5);
  CHECK(set.publish.attempts == 2);
  CHECK(set.warnings.empty());

  auto error_of = [](const std::string& name, const std::string& text) {
    try {
      load_project_config(temp_project(name, "project.yml", "name: p\n" + text).string());
    } catch (const ConfigError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(error_of("publish_bad_mode", "publish: sometimes\n"),
             Catch::Contains("project.yml:2:10") && Catch::Contains("publish must be atomic or per_node"));
  CHECK_THAT(error_of("publish_bad_timeout", "publish-lock-timeout: -1\n"),
             Catch::Contains("project.yml:2:23") && Catch::Contains("positive number"));
  CHECK_THAT(error_of("publish_bad_attempts", "publish-attempts: 1.5\n"),
             Catch::Contains("project.yml:2:19") && Catch::Contains("positive whole number"));
}
