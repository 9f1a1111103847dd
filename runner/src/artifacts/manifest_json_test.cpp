#include "artifacts/manifest_json.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>

#include "graph/test_manifest.h"
#include "util/strings.h"

using namespace mrun;
using namespace mrun::artifacts;
using nlohmann::json;

namespace {

graph::Manifest described_manifest() {
  graph::Manifest m = graph::testing::movies_manifest();
  auto& dim = m.nodes[m.find("model.movies.dim_genre")];
  dim.description = "One row per genre";
  dim.columns = {{"genre_id", "Genre key", "integer", {}}, {"genre_name", "", "", {}}};
  dim.compiled_code = "select 1 as genre_id";
  dim.config.merge_map(
      project::parse_config_text("{post-hook: 'analyze {{ this }}', batch_size: 500, full_refresh: false}", "test.yml"));
  auto& rel = m.nodes[m.find("test.movies.relationships_fct_movie_genre_id__genre_id__ref_dim_genre_")];
  rel.test.arguments = project::parse_config_text("{to: \"ref('dim_genre')\", field: genre_id}", "test.yml");
  auto& unique = m.nodes[m.find("test.movies.unique_dim_genre_genre_id")];
  unique.test.test_name = "dbt_utils.unique_combination";
  return m;
}

ManifestJsonInput input() {
  ManifestJsonInput in;
  in.metadata = new_metadata("movies", "0.1.0");
  in.database = "warehouse";
  in.macros = {{"cents_to_dollars", "movies", "macros/cents.sql", "{% macro cents_to_dollars(c) %}{% endmacro %}"}};
  return in;
}

}  // namespace

