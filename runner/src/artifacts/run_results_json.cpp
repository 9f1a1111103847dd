#include "artifacts/run_results_json.h"

#include <nlohmann/json.hpp>

#include "artifacts/json_text.h"
#include "util/strings.h"

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
  if (!r.compiled_at.empty()) {
    timing.push_back({{"name", "compile"}, {"started_at", r.started_at}, {"completed_at", r.compiled_at}});
    timing.push_back({{"name", "execute"}, {"started_at", r.compiled_at}, {"completed_at", r.completed_at}});
  } else if (!r.started_at.empty()) {
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
  // The SQL the run compiled, else what the manifest holds.
  size_t index = manifest ? manifest->find(r.unique_id) : graph::Manifest::npos;
  const std::string* compiled = !r.compiled_code.empty()           ? &r.compiled_code
                                : index != graph::Manifest::npos ? &manifest->nodes[index].compiled_code
                                                                 : nullptr;
  out["compiled"] = compiled && !compiled->empty();
  out["compiled_code"] = compiled && !compiled->empty() ? Json(*compiled) : Json(nullptr);
  out["relation_name"] = r.relation.empty() ? Json(nullptr) : Json(r.relation);
  return out;
}

std::string run_results_json_text(const std::vector<exec::NodeResult>& results, const graph::Manifest* manifest,
                                  const ArtifactMetadata& metadata, double elapsed_time, const Json& args,
                                  const std::string& run_error) {
  auto items = json_texts_in_parallel(results.size(), [&](size_t k) { return result_json(results[k], manifest); });
  size_t size = 4096;
  for (const auto& item : items) size += item.size() + 1;
  std::string out;
  out.reserve(size);  // written once, in place: no regrowth copies
  JsonObjectWriter doc(out);
  doc.member("metadata", json_text(metadata_json(metadata, kRunResultsSchemaUrl)));
  std::string& list = doc.value_of("results");
  list += '[';
  for (size_t k = 0; k < items.size(); ++k) {
    (list += k ? "," : "") += items[k];
    std::string().swap(items[k]);  // freed once copied: its memory serves the next texts
  }
  list += ']';
  doc.member("elapsed_time", json_text(elapsed_time));
  doc.member("args", json_text(args.is_null() ? Json::object() : args));
  if (!run_error.empty()) doc.member("error", json_text(Json(run_error)));
  doc.close();
  return out;
}

void write_run_results_json(const std::string& path, const std::vector<exec::NodeResult>& results,
                            const graph::Manifest* manifest, const ArtifactMetadata& metadata, double elapsed_time,
                            const Json& args, const std::string& run_error) {
  write_file_atomic(path, run_results_json_text(results, manifest, metadata, elapsed_time, args, run_error));
}

}  // namespace mrun::artifacts
