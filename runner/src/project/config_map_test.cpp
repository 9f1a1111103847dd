#include "project/config_map.h"

#include <catch2/catch.hpp>

using mrun::project::ConfigMap;

TEST_CASE("later configs override, tags and hooks append") {
  ConfigMap folder;
  folder.merge_yaml(YAML::Load("{+materialized: view, +tags: [a], +pre-hook: 'select 1'}"));
  ConfigMap model;
  model.merge_yaml(YAML::Load("{materialized: table, tags: [b, a], post_hook: [x]}"));
  folder.merge(model);
  CHECK(folder.get_string("materialized") == "table");
  CHECK(folder.get_list("tags") == std::vector<std::string>{"a", "b"});
  CHECK(folder.get_list("pre_hook") == std::vector<std::string>{"select 1"});
  CHECK(folder.get_list("post-hook") == std::vector<std::string>{"x"});
  CHECK(folder.get_bool("enabled", true));
  CHECK_FALSE(folder.has("schema"));
}