TEST_CASE("manifest.json is written atomically and reads back in dbt's shape") {
  graph::Manifest m = described_manifest();
  ManifestJsonInput in = input();
  auto dir = std::filesystem::temp_directory_path() / ("mrun_manifest_json_" + in.metadata.invocation_id);
  std::string path = (dir / "target" / "manifest.json").string();
  write_manifest_json(path, m, in);
  json doc = json::parse(read_file(path));
  std::filesystem::remove_all(dir);

  const auto& meta = doc["metadata"];
  CHECK(meta["dbt_schema_version"] == "https://schemas.getdbt.com/dbt/manifest/v11.json");
  CHECK(meta["project_name"] == "movies");
  CHECK(meta["invocation_id"] == in.metadata.invocation_id);
  CHECK(std::regex_match(meta["invocation_id"].get<std::string>(),
                         std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")));
  CHECK(std::regex_match(meta["generated_at"].get<std::string>(),
                         std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z)")));

  // Enabled nodes split into nodes and sources; the disabled one is apart.
  CHECK(doc["nodes"].size() == m.nodes.size() - 3);
  CHECK(doc["sources"].size() == 2);
  CHECK(doc["disabled"].contains("model.movies.old_mart"));
  CHECK_FALSE(doc["nodes"].contains("model.movies.old_mart"));

  const auto& dim = doc["nodes"]["model.movies.dim_genre"];
  CHECK(dim["resource_type"] == "model");
  CHECK(dim["name"] == "dim_genre");
  CHECK(dim["package_name"] == "movies");
  CHECK(dim["original_file_path"] == "models/core/dim_genre.sql");
  CHECK(dim["fqn"] == json::array({"movies", "core", "dim_genre"}));
  CHECK(dim["schema"] == "core");
  CHECK(dim["database"] == "warehouse");
  CHECK(dim["alias"] == "dim_genre");
  CHECK(dim["relation_name"] == R"("warehouse"."core"."dim_genre")");
  CHECK(dim["description"] == "One row per genre");
  CHECK(dim["columns"]["genre_id"]["data_type"] == "integer");
  CHECK(dim["columns"]["genre_name"]["data_type"].is_null());
  CHECK(dim["config"]["materialized"] == "table");
  CHECK(dim["config"]["meta"]["owner"] == "data-team");
  CHECK(dim["config"]["batch_size"] == 500);
  CHECK(dim["config"]["full_refresh"] == false);
  CHECK(dim["config"]["post-hook"][0]["sql"] == "analyze {{ this }}");
  CHECK(dim["config"]["tags"] == json::array());
  CHECK(dim["depends_on"]["nodes"] == json::array({"model.movies.stg_genres", "seed.movies.genre_map"}));
  CHECK(dim["refs"][1]["name"] == "genre_map");
  CHECK(dim["compiled"] == true);
  CHECK(dim["compiled_code"] == "select 1 as genre_id");
  CHECK(dim["raw_code"] == "select 1 as id");
  // dbt's checksum: the SHA-256 of the file (python3 -c "import hashlib; print(hashlib.sha256(b'select 1 as id').hexdigest())").
  CHECK(dim["checksum"]["name"] == "sha256");
  CHECK(dim["checksum"]["checksum"] == "3ea0f972fa1b56aa2dc2f56ee784b6a5796312f9a813d59ae70fd8855f10d16d");

  const auto& stg = doc["nodes"]["model.movies.stg_movies"];
  CHECK(stg["config"]["materialized"] == "view");
  CHECK(stg["tags"] == json::array({"staging", "nightly"}));
  CHECK(stg["sources"] == json::array({json::array({"raw", "movies_metadata"})}));
  CHECK_FALSE(stg.contains("compiled_code"));

  const auto& rel = doc["nodes"]["test.movies.relationships_fct_movie_genre_id__genre_id__ref_dim_genre_"];
  CHECK(rel["resource_type"] == "test");
  CHECK(rel["relation_name"].is_null());
  CHECK(rel["alias"] == "relationships_fct_movie_genre_id__genre_id__ref_dim_genre_");
  CHECK(rel["column_name"] == "genre_id");
  CHECK(rel["attached_node"] == "model.movies.fct_movie");
  CHECK(rel["test_metadata"]["name"] == "relationships");
  CHECK(rel["test_metadata"]["namespace"].is_null());
  CHECK(rel["test_metadata"]["kwargs"]["to"] == "ref('dim_genre')");
  CHECK(rel["test_metadata"]["kwargs"]["field"] == "genre_id");
  CHECK(rel["test_metadata"]["kwargs"]["model"] == "{{ get_where_subquery(ref('fct_movie')) }}");
  CHECK(rel["config"]["severity"] == "ERROR");

  const auto& unique = doc["nodes"]["test.movies.unique_dim_genre_genre_id"];
  CHECK(unique["test_metadata"]["name"] == "unique_combination");
  CHECK(unique["test_metadata"]["namespace"] == "dbt_utils");
  CHECK_FALSE(doc["nodes"]["test.movies.assert_positive_budget"].contains("test_metadata"));

  const auto& links = doc["sources"]["source.movies.raw.links"];
  CHECK(links["resource_type"] == "source");
  CHECK(links["source_name"] == "raw");
  CHECK(links["identifier"] == "links");
  CHECK(links["relation_name"] == R"("warehouse"."raw"."links")");

  CHECK(doc["macros"]["macro.movies.cents_to_dollars"]["name"] == "cents_to_dollars");
  CHECK(doc["parent_map"]["model.movies.fct_movie"] ==
        json::array({"model.movies.stg_links", "model.movies.stg_movies"}));
  // Children are sorted and the disabled old_mart is left out.
  CHECK(doc["child_map"]["model.movies.fct_movie"] ==
        json::array({"model.movies.mart_genre_year", "test.movies.assert_positive_budget",
                     "test.movies.relationships_fct_movie_genre_id__genre_id__ref_dim_genre_"}));
  CHECK(doc["parent_map"]["source.movies.raw.links"] == json::array());
  CHECK(doc["parent_map"].size() == m.nodes.size() - 1);
}

TEST_CASE("invalid UTF-8 in user code does not break the manifest") {
  graph::Manifest m = graph::testing::movies_manifest();
  m.nodes[m.find("model.movies.stg_links")].raw_code = "select 'caf\xe9'";
  ManifestJsonInput in = input();
  auto dir = std::filesystem::temp_directory_path() / ("mrun_manifest_utf8_" + in.metadata.invocation_id);
  write_manifest_json((dir / "manifest.json").string(), m, in);
  json doc = json::parse(read_file((dir / "manifest.json").string()));
  std::filesystem::remove_all(dir);
  CHECK(doc["nodes"]["model.movies.stg_links"]["raw_code"].get<std::string>().rfind("select 'caf", 0) == 0);
  CHECK(doc["nodes"]["model.movies.stg_links"]["relation_name"] == R"("warehouse"."staging"."stg_links")");
}

TEST_CASE("the short form takes macro names and an invocation id") {
  graph::Manifest m = graph::testing::movies_manifest();
  auto dir = std::filesystem::temp_directory_path() / ("mrun_manifest_short_" + new_invocation_id());
  std::string path = (dir / "manifest.json").string();
  write_manifest_json(path, m, {"cents_to_dollars", "dbt_utils.star"}, "1234-abcd", "movies");
  json doc = json::parse(read_file(path));
  std::filesystem::remove_all(dir);
  CHECK(doc["metadata"]["invocation_id"] == "1234-abcd");
  CHECK(doc["metadata"]["project_name"] == "movies");
  CHECK(doc["macros"]["macro.movies.cents_to_dollars"]["package_name"] == "movies");
  CHECK(doc["macros"]["macro.dbt_utils.star"]["name"] == "star");
}
