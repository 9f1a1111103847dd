#include "artifacts/run_results_json.h"

#include <nlohmann/json.hpp>

namespace mrun::artifacts {

using Json = nlohmann::ordered_json;

const char* const kRunResultsSchemaUrl = "https://schemas.getdbt.com/dbt/run-results/v5.json";

namespace {

// "SELECT 4520" -> "SELECT": PostgreSQL's command tag, dbt's "code".
std::string command_code(const std::string& message) {
  size_t end = message.find(' ');
  return message.substr(0, end);
}

}  // namespace

Json result_json(const exec::NodeResult& r, const graph::Manifest* manifest) {
  Json out = Json::object();
  out["status"] = exec::status_name(r.status);
  Json timing = Json::array();
  if (!r.started_at.empty()) {
    timing.push_back({{"name", "execute"}, {"started_at", r.started_at}, {"completed_at", r.completed_at}});
  }
  out["timing"] = timing;
  out["thread_id"] = "Thread-" + std::to_string(r.thread_id + 1);
  out["execution_time"] = r.execution_time;
  Json adapter = Json::object();
  if (r.rows_affected >= 0) {
    adapter["_message"] = r.message;
    adapter["code"] = command_code(r.message);
    adapter["rows_affected"] = r.rows_affected;
  }
  out["adapter_response"] = adapter;
  out["message"] = r.message.empty() ? Json(nullptr) : Json(r.message);
  out["failures"] = r.failures >= 0 ? Json(r.failures) : Json(nullptr);
  out["unique_id"] = r.unique_id;
  size_t index = manifest ? manifest->find(r.unique_id) : graph::Manifest::npos;
  const std::string* compiled = index != graph::Manifest::npos ? &manifest->nodes[index].compiled_code : nullptr;
  out["compiled"] = compiled && !compiled->empty();
  out["compiled_code"] = compiled && !compiled->empty() ? Json(*compiled) : Json(nullptr);
  out["relation_name"] = r.relation.empty() ? Json(nullptr) : Json(r.relation);
  return out;
}

Json run_results_json(const std::vector<exec::NodeResult>& results, const graph::Manifest* manifest,
                      const ArtifactMetadata& metadata, double elapsed_time, const Json& args) {
  Json items = Json::array();
  for (const auto& r : results) items.push_back(result_json(r, manifest));
  return {{"metadata", metadata_json(metadata, kRunResultsSchemaUrl)},
          {"results", items},
          {"elapsed_time", elapsed_time},
          {"args", args.is_null() ? Json::object() : args}};
}

void write_run_results_json(const std::string& path, const std::vector<exec::NodeResult>& results,
                            const graph::Manifest* manifest, const ArtifactMetadata& metadata, double elapsed_time,
                            const Json& args) {
  write_json_atomic(path, run_results_json(results, manifest, metadata, elapsed_time, args));
}


}  // namespace mrun::artifacts
