#include "artifacts/run_results_json.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "graph/test_manifest.h"
#include "util/strings.h"

using namespace mrun;
using namespace mrun::artifacts;
using nlohmann::json;

TEST_CASE("run_results.json lists every result in dbt's shape") {
  graph::Manifest m = graph::testing::movies_manifest();
  m.nodes[m.find("model.movies.fct_movie")].compiled_code = "select 42";

  exec::NodeResult model;
  model.unique_id = "model.movies.fct_movie";
  model.status = exec::NodeStatus::Success;
  model.message = "SELECT 4520";
  model.rows_affected = 4520;
  model.execution_time = 1.25;
  model.started_at = "2026-01-01T00:00:00.000000Z";
  model.completed_at = "2026-01-01T00:00:01.250000Z";
  model.relation = R"("core"."fct_movie")";
  model.thread_id = 1;

  exec::NodeResult test;
  test.unique_id = "test.movies.unique_dim_genre_genre_id";
  test.status = exec::NodeStatus::Fail;
  test.message = "Got 3 results, configured to fail if != 0";
  test.failures = 3;

  exec::NodeResult skipped;
  skipped.unique_id = "model.movies.mart_genre_year";
  skipped.status = exec::NodeStatus::Skipped;

  ArtifactMetadata meta = new_metadata("movies", "0.1.0");
  nlohmann::ordered_json args = {{"which", "build"}, {"select", {"fct_movie+"}}, {"threads", 4}};
  auto dir = std::filesystem::temp_directory_path() / ("mrun_run_results_" + meta.invocation_id);
  std::string path = (dir / "run_results.json").string();
  write_run_results_json(path, {model, test, skipped}, &m, meta, 3.5, args);
  json doc = json::parse(read_file(path));
  std::filesystem::remove_all(dir);

  CHECK(doc["metadata"]["dbt_schema_version"] == "https://schemas.getdbt.com/dbt/run-results/v5.json");
  CHECK(doc["metadata"]["invocation_id"] == meta.invocation_id);
  CHECK(doc["elapsed_time"] == 3.5);
  CHECK(doc["args"]["select"] == json::array({"fct_movie+"}));
  CHECK(doc["args"]["threads"] == 4);
  REQUIRE(doc["results"].size() == 3);

  const auto& r0 = doc["results"][0];
  CHECK(r0["unique_id"] == "model.movies.fct_movie");
  CHECK(r0["status"] == "success");
  CHECK(r0["timing"][0]["name"] == "execute");
  CHECK(r0["timing"][0]["started_at"] == "2026-01-01T00:00:00.000000Z");
  CHECK(r0["timing"][0]["completed_at"] == "2026-01-01T00:00:01.250000Z");
  CHECK(r0["thread_id"] == "Thread-2");
  CHECK(r0["execution_time"] == 1.25);
  CHECK(r0["adapter_response"]["rows_affected"] == 4520);
  CHECK(r0["adapter_response"]["code"] == "SELECT");
  CHECK(r0["adapter_response"]["_message"] == "SELECT 4520");
  CHECK(r0["message"] == "SELECT 4520");
  CHECK(r0["failures"].is_null());
  CHECK(r0["relation_name"] == R"("core"."fct_movie")");
  CHECK(r0["compiled_code"] == "select 42");

  const auto& r1 = doc["results"][1];
  CHECK(r1["status"] == "fail");
  CHECK(r1["failures"] == 3);
  CHECK(r1["adapter_response"] == json::object());
  CHECK(r1["timing"] == json::array());
  CHECK(r1["compiled_code"].is_null());

  const auto& r2 = doc["results"][2];
  CHECK(r2["status"] == "skipped");
  CHECK(r2["message"].is_null());
  CHECK(r2["relation_name"].is_null());
}

TEST_CASE("run results without a manifest or args still form a document") {
  exec::NodeResult r;
  r.unique_id = "model.x.y";
  r.status = exec::NodeStatus::Error;
  r.message = "relation \"raw.z\" does not exist";
  auto doc = nlohmann::ordered_json::parse(run_results_json_text({r}, nullptr, new_metadata("x", "0.1.0"), 0.5, nullptr));
  CHECK(doc["args"] == nlohmann::ordered_json::object());
  CHECK(doc["results"][0]["status"] == "error");
  CHECK(doc["results"][0]["compiled"] == false);
  CHECK(doc["results"][0]["message"] == "relation \"raw.z\" does not exist");
}

TEST_CASE("run_results.json takes a result's compiled SQL and splits its time into compile and execute") {
  graph::Manifest m = graph::testing::movies_manifest();
  exec::NodeResult model;
  model.unique_id = "model.movies.fct_movie";
  model.started_at = "2026-01-01T00:00:00.000000Z";
  model.compiled_at = "2026-01-01T00:00:00.010000Z";
  model.completed_at = "2026-01-01T00:00:01.000000Z";
  model.compiled_code = "select 43";
  std::string text;
  mrun::artifacts::JsonWriter writer(text);
  write_result_json(writer, model, &m);
  json entry = json::parse(text);
  CHECK(entry["compiled"] == true);
  CHECK(entry["compiled_code"] == "select 43");
  REQUIRE(entry["timing"].size() == 2);
  CHECK(entry["timing"][0]["name"] == "compile");
  CHECK(entry["timing"][0]["completed_at"] == "2026-01-01T00:00:00.010000Z");
  CHECK(entry["timing"][1]["name"] == "execute");
  CHECK(entry["timing"][1]["started_at"] == "2026-01-01T00:00:00.010000Z");
}
