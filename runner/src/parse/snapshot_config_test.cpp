#include "parse/snapshot_config.h"

#include <catch2/catch.hpp>

using mrun::graph::Node;
using mrun::parse::HardDeletes;
using mrun::parse::snapshot_config;
using mrun::project::ConfigValue;

namespace {

Node snapshot(std::vector<std::pair<std::string, ConfigValue>> configs) {
  Node n;
  n.kind = mrun::graph::NodeKind::Snapshot;
  n.name = "s";
  n.where = mrun::SourceLocation{"snapshots/s.sql", 1, 1};
  for (const auto& [key, value] : configs) n.config.set(key, value);
  return n;
}

ConfigValue text(const std::string& t) { return ConfigValue::string(t); }

}  // namespace

TEST_CASE("snapshot config: the strategies and their required settings") {
  auto ts = snapshot_config(snapshot({{"strategy", text("timestamp")}, {"unique_key", text("id")},
                                      {"updated_at", text("updated_at")}}));
  CHECK(!ts.check_strategy);
  CHECK(ts.unique_key == std::vector<std::string>{"id"});
  CHECK(!ts.unique_key_is_list);
  CHECK(ts.hard_deletes == HardDeletes::Ignore);
  CHECK(ts.columns.valid_to == "dbt_valid_to");

  auto check = snapshot_config(snapshot({{"strategy", text("check")},
                                         {"unique_key", ConfigValue::list({text("a"), text("b")})},
                                         {"check_cols", text("all")},
                                         {"hard_deletes", text("new_record")}}));
  CHECK(check.check_strategy);
  CHECK(check.check_all);
  CHECK(check.unique_key_is_list);
  CHECK(check.unique_key.size() == 2);
  CHECK(check.hard_deletes == HardDeletes::NewRecord);

  auto legacy = snapshot_config(snapshot({{"strategy", text("check")}, {"unique_key", text("id")},
                                          {"check_cols", ConfigValue::list({text("x")})},
                                          {"invalidate_hard_deletes", ConfigValue::boolean(true)}}));
  CHECK(legacy.hard_deletes == HardDeletes::Invalidate);
  CHECK(legacy.check_cols == std::vector<std::string>{"x"});

  auto renamed = snapshot_config(snapshot(
      {{"strategy", text("timestamp")}, {"unique_key", text("id")}, {"updated_at", text("u")},
       {"snapshot_meta_column_names", ConfigValue::map({{"dbt_valid_to", text("valid_to")}})}}));
  CHECK(renamed.columns.valid_to == "valid_to");
  CHECK(renamed.columns.valid_from == "dbt_valid_from");
}

TEST_CASE("snapshot config: mistakes are errors at the snapshot") {
  using Catch::Matchers::Contains;
  CHECK_THROWS_WITH(snapshot_config(snapshot({{"unique_key", text("id")}})),
                    Contains("snapshots/s.sql:1:1") && Contains("needs a strategy"));
  CHECK_THROWS_WITH(snapshot_config(snapshot({{"strategy", text("custom")}, {"unique_key", text("id")}})),
                    Contains("'custom' is not supported"));
  CHECK_THROWS_WITH(snapshot_config(snapshot({{"strategy", text("timestamp")}, {"unique_key", text("id")}})),
                    Contains("needs updated_at"));
  CHECK_THROWS_WITH(snapshot_config(snapshot({{"strategy", text("check")}, {"unique_key", text("id")}})),
                    Contains("check_cols"));
  CHECK_THROWS_WITH(snapshot_config(snapshot({{"strategy", text("check")}, {"check_cols", text("all")}})),
                    Contains("needs a unique_key"));
  CHECK_THROWS_WITH(snapshot_config(snapshot({{"strategy", text("check")}, {"unique_key", text("id")},
                                              {"check_cols", text("all")}, {"hard_deletes", text("invalidate")},
                                              {"invalidate_hard_deletes", ConfigValue::boolean(true)}})),
                    Contains("not both"));
  CHECK_THROWS_WITH(snapshot_config(snapshot({{"strategy", text("check")}, {"unique_key", text("id")},
                                              {"check_cols", text("all")}, {"hard_deletes", text("soft")}})),
                    Contains("hard_deletes 'soft'"));
  CHECK_THROWS_WITH(snapshot_config(snapshot({{"strategy", text("check")}, {"unique_key", text("id")},
                                              {"check_cols", text("all")},
                                              {"snapshot_meta_column_names", ConfigValue::map({{"x", text("y")}})}})),
                    Contains("no column 'x'"));
}
