#include "exec/run_recap.h"

#include <algorithm>

namespace mrun::exec {

std::vector<RecapEntry> recap_of(const std::vector<NodeResult>& results, const graph::Manifest& manifest) {
  std::vector<RecapEntry> recap;
  for (const NodeResult& r : results) {
    if (r.status != NodeStatus::Error && r.status != NodeStatus::Fail && r.status != NodeStatus::Skipped) continue;
    size_t i = manifest.find(r.unique_id);
    std::string file;
    if (i != graph::Manifest::npos)
      file = manifest.nodes[i].original_file_path.empty() ? manifest.nodes[i].path : manifest.nodes[i].original_file_path;
    recap.push_back({r.unique_id, r.status, file, r.message});
  }
  std::stable_partition(recap.begin(), recap.end(),
                        [](const RecapEntry& e) { return e.status != NodeStatus::Skipped; });
  return recap;
}

}  // namespace mrun::exec
