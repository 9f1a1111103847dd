#include "project/config_map.h"

#include <catch2/catch.hpp>

#include "project/config_text.h"

using mrun::project::ConfigMap;
using mrun::project::parse_config_text;

TEST_CASE("later configs override, tags and hooks append") {
  ConfigMap folder;
  folder.merge_map(parse_config_text("{+materialized: view, +tags: [a], +pre-hook: 'select 1'}", "a.yml"));
  ConfigMap model;
  model.merge_map(parse_config_text("{materialized: table, tags: [b, a], post_hook: [x]}", "b.yml"));
  folder.merge(model);
  CHECK(folder.get_string("materialized") == "table");
  CHECK(folder.get_list("tags") == std::vector<std::string>{"a", "b"});
  CHECK(folder.get_list("pre_hook") == std::vector<std::string>{"select 1"});
  CHECK(folder.get_list("post-hook") == std::vector<std::string>{"x"});
  CHECK(folder.get_bool("enabled", true));
  CHECK_FALSE(folder.has("schema"));
}

TEST_CASE("config maps read text as dbt does: null is set, booleans by their text") {
  ConfigMap m;
  m.merge_map(parse_config_text("{schema: ~, enabled: 'false', alias: 01, tags: t, meta: {a: 1}}",
                                "c.yml"));
  CHECK(m.has("schema"));  // set to null: set, but no string
  CHECK(m.get_string("schema", "fallback") == "fallback");
  CHECK_FALSE(m.get_bool("enabled", true));  // quoted "false" still reads false
  CHECK(m.get_string("alias") == "01");
  CHECK(m.get_list("tags") == std::vector<std::string>{"t"});
  CHECK(m.get_string("meta", "none") == "none");
  CHECK(m.get("meta")["a"].as_integer() == 1);
  CHECK(m.get("absent").is_null());
  m.set("tags", parse_config_text("[t, u, ~]", "d.yml"));
  CHECK(m.get_list("tags") == std::vector<std::string>{"t", "u"});  // null items are no tags
  // Appending keeps the map's place of the key and leaves the merged values alone.
  CHECK(m.entries()[3].first == "tags");
  m.set("schema", parse_config_text("marts", "d.yml"));
  CHECK(m.get_string("schema") == "marts");
  CHECK(m.entries()[0].first == "schema");
}

TEST_CASE("a config's canonical text does not depend on the order its keys were set in") {
  mrun::project::ConfigMap a, b;
  a.set("materialized", parse_config_text("table", "t"));
  a.set("+tags", parse_config_text("[x, y]", "t"));
  b.set("tags", parse_config_text("[x, y]", "t"));
  b.set("materialized", parse_config_text("table", "t"));
  CHECK(a.canonical_text() == b.canonical_text());
  CHECK(a.canonical_text() == "materialized=table\ntags=[x, y]\n");
  b.set("materialized", parse_config_text("view", "t"));
  CHECK(a.canonical_text() != b.canonical_text());
}
