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

TEST_CASE("a config's canonical text does not depend on the order its keys were set in") {
  mrun::project::ConfigMap a, b;
  a.set("materialized", YAML::Load("table"));
  a.set("+tags", YAML::Load("[x, y]"));
  b.set("tags", YAML::Load("[x, y]"));
  b.set("materialized", YAML::Load("table"));
  CHECK(a.canonical_text() == b.canonical_text());
  CHECK(a.canonical_text() == "materialized=table\ntags=[x, y]\n");
  b.set("materialized", YAML::Load("view"));
  CHECK(a.canonical_text() != b.canonical_text());
}
