#include "artifacts/sources_json.h"

#include <nlohmann/json.hpp>

#include "util/strings.h"

namespace mrun::artifacts {

const char* const kSourcesSchemaUrl = "https://schemas.getdbt.com/dbt/sources/v3.json";

namespace {

using Json = nlohmann::ordered_json;

Json threshold_json(const std::optional<project::FreshnessThreshold>& t) {
  if (!t) return {{"count", nullptr}, {"period", nullptr}};
  return {{"count", t->count}, {"period", t->period}};
}

Json result_json(const FreshnessResult& r) {
  Json timing = Json::array();
  if (!r.started_at.empty())
    timing.push_back({{"name", "execute"}, {"started_at", r.started_at}, {"completed_at", r.completed_at}});
  if (r.status == "runtime error")
    return {{"unique_id", r.unique_id}, {"error", r.error}, {"status", r.status}};
  return {{"unique_id", r.unique_id},
          {"max_loaded_at", r.max_loaded_at.empty() ? Json() : Json(r.max_loaded_at)},
          {"snapshotted_at", r.snapshotted_at},
          {"max_loaded_at_time_ago_in_s", r.age_seconds ? Json(*r.age_seconds) : Json()},
          {"status", r.status},
          {"criteria",
           {{"warn_after", threshold_json(r.criteria.warn_after)},
            {"error_after", threshold_json(r.criteria.error_after)},
            {"filter", r.criteria.filter.empty() ? Json() : Json(r.criteria.filter)}}},
          {"adapter_response", Json::object()},
          {"timing", timing},
          {"thread_id", "Thread-1"},
          {"execution_time", r.execution_time}};
}

}  // namespace

std::string sources_json_text(const std::vector<FreshnessResult>& results, const ArtifactMetadata& metadata,
                              double elapsed_time) {
  Json doc = {{"metadata", metadata_json(metadata, kSourcesSchemaUrl)}, {"results", Json::array()}};
  for (const FreshnessResult& r : results) doc["results"].push_back(result_json(r));
  doc["elapsed_time"] = elapsed_time;
  return doc.dump(2);
}

void write_sources_json(const std::string& path, const std::vector<FreshnessResult>& results,
                        const ArtifactMetadata& metadata, double elapsed_time) {
  write_file_atomic(path, sources_json_text(results, metadata, elapsed_time));
}

}  // namespace mrun::artifacts
