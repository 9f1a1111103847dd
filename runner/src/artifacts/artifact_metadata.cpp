#include "artifacts/artifact_metadata.h"

#include "util/utc_time.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>
#include <random>

#include "util/strings.h"

namespace mrun::artifacts {

ArtifactMetadata new_metadata(std::string project_name, std::string mrun_version) {
  ArtifactMetadata m;
  m.project_name = std::move(project_name);
  m.mrun_version = std::move(mrun_version);
  m.invocation_id = new_invocation_id();
  m.generated_at = utc_timestamp_now();
  return m;
}

std::string new_invocation_id() {
  static thread_local std::mt19937_64 random{std::random_device{}()};
  unsigned char b[16];
  for (int i = 0; i < 16; i += 8) {
    uint64_t r = random();
    for (int k = 0; k < 8; ++k) b[i + k] = static_cast<unsigned char>(r >> (8 * k));
  }
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);  // version 4
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);  // RFC 4122 variant
  char out[37];
  std::snprintf(out, sizeof out, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
  return out;
}

std::string utc_timestamp_now() { return iso8601_utc(std::chrono::system_clock::now()); }

nlohmann::ordered_json metadata_json(const ArtifactMetadata& metadata, std::string_view schema_url) {
  return {{"dbt_schema_version", schema_url},
          {"dbt_version", metadata.mrun_version.empty() ? "unknown" : metadata.mrun_version},
          {"mrun_version", metadata.mrun_version},
          {"generated_at", metadata.generated_at},
          {"invocation_id", metadata.invocation_id},
          {"env", nlohmann::ordered_json::object()}};
}


}  // namespace mrun::artifacts
