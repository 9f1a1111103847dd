#include "artifacts/node_listing.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "graph/selector.h"
#include "graph/test_manifest.h"

using namespace mrun;
using namespace mrun::artifacts;
using Lines = std::vector<std::string>;

namespace {
const graph::Manifest& movies() {
  static const graph::Manifest m = graph::testing::movies_manifest();
  return m;
}
Lines ls(const std::vector<std::string>& select, ListOptions options = {}) {
  return list_nodes(movies(), graph::select_nodes(movies(), select, {}), options);
}
}  // namespace

TEST_CASE("ls prints dbt's selector lines sorted by unique_id") {
  CHECK(ls({"+stg_movies"}) == Lines{"movies.staging.stg_movies", "source:movies.raw.movies_metadata",
                                     "movies.staging.not_null_stg_movies_id"});
  CHECK(ls({"resource_type:seed"}) == Lines{"movies.genre_map"});
}

TEST_CASE("ls name and path formats") {
  ListOptions names;
  names.format = parse_list_format("name");
  CHECK(ls({"+stg_links"}, names) == Lines{"stg_links", "raw.links"});
  ListOptions paths;
  paths.format = parse_list_format("path");
  CHECK(ls({"stg_movies"}, paths) == Lines{"models/staging/stg_movies.sql", "models/staging/schema.yml"});
  CHECK_THROWS_AS(parse_list_format("yaml"), ConfigError);
}

TEST_CASE("ls --resource-type filters the listing") {
  ListOptions models;
  models.resource_types = {graph::NodeKind::Model, graph::NodeKind::Source};
  CHECK(ls({"+stg_movies"}, models) == Lines{"movies.staging.stg_movies", "source:movies.raw.movies_metadata"});
}

TEST_CASE("ls --output json prints one object per line with dbt's keys") {
  ListOptions json_out;
  json_out.format = ListFormat::Json;
  Lines lines = ls({"+stg_movies"}, json_out);
  REQUIRE(lines.size() == 3);
  auto model = nlohmann::json::parse(lines[0]);
  CHECK(model["name"] == "stg_movies");
  CHECK(model["resource_type"] == "model");
  CHECK(model["unique_id"] == "model.movies.stg_movies");
  CHECK(model["original_file_path"] == "models/staging/stg_movies.sql");
  CHECK(model["package_name"] == "movies");
  CHECK(model["alias"] == "stg_movies");
  CHECK(model["config"]["materialized"] == "view");
  CHECK(model["tags"] == nlohmann::json::array({"staging", "nightly"}));
  CHECK(model["depends_on"]["nodes"] == nlohmann::json::array({"source.movies.raw.movies_metadata"}));
  CHECK_FALSE(model.contains("raw_code"));
  CHECK(lines[0].rfind("{\"alias\":", 0) == 0);  // keys sorted
  auto source = nlohmann::json::parse(lines[1]);
  CHECK(source["source_name"] == "raw");
  CHECK_FALSE(source.contains("depends_on"));

  json_out.output_keys = {"name", "resource_type"};
  CHECK(ls({"stg_links"}, json_out) == Lines{R"({"name":"stg_links","resource_type":"model"})"});
}
