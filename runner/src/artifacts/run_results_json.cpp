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

void write_result_json(JsonWriter& out, const exec::NodeResult& r, const graph::Manifest* manifest) {
  out.begin_object();
  out.key("status").string(exec::status_name(r.status));
  auto phase = [&](const char* name, const std::string& started_at, const std::string& completed_at) {
    out.begin_object();
    out.key("name").string(name);
    out.key("started_at").string(started_at);
    out.key("completed_at").string(completed_at);
    out.end_object();
  };
  out.key("timing").begin_array();
  if (!r.compiled_at.empty()) {
    phase("compile", r.started_at, r.compiled_at);
    phase("execute", r.compiled_at, r.completed_at);
  } else if (!r.started_at.empty()) {
    phase("execute", r.started_at, r.completed_at);
  }
  out.end_array();
  out.key("thread_id").string("Thread-" + std::to_string(r.thread_id + 1));
  out.key("execution_time").number(r.execution_time);
  out.key("adapter_response").begin_object();
  if (r.rows_affected >= 0) {
    out.key("_message").string(r.message);
    out.key("code").string(command_code(r.message));
    out.key("rows_affected").integer(r.rows_affected);
  }
  out.end_object();
  out.key("message").string_or_null(r.message);
  out.key("failures");
  if (r.failures >= 0) {
    out.integer(r.failures);
  } else {
    out.null();
  }
  out.key("unique_id").string(r.unique_id);
  // The SQL the run compiled, else what the manifest holds.
  size_t index = manifest ? manifest->find(r.unique_id) : graph::Manifest::npos;
  const std::string* compiled = !r.compiled_code.empty()           ? &r.compiled_code
                                : index != graph::Manifest::npos ? &manifest->nodes[index].compiled_code
                                                                 : nullptr;
  out.key("compiled").boolean(compiled && !compiled->empty());
  out.key("compiled_code").string_or_null(compiled ? *compiled : "");
  out.key("relation_name").string_or_null(r.relation);
  out.end_object();
}

namespace {

// The whole document, into `doc`.
void write_run_results(JsonWriter& doc, const std::vector<exec::NodeResult>& results, const graph::Manifest* manifest,
                       const ArtifactMetadata& metadata, double elapsed_time, const Json& args,
                       const std::string& run_error) {
  doc.begin_object();
  doc.key("metadata").raw(json_text(metadata_json(metadata, kRunResultsSchemaUrl)));
  doc.key("results").begin_array();
  write_members_in_parallel(doc, results.size(),
                            [&](size_t k, JsonWriter& out) { write_result_json(out, results[k], manifest); });
  doc.end_array();
  doc.key("elapsed_time").number(elapsed_time);
  doc.key("args").raw(json_text(args.is_null() ? Json::object() : args));
  if (!run_error.empty()) doc.key("error").string(run_error);
  doc.end_object();
}

}  // namespace

std::string run_results_json_text(const std::vector<exec::NodeResult>& results, const graph::Manifest* manifest,
                                  const ArtifactMetadata& metadata, double elapsed_time, const Json& args,
                                  const std::string& run_error) {
  std::string text;
  JsonWriter doc(text);
  write_run_results(doc, results, manifest, metadata, elapsed_time, args, run_error);
  return text;
}

void write_run_results_json(const std::string& path, const std::vector<exec::NodeResult>& results,
                            const graph::Manifest* manifest, const ArtifactMetadata& metadata, double elapsed_time,
                            const Json& args, const std::string& run_error) {
  AtomicFile file(path);
  std::string text;
  JsonWriter doc(text);
  doc.send_to(file);
  write_run_results(doc, results, manifest, metadata, elapsed_time, args, run_error);
  doc.finish();
  file.commit();
}

}  // namespace mrun::artifacts
