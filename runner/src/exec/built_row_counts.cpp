#include "exec/built_row_counts.h"

namespace mrun::exec {

void BuiltRowCounts::record(const std::string& relation, int64_t rows) {
  std::lock_guard lock(mutex_);
  rows_[relation] = rows;
}

std::optional<int64_t> BuiltRowCounts::find(const std::string& relation) const {
  std::lock_guard lock(mutex_);
  auto it = rows_.find(relation);
  if (it == rows_.end()) return std::nullopt;
  return it->second;
}

}  // namespace mrun::exec
