#include "task/parse_task.h"

#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>

#include "artifacts/manifest_json.h"
#include "task/prepared_project.h"
#include "util/strings.h"

namespace mrun::task {

int run_parse_task(ProjectSession& session, const CommonOptions& options) {
  auto start = std::chrono::steady_clock::now();
  PreparedProject& p = prepare_project(session, options, /*start_database=*/false);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::map<std::string, int> counts;
  int disabled = 0;
  for (const graph::Node& node : p.parsed.manifest.nodes) {
    if (!node.enabled()) {
      ++disabled;
      continue;
    }
    ++counts[graph::kind_name(node.kind)];
  }
  const project::ProjectConfig& config = session.project();
  std::string path = target_dir(config) + "/manifest.json";
  artifacts::write_manifest_json(path, p.parsed.manifest, p.context->macro_names(),
                                 p.context->settings().invocation_id, config.name);
  std::vector<std::string> parts;
  for (const auto& [kind, count] : counts) parts.push_back(std::to_string(count) + " " + kind + (count == 1 ? "" : "s"));
  parts.push_back(std::to_string(p.context->macro_names().size()) + " macros");
  if (disabled) parts.push_back(std::to_string(disabled) + " disabled");
  char elapsed[32];
  std::snprintf(elapsed, sizeof elapsed, "%.2f", seconds);
  if (!options.quiet)
    std::cout << "Parsed " << join(parts, ", ") << " in " << elapsed << "s; wrote " << path << "\n";
  return kExitOk;
}

}  // namespace mrun::task
